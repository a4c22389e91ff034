using SgDesigner.Core.Samples;
using SgDesigner.Web.Hosting;
using static SgDesigner.Web.Tests.Corpus.BadInputKind;
using static SgDesigner.Web.Tests.Corpus.CaseBuilder;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>
/// Every write endpoint with a body it accepts, and every field of it spoilt in each way that applies: too long, NUL,
/// another control character, the wrong JSON type, out of range, missing, a malformed identifier. <see cref="Cases"/>
/// must each be refused today; <see cref="LimitCases"/> need the AWS limits table (issue 12) and are explicit until it lands.
/// </summary>
public static class BadInputCorpus
{
    private const string Vpc = DemoEstate.VpcId;
    private const string Web = DemoEstate.Web;
    private const string WebRule = "sgr-0a1b0000000000011";
    private const string Drafts = "/api/drafts/{draft}";

    /// <summary>The endpoints, by name.</summary>
    public static IReadOnlyDictionary<string, CorpusEndpoint> Endpoints { get; } = new CorpusEndpoint[]
    {
        new("CreateGroup", HttpMethod.Post, $"{Drafts}/groups",
            $$$"""{"name":"corpus-group","description":"made by the corpus","vpcId":"{{{Vpc}}}","tags":{"env":"test"}}""", DraftVersion: true),
        new("UpdateGroup", HttpMethod.Put, $"{Drafts}/groups/{Web}",
            $$$"""{"name":"demo-web","description":"changed by the corpus","vpcId":"{{{Vpc}}}","tags":{"env":"test"}}""", DraftVersion: true),
        new("CreateRule", HttpMethod.Post, $"{Drafts}/groups/{Web}/rules",
            """{"direction":"inbound","protocol":"tcp","fromPort":8081,"toPort":8082,"cidr":"10.9.0.0/16","description":"corpus"}""", DraftVersion: true),
        new("CreateGroupRule", HttpMethod.Post, $"{Drafts}/groups/{Web}/rules",
            $$"""{"direction":"inbound","protocol":"udp","fromPort":53,"groupId":"{{DemoEstate.App}}"}""", DraftVersion: true),
        new("CreateIcmpRule", HttpMethod.Post, $"{Drafts}/groups/{Web}/rules",
            """{"direction":"outbound","protocol":"icmp","fromPort":8,"toPort":0,"cidr":"10.9.0.0/16"}""", DraftVersion: true),
        new("PutRule", HttpMethod.Put, $"{Drafts}/groups/{Web}/rules/{WebRule}",
            """{"direction":"inbound","protocol":"tcp","fromPort":8080,"toPort":8080,"cidr":"10.9.0.0/16","description":"corpus"}""", DraftVersion: true),
        new("PutInstance", HttpMethod.Put, $"{Drafts}/instances/i-0c0ffee0000000001",
            """{"name":"corpus-instance","tags":{"team":"corpus"}}""", DraftVersion: true),
        new("PutNetworkInterface", HttpMethod.Put, $"{Drafts}/network-interfaces/eni-0c0ffee0000000001",
            $$"""{"vpcId":"{{Vpc}}","subnetId":"subnet-0bb00000000000001","deviceIndex":1,"privateIps":["10.0.10.99"],"groupIds":["{{Web}}"],"description":"corpus eni"}""",
            DraftVersion: true),
        new("PutVpc", HttpMethod.Put, $"{Drafts}/vpcs/vpc-0c0ffee0000000001", """{"name":"corpus-vpc","cidrs":["10.50.0.0/16"]}""", DraftVersion: true),
        new("PutSubnet", HttpMethod.Put, $"{Drafts}/subnets/subnet-0c0ffee0000000001",
            $$"""{"vpcId":"{{Vpc}}","cidr":"10.0.99.0/24","ipv6Cidr":"2600:1f18:4a3:6e99::/64","availabilityZone":"us-east-1a","name":"corpus-subnet"}""", DraftVersion: true),
        new("PutPrefixList", HttpMethod.Put, $"{Drafts}/prefix-lists/pl-0c0ffee0000000001",
            """{"name":"corpus-list","family":"ipv4","entries":["10.60.0.0/16"]}""", DraftVersion: true),
        new("SetQuotas", HttpMethod.Put, $"{Drafts}/quotas", """{"rulesPerDirection":60,"groupsPerEni":5}""", DraftVersion: true),
        new("CreatePolicy", HttpMethod.Post, "/api/policies", """{"name":"corpus policy","description":"made by the corpus"}"""),
        new("RenamePolicy", HttpMethod.Put, "/api/policies/{policy}", """{"name":"corpus policy renamed","description":"renamed by the corpus"}""",
            VersionOf: "/api/policies/{policy}"),
        new("SetSettings", HttpMethod.Put, "/api/policies/{policy}/settings", """{"requiredApprovals":2,"assertions":""}""",
            VersionOf: "/api/policies/{policy}/settings"),
        new("AddMember", HttpMethod.Post, "/api/policies/{policy}/members", """{"email":"new.person@example.test","role":"viewer"}"""),
        new("ChangeRole", HttpMethod.Put, "/api/policies/{policy}/members/{member}", """{"role":"reviewer"}""",
            VersionOf: "/api/policies/{policy}/members"),
        new("Invite", HttpMethod.Post, "/api/invitations", """{"email":"invitee@example.test"}"""),
        new("CreateToken", HttpMethod.Post, "/api/account/tokens",
            """{"name":"corpus token","scope":"read","policyId":"{policy}","expiresAt":"2036-01-01T00:00:00Z"}"""),
        new("CreateDraft", HttpMethod.Post, "/api/policies/{policy}/drafts", """{"title":"corpus draft","baseRevision":1}"""),
        new("PublishDraft", HttpMethod.Post, $"{Drafts}/publish", """{"message":"corpus publish"}""", DraftVersion: true),
        new("OpenRequest", HttpMethod.Post, $"{Drafts}/request", """{"title":"corpus request","description":"made by the corpus"}"""),
        new("Comment", HttpMethod.Post, "/api/requests/{request}/comments", $$"""{"body":"a comment","groupId":"{{Web}}","ruleId":"{{WebRule}}"}"""),
        new("Review", HttpMethod.Post, "/api/requests/{request}/reviews", """{"verdict":"approve","body":"looks good"}""", CorpusCaller.Reviewer,
            VersionOf: "/api/requests/{request}"),
        new("DismissReview", HttpMethod.Post, "/api/requests/{request}/reviews/{review}/dismiss", """{"reason":"no longer applies"}"""),
        new("Resolve", HttpMethod.Post, "/api/requests/{request}/resolve", """{"version":1,"choices":{"groups[sg-1]":"ours"}}""", CorpusCaller.Author),
        new("ImportDocument", HttpMethod.Post, "/api/policies/import", CorpusWorld.PolicyDocument, Kind: CorpusBody.ImportFile),
        new("ImportDocumentWithAcls", HttpMethod.Post, "/api/policies/import", CorpusWorld.PolicyDocumentWithAcls, Kind: CorpusBody.ImportFile),
        new("ImportAws", HttpMethod.Post, "/api/policies/import", CorpusWorld.SecurityGroupsFile, Kind: CorpusBody.ImportFile),
    }.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The cases enforced today, by name.</summary>
    public static IReadOnlyDictionary<string, BadInputCase> Cases { get; } = Named(Enforced());

