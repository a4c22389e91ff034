using System.Net;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>A draft's network ACLs over HTTP: create, rules in evaluation order, moves, subnets, ephemeral ports, bad input.</summary>
public abstract class NetworkAclsApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string Acl = "acl-00000000000000ac1", PrivateA = "subnet-0bb00000000000001";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, long version, object? body = null)
    {
        using var request = ApiSteps.WithVersion(method, uri, version, body);
        return await _client.SendAsync(request, Token);
    }

    private async Task<(JsonElement Body, long Version)> EditAsync(HttpMethod method, string uri, long version, object? body, HttpStatusCode expected)
    {
        var answer = await (await SendAsync(method, uri, version, body)).ReadAsync(expected);
        return (answer, answer.GetProperty("version").GetInt64());
    }

    private static object Rule(int number, string protocol, int? from, int? to, string cidr, string action, string? direction = "inbound") =>
        new { direction, ruleNumber = number, protocol, fromPort = from, toPort = to, cidr, action };

    private async Task<(Guid Draft, long Version)> DraftWithAclAsync()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        (_, version) = await EditAsync(HttpMethod.Post, $"/api/drafts/{draftId}/network-acls", version,
            new { id = Acl, vpcId = DemoEstate.VpcId, name = "private" }, HttpStatusCode.Created);
        return (draftId, version);
    }

    [Fact]
    public async Task Rules_added_out_of_order_are_listed_in_evaluation_order_and_move_by_swapping_numbers()
    {
        var (draftId, version) = await DraftWithAclAsync();
        var rules = $"/api/drafts/{draftId}/network-acls/{Acl}/rules";

        (_, version) = await EditAsync(HttpMethod.Post, rules, version, Rule(200, "all", null, null, "0.0.0.0/0", "deny"), HttpStatusCode.Created);
        (_, version) = await EditAsync(HttpMethod.Post, rules, version, Rule(100, "tcp", 443, 443, "0.0.0.0/0", "allow"), HttpStatusCode.Created);
        (_, version) = await EditAsync(HttpMethod.Post, rules, version, Rule(100, "tcp", 1024, 65535, "0.0.0.0/0", "allow", "outbound"), HttpStatusCode.Created);
        var (moved, after) = await EditAsync(HttpMethod.Post, $"{rules}/inbound/200/move", version, new { to = "up" }, HttpStatusCode.OK);

        var inbound = moved.GetProperty("item").GetProperty("inbound").EnumerateArray().ToList();
        Assert.Equal([(100, "deny"), (200, "allow")], inbound.Select(r => (r.GetProperty("ruleNumber").GetInt32(), r.GetProperty("action").GetString())));
        var acl = await _client.GetAsync($"/api/drafts/{draftId}/network-acls/{Acl}", Token);
        Assert.Equal($"\"{after}\"", acl.Headers.ETag?.Tag);
        var read = await acl.ReadAsync(HttpStatusCode.OK);
        Assert.Equal("tcp 1024-65535", read.GetProperty("outbound")[0].GetProperty("traffic").GetString());
    }

    [Fact]
    public async Task A_rule_is_changed_renumbered_and_deleted_and_a_subnet_associated()
    {
        var (draftId, version) = await DraftWithAclAsync();
        var rules = $"/api/drafts/{draftId}/network-acls/{Acl}/rules";
        (_, version) = await EditAsync(HttpMethod.Post, rules, version, Rule(100, "tcp", 22, 22, "10.0.0.0/16", "allow"), HttpStatusCode.Created);

        (_, version) = await EditAsync(HttpMethod.Put, $"{rules}/inbound/100", version, Rule(110, "udp", 53, null, "10.0.0.0/16", "allow", null), HttpStatusCode.OK);
        (_, version) = await EditAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-acls/{Acl}/subnets/{PrivateA}", version, null, HttpStatusCode.OK);
        (_, version) = await EditAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-0a90000000000a001/ephemeral-ports", version, new { ports = "1024-5000" }, HttpStatusCode.OK);
        var (estate, _) = await _client.DraftAsync(draftId);

        var acl = estate.GetProperty("networkAcls").EnumerateArray().Single(a => a.GetProperty("id").GetString() == Acl);
        var rule = Assert.Single(acl.GetProperty("inbound").EnumerateArray());
        Assert.Equal((110, "udp", 53, 53), (rule.GetProperty("ruleNumber").GetInt32(), rule.GetProperty("protocol").GetString(), rule.GetProperty("fromPort").GetInt32(), rule.GetProperty("toPort").GetInt32()));
        Assert.Equal([PrivateA], acl.GetProperty("subnetIds").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(estate.GetProperty("instances").EnumerateArray(), i => i.GetProperty("ephemeralPorts").GetString() == "1024-5000");

        var deleted = await SendAsync(HttpMethod.Delete, $"{rules}/inbound/110", version);
        await deleted.ReadAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(40000, "tcp", 80, 80, null, "10.0.0.0/16", "ruleNumber", "out of range")]
    [InlineData(100, "tcp", 80, 80, null, "10.0.0.0/16", "ruleNumber", "used twice")]
    [InlineData(120, "tcp", 80, 80, null, "10.0.0.5/16", "cidr", "host bits")]
    [InlineData(120, "icmp", 1024, 2048, null, "10.0.0.0/16", "fromPort", "no ports")]
    [InlineData(120, "icmp", null, null, 300, "10.0.0.0/16", "icmpType", "out of range")]
    [InlineData(120, "tcp", null, null, null, "10.0.0.0/16", "fromPort", "fromPort is required")]
    public async Task Bad_rules_are_refused_naming_the_field_and_nothing_is_stored(
        int number, string protocol, int? from, int? to, int? icmpType, string cidr, string field, string problem)
    {
        var (draftId, version) = await DraftWithAclAsync();
        var rules = $"/api/drafts/{draftId}/network-acls/{Acl}/rules";
        (_, version) = await EditAsync(HttpMethod.Post, rules, version, Rule(100, "tcp", 22, 22, "10.0.0.0/16", "allow"), HttpStatusCode.Created);

        var refused = await SendAsync(HttpMethod.Post, rules, version,
            new { direction = "inbound", ruleNumber = number, protocol, fromPort = from, toPort = to, icmpType, cidr, action = "allow" });

        var answer = await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem, answer.ErrorAt(field), StringComparison.Ordinal);
        var (_, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
    }

    [Fact]
    public async Task An_unknown_subnet_or_a_bad_port_range_is_refused_naming_the_field()
    {
        var (draftId, version) = await DraftWithAclAsync();

        var subnet = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-acls/{Acl}/subnets/subnet-0nope0000000000001", version);
        var ports = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-0a90000000000a001/ephemeral-ports", version, new { ports = "5000-1024" });
        var noVpc = await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/network-acls", version, new { vpcId = "vpc-0nope" });

        Assert.Contains("subnet-0nope0000000000001", (await subnet.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("subnetId"), StringComparison.Ordinal);
        Assert.Contains("not an ephemeral port range", (await ports.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("ports"), StringComparison.Ordinal);
        Assert.Contains("vpc-0nope", (await noVpc.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("vpcId"), StringComparison.Ordinal);
        var (_, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
    }
}

public sealed class NetworkAclsApiSqliteTests(SqliteApp fixture) : NetworkAclsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class NetworkAclsApiPostgresTests(PostgresApp fixture) : NetworkAclsApiTests(fixture), IClassFixture<PostgresApp>;
