using System.Text.Json;
using CsCheck;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.Validation;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Tests.Documents;

public class PolicyDocumentJsonTests
{
    private static PolicyDocument Sample() => new("prod", "Production & co", SampleEstate.Build());

    [Fact]
    public void WritingThenReadingTheSampleLosesNothing()
    {
        var document = Sample();
        var read = PolicyDocumentJson.Read(PolicyDocumentJson.Write(document));
        Assert.True(read.IsOk, read.Error?.ToString());
        DeepEqual.Assert(document, read.Document);
    }

    [Fact]
    public void APrefixListsMaximumEntriesIsWrittenAndReadBack()
    {
        var estate = SampleEstate.Build();
        var document = Sample() with { Estate = estate with { PrefixLists = [estate.PrefixLists[0] with { MaxEntries = 20 }] } };
        var json = PolicyDocumentJson.Write(document);
        Assert.Contains("\"maxEntries\": 20", json, StringComparison.Ordinal);
        DeepEqual.Assert(document, PolicyDocumentJson.Read(json).Document);
    }

    [Fact]
    public void RandomEstatesRoundTripLosslesslyAndRewriteToTheSameText()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var estate = RandomEstate.Create(new Random(seed), withMetadata: true);
            var document = new PolicyDocument($"policy {seed}", seed % 2 == 0 ? null : "random", estate);
            var json = PolicyDocumentJson.Write(document);
            var read = PolicyDocumentJson.Read(json);
            Assert.True(read.IsOk, read.Error?.ToString());
            Assert.Empty(read.Warnings);
            DeepEqual.Assert(document, read.Document);
            Assert.Equal(json, PolicyDocumentJson.Write(read.Document!));
        }, iter: 300);
    }

    [Fact]
    public void RandomEstatesAreValidForTheDesigner()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var errors = EstateValidator.Validate(RandomEstate.Create(new Random(seed), withMetadata: true));
            Assert.True(errors.IsEmpty, string.Join("\n", errors));
        }, iter: 300);
    }

    [Fact]
    public void SchemaVersionComesFirstAndRulesUseOnePeerProperty()
    {
        var json = PolicyDocumentJson.Write(Sample());
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("schemaVersion", doc.RootElement.EnumerateObject().First().Name);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        var rule = doc.RootElement.GetProperty("groups")[1].GetProperty("rules")[0];
        Assert.Equal("sg-web", rule.GetProperty("groupId").GetString());
        Assert.False(rule.TryGetProperty("cidr", out _));
        Assert.Contains("\"Production & co\"", json);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"name":"x","groups":[{"id":"sg-1","name":"a","vpcId":"v"},{"id":"sg-2","name":"b","vpcId":"v","rules":[{"id":"r","direction":"inbound","protocol":"tcp","fromPort":"22","toPort":22,"cidr":"0.0.0.0/0"}]}]}""",
        "$.groups[1].rules[0].fromPort", "expected an integer")]
    [InlineData("""{"schemaVersion":1,"name":"x","groups":[{"id":"sg-1","name":"a","vpcId":"v","rules":[{"id":"r","direction":"in","protocol":"tcp","cidr":"0.0.0.0/0"}]}]}""",
        "$.groups[0].rules[0].direction", "unknown direction 'in'")]
    [InlineData("""{"schemaVersion":1,"name":"x","groups":[{"id":"sg-1","name":"a","vpcId":"v","rules":[{"id":"r","direction":"inbound","protocol":"tcp","cidr":"0.0.0.0/0","groupId":"sg-1"}]}]}""",
        "$.groups[0].rules[0]", "exactly one of cidr, groupId or prefixListId (found 2)")]
    [InlineData("""{"schemaVersion":1,"name":"x","subnets":[{"id":"s","vpcId":"v","cidr":"10.0.0.0/33"}]}""",
        "$.subnets[0].cidr", "prefix length")]
    [InlineData("""{"schemaVersion":1,"name":"x","networkInterfaces":[{"id":"e","vpcId":"v","privateIps":["10.0.0.300"]}]}""",
        "$.networkInterfaces[0].privateIps[0]", "not an IP address")]
    [InlineData("""{"schemaVersion":1,"name":"x","groups":[{"id":"sg-1","name":"a","vpcId":"v","rules":[{"id":"r","direction":"inbound","protocol":"udp","fromport":53,"toPort":53,"cidr":"0.0.0.0/0"}]}]}""",
        "$.groups[0].rules[0].fromPort", "'fromPort' is required")]
    [InlineData("""{"schemaVersion":2,"name":"x"}""", "$.schemaVersion", "not supported")]
    [InlineData("""{"name":"x"}""", "$", "schemaVersion")]
    [InlineData("""{"schemaVersion":1}""", "$.name", "'name' is required")]
    [InlineData("""{"schemaVersion":1,"name":"x","groups":{}}""", "$.groups", "expected an array")]
    [InlineData("""{"schemaVersion":1,"name":"x","groups":[""", "$", "not valid JSON (line 1")]
    [InlineData("""{"schemaVersion":1,"name":"x","name":"y"}""", "$", "the property 'name' appears twice in one object (line 1")]
    [InlineData("""[1,2]""", "$", "expected an object")]
    [InlineData("", "$", "empty")]
    public void MalformedDocumentsGiveTheJsonPathAndTheProblem(string json, string path, string message)
    {
        var read = PolicyDocumentJson.Read(json);
        Assert.False(read.IsOk);
        Assert.Equal(path, read.Error!.Path);
        Assert.Contains(message, read.Error.Message);
    }

    [Fact]
    public void HostBitsInADocumentAreMaskedWithAWarning()
    {
        var read = PolicyDocumentJson.Read("""{"schemaVersion":1,"name":"x","externalEndpoints":[{"name":"office","cidr":"2.2.2.2/28"}]}""");
        Assert.True(read.IsOk);
        Assert.Equal("2.2.2.0/28", read.Document!.Estate.ExternalEndpoints[0].Cidr.ToString());
        Assert.Equal("$.externalEndpoints[0].cidr", Assert.Single(read.Warnings).Path);
    }

    [Fact]
    public void AllTrafficRulesMayOmitTheirPortsAndProtocolNumbersAreAccepted()
    {
        var read = PolicyDocumentJson.Read("""{"schemaVersion":1,"name":"x","groups":[{"id":"sg-1","name":"a","vpcId":"v","rules":[{"id":"r1","direction":"outbound","protocol":"-1","cidr":"0.0.0.0/0"},{"id":"r2","direction":"inbound","protocol":"6","fromPort":22,"toPort":22,"cidr":"::/0"}]}]}""");
        Assert.True(read.IsOk, read.Error?.ToString());
        var rules = read.Document!.Estate.Groups[0].Rules;
        Assert.Equal((IpProtocol.All, -1, -1), (rules[0].Protocol, rules[0].FromPort, rules[0].ToPort));
        Assert.Equal(IpProtocol.Tcp, rules[1].Protocol);
        Assert.Equal(new CidrPeer(Cidr.AnyV6), rules[1].Peer);
    }
}