    /// <summary>The cases that need the AWS limits table (identifier formats, tag counts and sizes, the description character set), by name.</summary>
    public static IReadOnlyDictionary<string, BadInputCase> LimitCases { get; } = Named(Limits());

    private static IEnumerable<BadInputCase> Enforced()
    {
        foreach (var endpoint in (string[])["CreateGroup", "UpdateGroup"])
            foreach (var c in new CaseBuilder(endpoint)
                .Text("name", 255).Required("name").Case(OutOfRange, "name", Str("sg-web"))
                .Text("description", 255)
                .Required("vpcId").Case(WrongType, "vpcId", "{}").Case(OutOfRange, "vpcId", Str("vpc-0ffffffffffffffff"))
                .Case(WrongType, "tags", Str("env=test")).Case(WrongType, "tags", "[\"env\"]").Case(WrongType, "tags.env", "42").Case(WrongType, "tags.env", "null", "tags")
                .Case(TooLong, "tags.env", Str(new string('v', 300)), "tags")
                .Case(Nul, "tags.env", Str("te\u0000st"), "tags").Case(ControlCharacter, "tags.env", Str("te\u0007st"), "tags")
                .Case(TooLong, "tags." + new string('k', 129), Str("v"), "tags").Case(Nul, "tags.e\u0000nv", Str("v"), "tags")
                .Case(WrongType, "version", Str("abc")).Cases)
                yield return c;
        foreach (var c in new CaseBuilder("CreateGroup").Case(WrongType, "id", "42").Case(WrongType, "id", "{}").Case(Nul, "id", Str("sg-0\u0000a"), "groups[sg-0\u0000a]").Cases)
            yield return c;

        foreach (var endpoint in (string[])["CreateRule", "PutRule"])
            foreach (var c in new CaseBuilder(endpoint)
                .Required("direction").Choice("direction", "sideways", "in\u0000bound")
                .Required("protocol").Choice("protocol", "tcpx", "256", "-2")
                .Number("fromPort", "70000", "-5", "2147483648").Number("toPort", "65536", "-7")
                .Case(OutOfRange, "toPort", "80")
                // Numbers are JSON numbers: the web defaults' reading of "22" as 22 is off.
                .Case(WrongType, "fromPort", Str("22")).Case(WrongType, "toPort", Str("443")).Case(WrongType, "version", Str("1"))
                // A peer that does not parse or does not exist is named as the rule's peer, whichever field gave it.
                .Case(OutOfRange, "cidr", Str("10.0.0.0/33"), "peer").Case(OutOfRange, "cidr", Str("300.1.1.1/8"), "peer")
                .Case(Nul, "cidr", Str("10.0.0.0/8\u0000"), "peer").Case(WrongType, "cidr", "[\"10.0.0.0/8\"]")
                .Case(TooLong, "cidr", Str(new string('1', 100)), "peer")
                .Text("description", 255)
                .Case(WrongType, "version", Str("abc")).Cases)
                yield return c;
        foreach (var c in new CaseBuilder("CreateGroupRule")
            .Case(OutOfRange, "groupId", Str("sg-0ffffffffffffffff"), "peer").Case(WrongType, "groupId", "7").Case(Nul, "groupId", Str("sg-0\u0000"), "peer")
            .Case(Missing, "groupId", null, "peer").Cases)
            yield return c;
        foreach (var c in new CaseBuilder("CreateIcmpRule")
            .Case(OutOfRange, "fromPort", "256").Case(OutOfRange, "fromPort", "-2").Case(OutOfRange, "toPort", "256")
            .Case(OutOfRange, "fromPort", "-1", "toPort").Cases)
            yield return c;
        foreach (var c in new CaseBuilder("CreateRule")
            .Case(WrongType, "prefixListId", "[]").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("PutInstance")
            .Text("name", 255)
            .Case(WrongType, "tags", "[]").Case(WrongType, "tags.team", "true").Case(WrongType, "tags.team", "null", "tags").Case(TooLong, "tags.team", Str(new string('v', 300)), "tags")
            .Case(Nul, "tags.team", Str("a\u0000"), "tags").Case(TooLong, "tags." + new string('k', 129), Str("v"), "tags")
            .Case(WrongType, "version", "[1]").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("PutNetworkInterface")
            .Required("vpcId").Case(WrongType, "vpcId", "1").Case(OutOfRange, "vpcId", Str("vpc-0ffffffffffffffff"))
            .Case(OutOfRange, "subnetId", Str("subnet-0ffffffffffffffff")).Case(WrongType, "subnetId", "[]")
            .Case(OutOfRange, "instanceId", Str("i-0ffffffffffffffff")).Case(WrongType, "instanceId", "false")
            .Number("deviceIndex", "-1")
            .Case(WrongType, "privateIps", Str("10.0.10.99")).Case(WrongType, "privateIps[0]", "10").Case(WrongType, "privateIps[0]", "null")
            .Case(OutOfRange, "privateIps[0]", Str("10.0.10.999")).Case(Nul, "privateIps[0]", Str("10.0.10.9\u0000"))
            .Case(OutOfRange, "publicIp", Str("not an address")).Case(WrongType, "publicIp", "3")
            .Case(WrongType, "groupIds", Str(Web)).Case(WrongType, "groupIds[0]", "{}").Case(WrongType, "groupIds[0]", "null").Case(OutOfRange, "groupIds[0]", Str("sg-0ffffffffffffffff"), "groupIds")
            .Case(OutOfRange, "groupIds", """["sg-0a1b000000000a1b0","sg-0a1b000000000eb00","sg-0a1b0000000000a99","sg-0a1b0000000000db0","sg-0a1b00000000ba570","sg-0a1b000000000a1b0"]""")
            .Text("description", 255).Cases)
            yield return c;

        foreach (var c in new CaseBuilder("PutVpc")
            .Text("name", 255)
            .Case(Missing, "cidrs", null).Case(Missing, "cidrs", "[]").Case(WrongType, "cidrs", Str("10.50.0.0/16")).Case(WrongType, "cidrs[0]", "10").Case(WrongType, "cidrs[0]", "null")
            .Case(OutOfRange, "cidrs[0]", Str("10.50.0.0/33")).Case(Nul, "cidrs[0]", Str("\u000010.50.0.0/16")).Case(TooLong, "cidrs[0]", Str(new string('9', 60)))
            .Case(WrongType, "version", "true").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("PutSubnet")
            .Required("vpcId").Case(WrongType, "vpcId", "[]").Case(OutOfRange, "vpcId", Str("vpc-0ffffffffffffffff"))
            .Required("cidr").Case(OutOfRange, "cidr", Str("10.0.99.0/40")).Case(WrongType, "cidr", "24").Case(Nul, "cidr", Str("10.0.99.0\u0000/24"))
            .Case(OutOfRange, "ipv6Cidr", Str("2600::/129")).Case(WrongType, "ipv6Cidr", "6")
            .Text("availabilityZone", 64).Text("name", 255).Cases)
            yield return c;

        foreach (var c in new CaseBuilder("PutPrefixList")
            .Text("name", 255).Required("name")
            .Choice("family", "ipv5", "v4\u0000")
            .Case(WrongType, "entries", Str("10.60.0.0/16")).Case(WrongType, "entries[0]", "1").Case(WrongType, "entries[0]", "null")
            .Case(OutOfRange, "entries[0]", Str("10.60.0.0/99")).Case(OutOfRange, "entries[0]", Str("2600::/64")).Case(Nul, "entries[0]", Str("10.60.0.0/16\u0000"))
            .Case(OutOfRange, "maxEntries", "0").Case(OutOfRange, "maxEntries", "1001").Case(WrongType, "maxEntries", Str("ten")).Case(WrongType, "maxEntries", "2.5")
            .Cases)
            yield return c;

        foreach (var c in new CaseBuilder("SetQuotas")
            .Number("rulesPerDirection", "0", "-1", "1001", "2147483648").Case(WrongType, "rulesPerDirection", Str("60"))
            .Number("groupsPerEni", "0", "17").Case(WrongType, "groupsPerEni", Str("5"))
            .Case(OutOfRange, "rulesPerDirection", "1000", "groupsPerEni")
            .Case(WrongType, "version", Str("1")).Case(WrongType, "version", "1.5").Cases)
            yield return c;
        foreach (var c in new CaseBuilder("PutPrefixList").Case(WrongType, "maxEntries", Str("10")).Cases)
            yield return c;

        foreach (var endpoint in (string[])["CreatePolicy", "RenamePolicy"])
            foreach (var c in new CaseBuilder(endpoint).Text("name", 200).Required("name").Text("description", 2000).Cases)
                yield return c;

        foreach (var c in new CaseBuilder("SetSettings")
            .Number("requiredApprovals", "0", "21", "-1", "2147483648")
            .Case(WrongType, "assertions", "[]").Case(WrongType, "assertions", "5")
            .Case(OutOfRange, "assertions", Str("this is not an assertion")).Case(OutOfRange, "assertions", Str("{\"from\": 5}"))
            .Case(Nul, "assertions", Str("\u0000")).Case(TooLong, "assertions", Str(new string(' ', 100_001))).Cases)
            yield return c;

        foreach (var c in new CaseBuilder("AddMember")
            .Case(OutOfRange, "email", Str("no-at-sign")).Case(TooLong, "email", Str(new string('a', 250) + "@example.test"))
            .Case(Nul, "email", Str("a\u0000b@example.test")).Case(ControlCharacter, "email", Str("a\u0007b@example.test")).Case(WrongType, "email", "1")
            .Case(Missing, "email", null).Case(WrongType, "userId", Str("not-a-guid")).Case(WrongType, "userId", "12")
            .Case(OutOfRange, "userId", Str(Guid.Empty.ToString()), "userId")
            .Required("role").Choice("role", "superuser", "admin").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("ChangeRole").Case(Missing, "role", null).Choice("role", "king", "").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("Invite")
            .Required("email").Case(OutOfRange, "email", Str("nobody")).Case(TooLong, "email", Str(new string('a', 250) + "@example.test"))
            .Case(Nul, "email", Str("a\u0000@example.test")).Case(ControlCharacter, "email", Str("a\u001f@example.test")).Case(WrongType, "email", "[]").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("CreateToken")
            .Text("name", 100).Required("name")
            .Case(Missing, "scope", null).Choice("scope", "admin", "everything")
            .Case(WrongType, "policyId", Str("policy-1")).Case(WrongType, "policyId", "1").Case(OutOfRange, "policyId", Str(Guid.Empty.ToString()))
            .Case(WrongType, "expiresAt", Str("next tuesday")).Case(WrongType, "expiresAt", "20360101").Case(OutOfRange, "expiresAt", Str("2001-01-01T00:00:00Z"))
            .Cases)
            yield return c;

        foreach (var c in new CaseBuilder("CreateDraft").Text("title", 200).Number("baseRevision", "0", "-1", "999999").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("PublishDraft").Text("message", 2000).Required("message").Case(WrongType, "version", Str("v1")).Cases)
            yield return c;

        foreach (var c in new CaseBuilder("OpenRequest").Text("title", 200).Required("title").Text("description", 10000).Cases)
            yield return c;

        foreach (var c in new CaseBuilder("Comment")
            .Text("body", 10000).Required("body")
            .Case(WrongType, "groupId", "1").Case(OutOfRange, "groupId", Str("sg-0ffffffffffffffff")).Case(Nul, "groupId", Str("sg-\u0000"))
            .Case(WrongType, "ruleId", "{}").Case(OutOfRange, "ruleId", Str("sgr-0ffffffffffffffff")).Case(TooLong, "ruleId", Str("sgr-" + new string('0', 60)))
            .Cases)
            yield return c;

        foreach (var c in new CaseBuilder("Review").Required("verdict").Choice("verdict", "lgtm", "approve\u0000").Text("body", 10000).Cases)
            yield return c;

        foreach (var c in new CaseBuilder("DismissReview").Text("reason", 500).Required("reason").Cases)
            yield return c;

        // A missing version is no bad input but a missing precondition (428): ConditionalRequestsTests.
        foreach (var c in new CaseBuilder("Resolve")
            .Number("version")
            .Case(WrongType, "choices", "[]").Case(OutOfRange, "choices.groups[sg-1]", Str("mine"), "choices[groups[sg-1]]")
            .Case(WrongType, "choices.groups[sg-1]", "1", "choices['groups[sg-1]']").Cases)
            yield return c;

        foreach (var c in new CaseBuilder("ImportDocument")
            .Text("form.name", 200).Text("form.description", 2000)
            .Case(WrongType, "name", "5").Case(TooLong, "name", Str(new string('n', 201))).Case(Nul, "name", Str("im\u0000port"))
            .Case(WrongType, "groups", "{}").Case(WrongType, "groups[0]", "[]").Case(WrongType, "groups[0].rules[0].fromPort", Str("abc"))
            .Case(OutOfRange, "groups[0].rules[0].fromPort", "70000").Case(OutOfRange, "groups[0].rules[0].protocol", Str("tcpx"))
            .Case(Missing, "groups[0].vpcId", null).Case(OutOfRange, "groups[0].vpcId", Str("vpc-0ffffffffffffffff"))
            .Case(TooLong, "groups[0].name", Str(new string('g', 256))).Case(Nul, "groups[0].description", Str("a\u0000b"))
            .Case(ControlCharacter, "groups[0].rules[0].description", Str("a\u0008b")).Case(TooLong, "groups[0].rules[0].description", Str(new string('d', 256)))
            .Case(OutOfRange, "groups[0].rules[0].cidr", Str("0.0.0.0/99")).Case(OutOfRange, "groups[0].name", Str("sg-imported"))
            .Case(OutOfRange, "quotas.rulesPerDirection", "0").Case(OutOfRange, "quotas.groupsPerEni", "17").Case(WrongType, "quotas", "3")
            .Case(Nul, "vpcs[0].name", Str("v\u0000")).Case(TooLong, "instances[0].name", Str(new string('i', 256)))
            .Case(OutOfRange, "networkInterfaces[0].privateIps[0]", Str("10.0.0.300")).Case(OutOfRange, "schemaVersion", "99")
            .Cases)
            yield return c;

        // The body as a whole, at every JSON endpoint: another type, nothing, cut short, another media type.
        foreach (var endpoint in Endpoints.Values.Where(e => e.Kind == CorpusBody.Json))
            foreach (var c in new CaseBuilder(endpoint.Name)
                .Body(WrongType, "[]", "body").Body(WrongType, Str("text"), "body").Body(WrongType, "42", "body")
                .Body(Missing, "", "body").Body(Envelope, "{", "body").Body(Envelope, endpoint.Body, "body", "text/plain").Cases)
                yield return c;
        // The first property given again in front, with another value: refused at that property, not read as the last one.
        foreach (var endpoint in Endpoints.Values.Where(e => e.Kind == CorpusBody.Json && e.Body.StartsWith("{\"", StringComparison.Ordinal)))
        {
            var first = endpoint.Body[2..endpoint.Body.IndexOf('"', 2)];
            yield return new CaseBuilder(endpoint.Name).Body(Duplicate, $$"""{"{{first}}":null,{{endpoint.Body[1..]}}""", first).Cases[0];
        }
        foreach (var c in new CaseBuilder("CreateRule").Body(Envelope, new string(' ', (int)ApiErrorHandling.MaxRequestBodyBytes + 1), "body").Cases)
            yield return c;
        foreach (var c in new CaseBuilder("ImportDocument")
            .Body(Envelope, CorpusWorld.PolicyDocument, "body", "application/json")
            .Body(Envelope, "--a\r\nContent-Disposition: form-data; name=\"files\"; filename=\"p.json\"\r\n\r\n{}\r\n--a--\r\n", "files", "multipart/form-data; boundary=b")
            .Body(Envelope, "--a\r\nContent-Disposition: form-data; name=\"files\"; filename=\"p.json\"\r\n\r\n{\"schemaVer", "files", "multipart/form-data; boundary=a")
            .Body(Envelope, "--a\r\nContent-Disposition: form-data; name=\"files\"; filename=\"p.json\"\r\n\r\n\r\n--a--\r\n", "p.json:$", "multipart/form-data; boundary=a")
            .Cases)
            yield return c;

        // Network ACLs in a policy document: what AWS never holds, at its place ($.networkAcls[0].inbound[0].ruleNumber).
        foreach (var c in new CaseBuilder("ImportDocumentWithAcls")
            .Case(OutOfRange, "networkAcls[0].inbound[0].ruleNumber", "40000").Case(OutOfRange, "networkAcls[0].outbound[0].ruleNumber", "0")
            .Case(WrongType, "networkAcls[0].inbound[0].ruleNumber", Str("100")).Case(OutOfRange, "networkAcls[0].inbound[0].action", Str("maybe"))
            .Case(TooLong, "networkAcls[0].id", Str("acl-" + new string('a', 100_000))).Case(Nul, "networkAcls[0].id", Str("acl-\u0000"))
            .Case(OutOfRange, "networkAcls[0].subnetIds[0]", Str("subnet-0ffffffffffffffff"))
            .Case(OutOfRange, "networkAcls[0].inbound[0].fromPort", "70000")
            .Cases)
            yield return c;

        foreach (var c in new CaseBuilder("ImportAws")
            .Case(WrongType, "SecurityGroups", "{}").Case(WrongType, "SecurityGroups[0].IpPermissions[0].FromPort", Str("abc"))
            .Case(OutOfRange, "SecurityGroups[0].IpPermissions[0].FromPort", "70000")
            .Case(OutOfRange, "SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp", Str("10.0.0.0/33"))
            .Case(Nul, "SecurityGroups[0].GroupName", Str("web\u0000"), "name").Case(TooLong, "SecurityGroups[0].Description", Str(new string('d', 256)))
            .Case(Missing, "SecurityGroups[0].GroupId", null).Case(WrongType, "SecurityGroups[0].IpPermissions", "7")
            .Case(ControlCharacter, "SecurityGroups[0].IpPermissions[0].IpRanges[0].Description", Str("x\u0001y"))
            .Cases)
            yield return c;
    }

