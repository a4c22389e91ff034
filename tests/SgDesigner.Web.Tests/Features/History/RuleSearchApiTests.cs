using System.Net;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.History;

public abstract class RuleSearchApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> SearchAsync(HttpClient client, string uri, string q) =>
        await (await client.GetAsync($"{uri}?q={Uri.EscapeDataString(q)}", Token)).ReadAsync(HttpStatusCode.OK);

    private static List<string> RuleIds(JsonElement results) =>
        [.. results.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()!)];

    [Fact]
    public async Task A_drafts_rules_are_found_by_address_with_the_group_name_the_line_and_why()
    {
        var (draftId, _) = await fixture.Client.NewDemoDraftAsync();

        var results = await SearchAsync(fixture.Client, $"/api/drafts/{draftId}/rules/search", "10.1.2.3");

        Assert.Equal("address", results.GetProperty("kind").GetString());
        var https = results.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "sgr-0a1b0000000000001");
        Assert.Equal("demo-alb", https.GetProperty("groupName").GetString());
        Assert.Equal("demo-alb · inbound · tcp 443 · from 0.0.0.0/0 · HTTPS from the internet", https.GetProperty("text").GetString());
        Assert.Equal("peer 0.0.0.0/0 contains 10.1.2.3", Assert.Single(https.GetProperty("why").EnumerateArray()).GetString());
        // IPv6 peers do not contain an IPv4 address.
        Assert.DoesNotContain("sgr-0a1b0000000000002", RuleIds(results));
        Assert.Equal(results.GetProperty("count").GetInt32(), results.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task A_group_by_name_finds_its_rules_and_the_rules_referencing_it_by_name()
    {
        var (draftId, _) = await fixture.Client.NewDemoDraftAsync();

        var results = await SearchAsync(fixture.Client, $"/api/drafts/{draftId}/rules/search", "demo-bastion");

        var ids = RuleIds(results);
        Assert.Contains("sgr-0a1b0000000000041", ids);
        var fromBastion = results.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "sgr-0a1b0000000000012");
        Assert.Equal("demo-web · inbound · tcp 22 · from demo-bastion · SSH from the bastion", fromBastion.GetProperty("text").GetString());
        Assert.Equal(DemoEstate.Bastion, fromBastion.GetProperty("peer").GetString());
        Assert.Equal("references group demo-bastion", fromBastion.GetProperty("why")[0].GetString());
    }

    [Fact]
    public async Task A_revision_is_searched_by_number_or_as_latest()
    {
        var policyId = await fixture.Client.DemoPolicyIdAsync();

        var byNumber = await SearchAsync(fixture.Client, $"/api/policies/{policyId}/revisions/1/rules/search", "5432");
        var latest = await SearchAsync(fixture.Client, $"/api/policies/{policyId}/revisions/latest/rules/search", "port:5432");

        Assert.Equal("port", byNumber.GetProperty("kind").GetString());
        Assert.Equal(4, byNumber.GetProperty("count").GetInt32());
        Assert.Equal(RuleIds(byNumber), RuleIds(latest));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("70000", "65535")]
    [InlineData("port:https", "not a port")]
    public async Task A_query_that_cannot_be_read_is_a_400_at_q(string q, string expected)
    {
        var (draftId, _) = await fixture.Client.NewDemoDraftAsync();
        var policyId = await fixture.Client.DemoPolicyIdAsync();

        var onDraft = await (await fixture.Client.GetAsync($"/api/drafts/{draftId}/rules/search?q={Uri.EscapeDataString(q)}", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var onRevision = await (await fixture.Client.GetAsync($"/api/policies/{policyId}/revisions/1/rules/search?q={Uri.EscapeDataString(q)}", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, onDraft.ErrorAt("q"), StringComparison.Ordinal);
        Assert.Contains(expected, onRevision.ErrorAt("q"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_q_is_a_400_at_q()
    {
        var (draftId, _) = await fixture.Client.NewDemoDraftAsync();

        var problem = await (await fixture.Client.GetAsync($"/api/drafts/{draftId}/rules/search", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("required", problem.ErrorAt("q"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_revision_is_a_400_at_revision_and_an_unknown_one_a_404_naming_it()
    {
        var policyId = await fixture.Client.DemoPolicyIdAsync();

        var bad = await (await fixture.Client.GetAsync($"/api/policies/{policyId}/revisions/newest/rules/search?q=443", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await fixture.Client.GetAsync($"/api/policies/{policyId}/revisions/77/rules/search?q=443", Token)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("'newest' is not a revision", bad.ErrorAt("revision"), StringComparison.Ordinal);
        Assert.Contains("no revision 77", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await fixture.Client.GetAsync($"/api/drafts/{Guid.NewGuid()}/rules/search?q=443", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_may_search_and_a_stranger_or_nobody_may_not()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);
        var viewer = await fixture.NewUserAsync("Vera Viewer", policyId, PolicyRole.Viewer);
        var stranger = await fixture.NewUserAsync("Sam Stranger");
        var uri = $"/api/policies/{policyId}/revisions/2/rules/search?q=remove%20me";

        var found = await (await viewer.Client.GetAsync(uri, Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal([HistoryPolicy.SshFromInternet], RuleIds(found));
        Assert.Equal("description contains 'remove me'", found.GetProperty("rules")[0].GetProperty("why")[0].GetString());
        await (await stranger.Client.GetAsync(uri, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous.GetAsync(uri, Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class RuleSearchApiSqliteTests(SqliteApp fixture) : RuleSearchApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RuleSearchApiPostgresTests(PostgresApp fixture) : RuleSearchApiTests(fixture), IClassFixture<PostgresApp>;
