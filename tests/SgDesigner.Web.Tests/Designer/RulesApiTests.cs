using System.Net;
using System.Net.Http.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

public abstract class RulesApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static string RulesOf(Guid draftId, string groupId) => $"/api/drafts/{draftId}/groups/{groupId}/rules";

    private async Task<HttpResponseMessage> AddRuleAsync(Guid draftId, long version, object rule, string groupId = DemoEstate.Web)
    {
        using var request = ApiSteps.WithVersion(HttpMethod.Post, RulesOf(draftId, groupId), version, rule);
        return await _client.SendAsync(request, Token);
    }

    private async Task AssertNothingStoredAsync(Guid draftId, long version, int webRules)
    {
        var (estate, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
        Assert.Equal(webRules, estate.Group(DemoEstate.Web).GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task A_valid_rule_is_added_with_a_new_id_and_the_draft_moves_to_the_next_version()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = 9100, toPort = 9100, cidr = "10.0.10.0/24", description = "Prometheus scrapes" });

        var edit = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal(version + 1, edit.GetProperty("version").GetInt64());
        var ruleId = edit.GetProperty("item").GetProperty("id").GetString()!;
        Assert.StartsWith("sgr-", ruleId, StringComparison.Ordinal);
        Assert.Equal("tcp 9100", edit.GetProperty("item").GetProperty("traffic").GetString());
        var (estate, _) = await _client.DraftAsync(draftId);
        var stored = estate.Group(DemoEstate.Web).GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == ruleId);
        Assert.Equal("10.0.10.0/24", stored.GetProperty("cidr").GetString());
    }

    [Fact]
    public async Task A_cidr_with_host_bits_is_stored_masked_and_the_caller_is_warned()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "udp", fromPort = 53, cidr = "2.2.2.2/28" });

        var edit = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal("2.2.2.0/28", edit.GetProperty("item").GetProperty("cidr").GetString());
        Assert.Contains(edit.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("host bits", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.300/24", null, null, "peer", "not an IP address")]
    [InlineData("10.0.0.0/33", null, null, "peer", "prefix length")]
    [InlineData("10.0.0.0/8", "tcpx", null, "protocol", "unknown protocol")]
    [InlineData("10.0.0.0/8", "tcp", 70000, "fromPort", "65535")]
    [InlineData("10.0.0.0/8", "tcp", -5, "fromPort", "65535")]
    public async Task Bad_input_is_refused_at_its_field_and_nothing_is_stored(string cidr, string? protocol, int? port, string field, string message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var (before, _) = await _client.DraftAsync(draftId);
        var rules = before.Group(DemoEstate.Web).GetProperty("rules").GetArrayLength();

        var response = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = protocol ?? "tcp", fromPort = port ?? 443, toPort = port ?? 443, cidr });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.ErrorAt(field), StringComparison.Ordinal);
        await AssertNothingStoredAsync(draftId, version, rules);
    }

    [Fact]
    public async Task A_reference_to_a_group_that_does_not_exist_is_refused_at_the_peer()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = 22, groupId = "sg-0000000000000dead" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sg-0000000000000dead", problem.ErrorAt("peer"), StringComparison.Ordinal);
        await AssertNothingStoredAsync(draftId, version, 4);
    }

    [Fact]
    public async Task A_rule_needs_exactly_one_peer()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var none = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = 22 });
        var two = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = 22, cidr = "10.0.0.0/8", groupId = DemoEstate.App });

        Assert.Contains("required", (await none.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("peer"), StringComparison.Ordinal);
        Assert.Contains("exactly one", (await two.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("peer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_rules_than_the_quota_allows_in_one_direction_are_refused()
    {
        var policyId = await _client.NewPolicyAsync();
        var draft = await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "quota" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        var version = await PutAsync($"/api/drafts/{draftId}/vpcs/vpc-00000000000000a0a", 1, new { cidrs = new[] { "10.9.0.0/16" } });
        using var create = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { id = "sg-00000000000000a0a", name = "quota", description = "q", vpcId = "vpc-00000000000000a0a" });
        version = (await (await _client.SendAsync(create, Token)).ReadAsync(HttpStatusCode.Created)).GetProperty("version").GetInt64();
        for (var port = 1; port <= 60; port++)
            version = (await (await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = port, cidr = "10.0.0.0/8" }, "sg-00000000000000a0a")).ReadAsync(HttpStatusCode.Created)).GetProperty("version").GetInt64();

        var response = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = 61, cidr = "10.0.0.0/8" }, "sg-00000000000000a0a");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("60", problem.ErrorAt("groups[sg-00000000000000a0a].rules"), StringComparison.Ordinal);
        var (estate, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
        Assert.Equal(60, estate.Group("sg-00000000000000a0a").GetProperty("rules").EnumerateArray().Count(r => r.GetProperty("direction").GetString() == "inbound"));
    }

    [Fact]
    public async Task Putting_a_rule_replaces_it_under_the_same_id()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await PutAsync(RulesOf(draftId, DemoEstate.Web) + "/sgr-0a1b0000000000012", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 2222, groupId = DemoEstate.Bastion, description = "SSH on the new port" });

        Assert.Equal(version + 1, response);
        var (estate, _) = await _client.DraftAsync(draftId);
        var rule = estate.Group(DemoEstate.Web).GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "sgr-0a1b0000000000012");
        Assert.Equal(2222, rule.GetProperty("fromPort").GetInt32());
        Assert.Equal(2222, rule.GetProperty("toPort").GetInt32());
    }

    [Fact]
    public async Task A_deleted_rule_is_gone_and_deleting_it_again_is_a_404()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var uri = RulesOf(draftId, DemoEstate.Web) + "/sgr-0a1b0000000000012";

        using var delete = ApiSteps.WithVersion(HttpMethod.Delete, uri, version);
        var deleted = await (await _client.SendAsync(delete, Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(version + 1, deleted.GetProperty("version").GetInt64());
        using var again = ApiSteps.WithVersion(HttpMethod.Delete, uri, version + 1);
        await (await _client.SendAsync(again, Token)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rule_for_a_group_that_is_not_in_the_draft_is_a_404()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await AddRuleAsync(draftId, version, new { direction = "inbound", protocol = "tcp", fromPort = 22, cidr = "10.0.0.0/8" }, "sg-missing");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<long> PutAsync(string uri, long version, object body)
    {
        using var request = ApiSteps.WithVersion(HttpMethod.Put, uri, version, body);
        return (await (await _client.SendAsync(request, Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64();
    }
}

public sealed class RulesApiSqliteTests(SqliteApp fixture) : RulesApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RulesApiPostgresTests(PostgresApp fixture) : RulesApiTests(fixture), IClassFixture<PostgresApp>;
