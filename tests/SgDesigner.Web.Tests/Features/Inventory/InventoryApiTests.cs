using System.Net;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Inventory;

/// <summary>Instances, ENIs, prefix lists, VPCs and subnets in a draft.</summary>
public abstract class InventoryApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string PrivateA = "subnet-0bb00000000000001";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, long version, object? body = null)
    {
        using var request = ApiSteps.WithVersion(method, uri, version, body);
        return await _client.SendAsync(request, Token);
    }

    private async Task<long> OkAsync(HttpMethod method, string uri, long version, object? body = null) =>
        (await (await SendAsync(method, uri, version, body)).ReadAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64();

    private static object Eni(params string[] groups) => new
    {
        vpcId = DemoEstate.VpcId, subnetId = PrivateA, instanceId = "i-00000000000000b0b", deviceIndex = 0,
        privateIps = new[] { "10.0.10.50", "10.0.10.51" }, groupIds = groups, description = "worker",
    };

    [Fact]
    public async Task An_instance_and_its_interface_are_stored_with_addresses_and_groups()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version, new { name = "worker-1", tags = new Dictionary<string, string> { ["role"] = "worker" } });
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000b0b", version, Eni(DemoEstate.App));

        var (estate, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
        var eni = estate.GetProperty("networkInterfaces").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "eni-00000000000000b0b");
        Assert.Equal(["10.0.10.50", "10.0.10.51"], eni.GetProperty("privateIps").EnumerateArray().Select(ip => ip.GetString()));
        Assert.Equal(DemoEstate.App, eni.GetProperty("groupIds")[0].GetString());
        var instance = estate.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "i-00000000000000b0b");
        Assert.Equal("worker-1", instance.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Each_object_of_a_draft_can_be_read_on_its_own_with_the_draft_version_as_etag()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version, new { name = "worker-1" });
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000b0b", version, Eni(DemoEstate.App));
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/prefix-lists/pl-00000000000000ff1", version, new { name = "offices", entries = new[] { "203.0.113.0/24" } });
        var draft = $"/api/drafts/{draftId}";

        var group = await _client.GetAsync($"{draft}/groups/{DemoEstate.Db}", Token);
        var rule = await _client.GetAsync($"{draft}/groups/{DemoEstate.Db}/rules/sgr-0a1b0000000000031", Token);
        var instance = await _client.GetAsync($"{draft}/instances/i-00000000000000b0b", Token);
        var eni = await _client.GetAsync($"{draft}/network-interfaces/eni-00000000000000b0b", Token);
        var list = await _client.GetAsync($"{draft}/prefix-lists/pl-00000000000000ff1", Token);

        Assert.Equal("demo-db", (await group.ReadAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.Equal($"\"{version}\"", group.Headers.ETag?.Tag);
        Assert.Equal(DemoEstate.App, (await rule.ReadAsync(HttpStatusCode.OK)).GetProperty("groupId").GetString());
        Assert.Equal("worker-1", (await instance.ReadAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.Equal("10.0.10.50", (await eni.ReadAsync(HttpStatusCode.OK)).GetProperty("privateIps")[0].GetString());
        Assert.Equal("offices", (await list.ReadAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        var missing = await _client.GetAsync($"{draft}/groups/{DemoEstate.Db}/rules/sgr-nope", Token);
        Assert.Contains("sgr-nope", (await missing.ReadProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interface_with_a_bad_address_or_a_missing_group_is_refused_at_the_field()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version, new { name = "w" });

        var badIp = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000bad", version,
            new { vpcId = DemoEstate.VpcId, privateIps = new[] { "10.0.10.999" }, groupIds = new[] { DemoEstate.App } });
        var missingGroup = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000bad", version, Eni("sg-nope"));

        Assert.Contains("not an IP address", (await badIp.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("privateIps[0]"), StringComparison.Ordinal);
        Assert.Contains("sg-nope", (await missingGroup.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("groupIds"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task More_groups_on_an_interface_than_the_quota_allows_are_refused()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version, new { name = "w" });
        var sixth = await (await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { id = "sg-000000000000000a6", name = "sixth", description = "x", vpcId = DemoEstate.VpcId }))
            .ReadAsync(HttpStatusCode.Created);
        version = sixth.GetProperty("version").GetInt64();

        var response = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000c0d", version,
            Eni(DemoEstate.Alb, DemoEstate.Web, DemoEstate.App, DemoEstate.Db, DemoEstate.Bastion, "sg-000000000000000a6"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("5", problem.ErrorAt("groupIds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_with_an_interface_attached_cannot_be_deleted_until_the_interface_is()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version, new { name = "w" });
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000b0b", version, Eni(DemoEstate.App));

        var refused = await SendAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version);
        await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        version = await OkAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/network-interfaces/eni-00000000000000b0b", version);
        version = await OkAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version);

        var (estate, _) = await _client.DraftAsync(draftId);
        Assert.DoesNotContain(estate.GetProperty("instances").EnumerateArray(), i => i.GetProperty("id").GetString() == "i-00000000000000b0b");
        await (await SendAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/instances/i-00000000000000b0b", version)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_prefix_list_can_be_referenced_by_a_rule_and_is_then_protected_from_deletion()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/prefix-lists/pl-00000000000000ff1", version,
            new { name = "offices", entries = new[] { "203.0.113.0/24", "198.51.100.0/24" } });
        using var rule = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Bastion}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 22, prefixListId = "pl-00000000000000ff1" });
        version = (await (await _client.SendAsync(rule, Token)).ReadAsync(HttpStatusCode.Created)).GetProperty("version").GetInt64();

        var response = await SendAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/prefix-lists/pl-00000000000000ff1", version);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var (estate, _) = await _client.DraftAsync(draftId);
        var list = estate.GetProperty("prefixLists").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "pl-00000000000000ff1");
        Assert.Equal("ipv4", list.GetProperty("family").GetString());
        Assert.Equal(2, list.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task A_prefix_lists_maximum_entries_is_stored_and_counts_against_the_rule_quota_and_bad_values_are_refused_at_the_field()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var uri = $"/api/drafts/{draftId}/prefix-lists/pl-00000000000000ff1";

        var tooSmall = await SendAsync(HttpMethod.Put, uri, version, new { name = "offices", entries = new[] { "203.0.113.0/24", "198.51.100.0/24" }, maxEntries = 1 });
        var zero = await SendAsync(HttpMethod.Put, uri, version, new { name = "offices", entries = new[] { "203.0.113.0/24" }, maxEntries = 0 });
        var tooBig = await SendAsync(HttpMethod.Put, uri, version, new { name = "offices", entries = new[] { "203.0.113.0/24" }, maxEntries = 1001 });
        var text = await SendAsync(HttpMethod.Put, uri, version, new { name = "offices", entries = new[] { "203.0.113.0/24" }, maxEntries = "ten" });
        version = await OkAsync(HttpMethod.Put, uri, version, new { name = "offices", entries = new[] { "203.0.113.0/24" }, maxEntries = 20 });

        Assert.Contains("maximum of 1", (await tooSmall.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("prefixLists[pl-00000000000000ff1].entries"), StringComparison.Ordinal);
        Assert.Contains("1..1000", (await zero.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("maxEntries"), StringComparison.Ordinal);
        Assert.Contains("1..1000", (await tooBig.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("maxEntries"), StringComparison.Ordinal);
        (await text.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("maxEntries");
        var list = await (await _client.GetAsync(uri, Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(20, list.GetProperty("maxEntries").GetInt32());
        Assert.Equal(20, list.GetProperty("ruleWeight").GetInt32());
        var (_, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
    }

    [Fact]
    public async Task A_prefix_list_entry_that_is_not_a_cidr_or_of_the_other_family_is_refused()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var bad = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/prefix-lists/pl-0000000000000000a", version, new { name = "x", entries = new[] { "10.0.0.0/8", "banana" } });
        var mixed = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/prefix-lists/pl-0000000000000000a", version, new { name = "x", entries = new[] { "10.0.0.0/8", "2001:db8::/32" } });

        Assert.Contains("banana", (await bad.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("entries[1]"), StringComparison.Ordinal);
        Assert.Contains("family", (await mixed.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("entries[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vpcs_and_subnets_can_be_added_and_bad_blocks_are_refused()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/vpcs/vpc-000000000000000a1", version, new { name = "analytics", cidrs = new[] { "10.20.0.0/16" } });
        version = await OkAsync(HttpMethod.Put, $"/api/drafts/{draftId}/subnets/subnet-000000000000000a1", version, new { vpcId = "vpc-000000000000000a1", cidr = "10.20.1.0/24", availabilityZone = "us-east-1a" });

        var badSubnet = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/subnets/subnet-000000000000000a2", version, new { vpcId = "vpc-000000000000000a1", cidr = "10.20.2.0" });
        var usedVpc = await SendAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/vpcs/vpc-000000000000000a1", version);

        Assert.Contains("prefix length", (await badSubnet.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("cidr"), StringComparison.Ordinal);
        await usedVpc.ReadProblemAsync(HttpStatusCode.BadRequest);
        version = await OkAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/subnets/subnet-000000000000000a1", version);
        await OkAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/vpcs/vpc-000000000000000a1", version);
    }
}

public sealed class InventoryApiSqliteTests(SqliteApp fixture) : InventoryApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class InventoryApiPostgresTests(PostgresApp fixture) : InventoryApiTests(fixture), IClassFixture<PostgresApp>;
