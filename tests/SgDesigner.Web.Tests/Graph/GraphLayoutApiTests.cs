using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Graph;

public abstract class GraphLayoutApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Layout(Guid policyId) => $"/api/policies/{policyId}/graph-layout";

    private static async Task<JsonElement> PositionsAsync(HttpClient client, Guid policyId) =>
        (await (await client.GetAsync(Layout(policyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("positions");

    private static async Task<HttpResponseMessage> PutJsonAsync(HttpClient client, Guid policyId, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Layout(policyId)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", await client.ETagOfAsync(Layout(policyId)));
        return await client.SendAsync(request, Token);
    }

    [Fact]
    public async Task An_editor_s_layout_is_read_by_a_viewer_and_makes_no_revision()
    {
        var owner = await fixture.NewUserAsync("Olga Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var viewer = await fixture.NewUserAsync("Vera Viewer", policyId, PolicyRole.Viewer);
        var revisions = (await owner.Client.AllPagesAsync($"/api/policies/{policyId}/revisions")).Count;

        var stored = await (await editor.Client.SendIfMatchAsync(HttpMethod.Put, Layout(policyId), Layout(policyId),
            new { positions = new Dictionary<string, object> { ["sg-0a1b000000000eb00"] = new { x = 120.5, y = -30 }, ["cidr:10.0.0.0/8"] = new { x = 0, y = 900 } } })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(120.5, stored.GetProperty("positions").GetProperty("sg-0a1b000000000eb00").GetProperty("x").GetDouble());
        var read = await PositionsAsync(viewer.Client, policyId);
        Assert.Equal(-30, read.GetProperty("sg-0a1b000000000eb00").GetProperty("y").GetDouble());
        Assert.Equal(900, read.GetProperty("cidr:10.0.0.0/8").GetProperty("y").GetDouble());
        Assert.Equal(revisions, (await owner.Client.AllPagesAsync($"/api/policies/{policyId}/revisions")).Count);

        await (await editor.Client.SendIfMatchAsync(HttpMethod.Put, Layout(policyId), Layout(policyId), new { positions = new { } })).ReadAsync(HttpStatusCode.OK);
        Assert.Empty((await PositionsAsync(owner.Client, policyId)).EnumerateObject());
    }

    [Theory]
    [InlineData("""{"positions":{"sg-0a1b0000000000bad":{"x":1e9,"y":0}}}""", "positions[sg-0a1b0000000000bad]", "x is 1000000000")]
    [InlineData("""{"positions":{"sg-0a1b0000000000bad":{"x":0,"y":-100001}}}""", "positions[sg-0a1b0000000000bad]", "y is -100001")]
    [InlineData("""{"positions":{"sg-0a1b0000000000bad":{"x":5}}}""", "positions[sg-0a1b0000000000bad]", "needs x and y")]
    [InlineData("""{"positions":{"sg-0a1b0000000000bad":{"x":"NaN","y":0}}}""", "sg-0a1b0000000000bad", "expected a number, got a string")]
    [InlineData("""{"positions":{"sg-0a1b0000000000bad":{"x":1e400,"y":0}}}""", "sg-0a1b0000000000bad", "")]
    [InlineData("""{"positions":null}""", "positions", "required")]
    public async Task Bad_coordinates_are_a_400_naming_the_node_and_nothing_is_stored(string json, string field, string message)
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, Layout(policyId), Layout(policyId), new { positions = new Dictionary<string, object> { ["sg-kept"] = new { x = 1, y = 2 } } }))
            .ReadAsync(HttpStatusCode.OK);

        var problem = await (await PutJsonAsync(owner.Client, policyId, json)).ReadProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        Assert.True(errors.Any(e => e.Name.Contains(field, StringComparison.Ordinal) && e.Value.ToString().Contains(message, StringComparison.Ordinal)),
            $"no error at '{field}' saying '{message}': {problem}");
        var kept = await PositionsAsync(owner.Client, policyId);
        Assert.Equal(["sg-kept"], kept.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Viewers_and_read_only_tokens_read_but_cannot_write_and_strangers_get_nothing()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var viewer = await fixture.NewUserAsync("Vera Viewer", policyId, PolicyRole.Viewer);
        var stranger = await fixture.NewUserAsync("Sam Stranger");
        var readOnly = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Read));
        var body = new { positions = new Dictionary<string, object> { ["sg-a"] = new { x = 1, y = 2 } } };

        await PositionsAsync(viewer.Client, policyId);
        await PositionsAsync(readOnly, policyId);
        await (await viewer.Client.PutAsJsonAsync(Layout(policyId), body, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await readOnly.PutAsJsonAsync(Layout(policyId), body, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.GetAsync(Layout(policyId), Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync(Layout(policyId), Token)).StatusCode);
        await (await owner.Client.GetAsync(Layout(Guid.NewGuid()), Token)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Empty((await PositionsAsync(owner.Client, policyId)).EnumerateObject());
    }
}

public sealed class GraphLayoutApiSqliteTests(SqliteApp fixture) : GraphLayoutApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class GraphLayoutApiPostgresTests(PostgresApp fixture) : GraphLayoutApiTests(fixture), IClassFixture<PostgresApp>;
