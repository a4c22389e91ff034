using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>
/// What the corpus's requests need to exist: a copy of the demo policy owned by the administrator, with an editor who opened a
/// change request (reviewed by a reviewer, who requested changes), a viewer whose role can be changed, and an open draft with no
/// request that the edits are aimed at.
/// </summary>
public sealed partial record CorpusWorld(
    Guid PolicyId, Guid DraftId, Guid RequestId, Guid ReviewId, TestUser Owner, TestUser Author, TestUser Reviewer, TestUser Viewer)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The demo estate as a policy document, the body of the document import.</summary>
    public static string PolicyDocument { get; } = PolicyDocumentJson.Write(new PolicyDocument("corpus import", "imported by the corpus", DemoEstate.Build()));

    /// <summary>The demo estate with one network ACL on its first subnet, the body of the corpus's ACL cases.</summary>
    public static string PolicyDocumentWithAcls { get; } = PolicyDocumentJson.Write(new PolicyDocument("corpus import with acls", "imported by the corpus",
        DemoEstate.Build() is var demo ? demo with
        {
            NetworkAcls =
            [
                new NetworkAcl("acl-0c0ffee0000000001", DemoEstate.VpcId, false, [demo.Subnets[0].Id],
                    [new NetworkAclEntry(100, IpProtocol.Tcp, 443, 443, Cidr.AnyV4, AclAction.Allow)],
                    [new NetworkAclEntry(100, IpProtocol.Tcp, 1024, 65535, Cidr.AnyV4, AclAction.Allow)]),
            ],
        } : null!));

    /// <summary>A <c>describe-security-groups</c> output with one group, the body of the AWS import.</summary>
    public const string SecurityGroupsFile = """
        {"SecurityGroups":[{"Description":"web tier","GroupId":"sg-0c0ffee0000000001","GroupName":"web",
          "IpPermissions":[{"FromPort":443,"IpProtocol":"tcp","IpRanges":[{"CidrIp":"10.0.0.0/8","Description":"internal"}],
            "Ipv6Ranges":[],"PrefixListIds":[],"ToPort":443,"UserIdGroupPairs":[]}],
          "IpPermissionsEgress":[],"OwnerId":"111122223333","VpcId":"vpc-0c0ffee0000000001"}]}
        """;

    /// <summary>Makes the world in <paramref name="fixture"/>'s app, through its stores and its HTTP API.</summary>
    public static async Task<CorpusWorld> CreateAsync(AppFixture fixture)
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"corpus {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var author = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var reviewer = await fixture.NewUserAsync("Rita Reviewer", policyId, PolicyRole.Reviewer);
        var viewer = await fixture.NewUserAsync("Vic Viewer", policyId, PolicyRole.Viewer);

        var requestDraft = await OpenDraftAsync(author, policyId, "ssh for the on-call");
        var (_, version) = await author.Client.DraftAsync(requestDraft);
        using (var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{requestDraft}/groups/{DemoEstate.Web}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 22, cidr = "10.20.0.0/16" }))
            await (await author.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
        var request = await (await author.Client.PostAsJsonAsync($"/api/drafts/{requestDraft}/request", new { title = "ssh for the on-call" }, Token))
            .ReadAsync(HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        var review = await (await reviewer.Client.RequestActionAsync(requestId, "reviews", new { verdict = "request-changes", body = "narrower" }))
            .ReadAsync(HttpStatusCode.Created);

        var draftId = await OpenDraftAsync(fixture.Admin, policyId, "corpus edits");
        return new CorpusWorld(policyId, draftId, requestId, review.GetProperty("id").GetGuid(), fixture.Admin, author, reviewer, viewer);
    }

    private static async Task<Guid> OpenDraftAsync(TestUser user, Guid policyId, string title) =>
        (await (await user.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title }, Token)).ReadAsync(HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    /// <summary>The client a case is sent with.</summary>
    public HttpClient ClientOf(CorpusCaller caller) => caller switch
    {
        CorpusCaller.Reviewer => Reviewer.Client,
        CorpusCaller.Author => Author.Client,
        _ => Owner.Client,
    };

    /// <summary>The endpoint's request with the case's field spoilt (or, with no case, the body as it is).</summary>
    public async Task<HttpRequestMessage> RequestAsync(CorpusEndpoint endpoint, BadInputCase? spoilt)
    {
        var body = Fill(endpoint.Body);
        string? formName = null, formDescription = null;
        if (spoilt is { Path: var path } && path.StartsWith("form.", StringComparison.Ordinal))
        {
            var text = spoilt.Json is null ? null : JsonNode.Parse(spoilt.Json)!.GetValue<string>();
            (formName, formDescription) = path == "form.name" ? (text, formDescription) : (formName, text);
        }
        else if (spoilt is { Path: not "$", RouteId: null })
            body = JsonBodies.With(body, spoilt.Path, spoilt.Json);

        var uri = Fill(endpoint.Uri);
        if (spoilt?.RouteId is { } id)
            uri = uri[..(uri.LastIndexOf('/') + 1)] + Uri.EscapeDataString(id);
        var request = new HttpRequestMessage(endpoint.Method, uri);
        if (spoilt is { Path: "$" })
        {
            // The whole body, as it is: it may be no JSON at all, or not the media type the endpoint reads.
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Fill(spoilt.Json ?? "")));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", spoilt.ContentType ?? "application/json");
        }
        else if (endpoint.Kind == CorpusBody.ImportFile)
        {
            var form = new MultipartFormDataContent { { new StringContent(body, Encoding.UTF8, "application/json"), "files", endpoint.Name == "ImportAws" ? "SecurityGroups.json" : "policy.json" } };
            if (formName is not null)
                form.Add(new StringContent(formName), "name");
            if (formDescription is not null)
                form.Add(new StringContent(formDescription), "description");
            request.Content = form;
        }
        else
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (endpoint.DraftVersion)
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{(await Owner.Client.DraftAsync(DraftId)).Version}\"");
        else if (endpoint.VersionOf is { } versionOf)
            request.Headers.TryAddWithoutValidation("If-Match", await Owner.Client.ETagOfAsync(Fill(versionOf)));
        return request;
    }

    private string Fill(string template) => Placeholder().Replace(template, m => m.Value switch
    {
        "{policy}" => PolicyId.ToString(),
        "{draft}" => DraftId.ToString(),
        "{request}" => RequestId.ToString(),
        "{review}" => ReviewId.ToString(),
        "{member}" => Viewer.Id.ToString(),
        _ => m.Value,
    });

    [GeneratedRegex(@"\{(policy|draft|request|review|member)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>Sets or removes one field of a JSON body.</summary>
public static partial class JsonBodies
{
    /// <summary>
    /// <paramref name="json"/> with the field at <paramref name="path"/> set to <paramref name="value"/> (JSON), or removed when it is
    /// null. A path is dotted; <c>name[2]</c> is an index in a list, any other segment a property name (so <c>choices.groups[sg-1]</c>
    /// is the key <c>groups[sg-1]</c>). Objects on the way are made when missing.
    /// </summary>
    public static string With(string json, string path, string? value)
    {
        var root = JsonNode.Parse(json)!;
        var segments = path.Split('.');
        JsonNode parent = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var (name, index) = Parse(segments[i]);
            if (index is null)
            {
                var obj = parent.AsObject();
                if (last)
                {
                    if (value is null)
                        obj.Remove(name);
                    else
                        obj[name] = JsonNode.Parse(value);
                    return root.ToJsonString();
                }
                parent = obj[name] ??= new JsonObject();
            }
            else
            {
                var list = parent.AsObject()[name]!.AsArray();
                if (last)
                {
                    if (value is null)
                        list.RemoveAt(index.Value);
                    else
                        list[index.Value] = JsonNode.Parse(value);
                    return root.ToJsonString();
                }
                parent = list[index.Value]!;
            }
        }
        return root.ToJsonString();
    }

    private static (string Name, int? Index) Parse(string segment) =>
        Indexed().Match(segment) is { Success: true } m ? (m.Groups["name"].Value, int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)) : (segment, null);

    [GeneratedRegex(@"^(?<name>[^\[]+)\[(?<index>\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Indexed();
}