    // Identifier formats, tag counts and sizes, the description character set and the prefix-list size (AwsLimits). An id a
    // writer gives a new object over the API must have AWS's exact shape (prefix and 8 or 17 lowercase hex digits); an import
    // keeps other ids with a warning (the import's own tests), so that is not a case here.
    private static IEnumerable<BadInputCase> Limits()
    {
        var tooManyTags = "{" + string.Join(",", Enumerable.Range(1, 51).Select(i => $"\"k{i}\":\"v\"")) + "}";
        var tooManyEntries = "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"10.{i / 256}.{i % 256}.0/24\"")) + "]";
        foreach (var endpoint in (string[])["CreateGroup", "UpdateGroup"])
        {
            foreach (var c in new CaseBuilder(endpoint).Case(OutOfRange, "description", Str("caf\u00e9 <script>")).Case(MalformedId, "vpcId", Str("vpc-not-hex")).Cases)
                yield return c;
            foreach (var c in new CaseBuilder(endpoint).Case(OutOfRange, "tags", tooManyTags).Cases)
                yield return c;
        }
        foreach (var c in new CaseBuilder("CreateGroup").Case(MalformedId, "id", Str("group-1"), "groups[group-1]").Cases)
            yield return c;
        foreach (var id in (string[])["sg-web", "sg-0123", "sg-0A1B2C3D4E5F60718", "sg-0123456789abcdefg", "group-0123456789abcdef0"])
        {
            foreach (var c in new CaseBuilder("CreateGroup").Case(MalformedId, "id", Str(id), $"groups[{id}].id").Cases)
                yield return c;
        }
        foreach (var (endpoint, path, ids) in NewIdRoutes)
        {
            foreach (var id in ids)
            {
                foreach (var c in new CaseBuilder(endpoint).Route(MalformedId, id, $"{path}[{id}].id").Cases)
                    yield return c;
            }
        }
        foreach (var c in new CaseBuilder("PutInstance").Case(OutOfRange, "tags", tooManyTags).Cases)
            yield return c;
        foreach (var c in new CaseBuilder("CreateGroupRule").Case(MalformedId, "groupId", Str("web-tier"), "peer|groupId").Cases)
            yield return c;
        foreach (var c in new CaseBuilder("PutNetworkInterface")
            .Case(MalformedId, "subnetId", Str("subnet-zz")).Case(MalformedId, "instanceId", Str("instance-1")).Case(MalformedId, "groupIds[0]", Str("web"), "groupIds").Cases)
            yield return c;
        foreach (var c in new CaseBuilder("PutPrefixList").Case(OutOfRange, "entries", tooManyEntries).Cases)
            yield return c;
    }

    // The add-or-replace endpoints, the collection their errors name, and ids for a new object not in AWS's form.
    // (A property, not a field: the case tables above are built first, in the type's initializer.)
    private static (string Endpoint, string Path, string[] Ids)[] NewIdRoutes =>
    [
        ("PutRule", $"groups[{Web}].rules", ["sgr-ssh", "sgr-0a1b00000000000", "r-0123456789abcdef0"]),
        ("PutInstance", "instances", ["i-web", "i-0123456789ABCDEF0", "sg-0123456789abcdef0"]),
        ("PutNetworkInterface", "networkInterfaces", ["eni-web", "eni-0123456"]),
        ("PutVpc", "vpcs", ["vpc-main", "vpc-0123456789abcdef01"]),
        ("PutSubnet", "subnets", ["subnet-a", "subnet-0123456789abcdeg0"]),
        ("PutPrefixList", "prefixLists", ["pl-office", "pl-0123_4567"]),
    ];

    // Names like "CreateRule fromPort WrongType 2", numbered where one field has several cases of a kind.
    private static Dictionary<string, BadInputCase> Named(IEnumerable<BadInputCase> cases)
    {
        var named = new Dictionary<string, BadInputCase>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            var stem = $"{c.Endpoint} {Printable(c.Path)} {c.Kind}";
            var name = stem;
            for (var i = 2; named.ContainsKey(name); i++)
                name = $"{stem} {i}";
            named[name] = c with { Name = name };
        }
        return named;
    }

    private static string Printable(string path)
    {
        var text = string.Concat(path.Select(ch => char.IsControl(ch) ? $"\\u{(int)ch:x4}" : ch.ToString()));
        return text.Length > 40 ? $"{text[..20]}…{text[^8..]}" : text;
    }
}
