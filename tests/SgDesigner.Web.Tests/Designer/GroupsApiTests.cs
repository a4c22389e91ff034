using System.Net;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

public abstract class GroupsApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, long version, object? body = null)
    {
        using var request = ApiSteps.WithVersion(method, uri, version, body);
        return await _client.SendAsync(request, Token);
    }

    [Fact]
    public async Task A_new_group_gets_the_default_outbound_rules_of_its_dual_stack_vpc()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version,
            new { name = "demo-cache", description = "Redis", vpcId = DemoEstate.VpcId, tags = new Dictionary<string, string> { ["team"] = "shop" } });

        var edit = await response.ReadAsync(HttpStatusCode.Created);
        var groupId = edit.GetProperty("item").GetProperty("id").GetString()!;
        Assert.StartsWith("sg-", groupId, StringComparison.Ordinal);
        var (estate, _) = await _client.DraftAsync(draftId);
        var group = estate.Group(groupId);
        Assert.Equal("shop", group.GetProperty("tags").GetProperty("team").GetString());
        var rules = group.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.Equal("outbound", r.GetProperty("direction").GetString()));
        Assert.Equal(["0.0.0.0/0", "::/0"], rules.Select(r => r.GetProperty("cidr").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("DEMO-WEB", "already")]
    [InlineData("sg-web", "sg-")]
    [InlineData("", "name")]
    public async Task A_bad_group_name_is_refused_at_the_name_field(string name, string message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { name, description = "x", vpcId = DemoEstate.VpcId });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.ErrorAt(".name"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task A_group_needs_a_vpc_of_the_policy()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var missing = await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { name = "a", description = "x" });
        var unknown = await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { name = "b", description = "x", vpcId = "vpc-nowhere" });

        Assert.Contains("required", (await missing.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("vpcId"), StringComparison.Ordinal);
        Assert.Contains("vpc-nowhere", (await unknown.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("vpcId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updating_a_group_changes_its_fields_and_keeps_its_rules()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}", version,
            new { name = "demo-frontend", description = "Renamed web tier", vpcId = DemoEstate.VpcId });

        await response.ReadAsync(HttpStatusCode.OK);
        var web = (await _client.DraftAsync(draftId)).Estate.Group(DemoEstate.Web);
        Assert.Equal("demo-frontend", web.GetProperty("name").GetString());
        Assert.Equal(4, web.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task A_group_still_referenced_cannot_be_deleted_but_an_unused_one_can()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var referenced = await SendAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/groups/{DemoEstate.Bastion}", version);
        var created = await (await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { id = "sg-0000000000000beef", name = "unused", description = "x", vpcId = DemoEstate.VpcId }))
            .ReadAsync(HttpStatusCode.Created);
        var unused = await SendAsync(HttpMethod.Delete, $"/api/drafts/{draftId}/groups/sg-0000000000000beef", created.GetProperty("version").GetInt64());

        await referenced.ReadProblemAsync(HttpStatusCode.BadRequest);
        await unused.ReadAsync(HttpStatusCode.OK);
        var (estate, _) = await _client.DraftAsync(draftId);
        Assert.Equal(5, estate.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Updating_a_group_that_is_not_in_the_draft_is_a_404()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/groups/sg-missing", version, new { name = "x", description = "x", vpcId = DemoEstate.VpcId });

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class GroupsApiSqliteTests(SqliteApp fixture) : GroupsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class GroupsApiPostgresTests(PostgresApp fixture) : GroupsApiTests(fixture), IClassFixture<PostgresApp>;
