using System.Net;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary><c>POST /api/drafts/{draftId}/groups/{groupId}/rules/paste</c>: many rules as text, all added in one edit or none.</summary>
public abstract class RulesPasteApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static string PasteInto(Guid draftId, string groupId) => $"/api/drafts/{draftId}/groups/{groupId}/rules/paste";

    private async Task<HttpResponseMessage> PasteAsync(Guid draftId, long version, string text, string direction = "inbound", string groupId = DemoEstate.Db, HttpClient? client = null)
    {
        using var request = ApiSteps.WithVersion(HttpMethod.Post, PasteInto(draftId, groupId), version, new { direction, text });
        return await (client ?? _client).SendAsync(request, Token);
    }

    private async Task<int> InboundCountAsync(Guid draftId, string groupId = DemoEstate.Db)
    {
        var (estate, _) = await _client.DraftAsync(draftId);
        return estate.Group(groupId).GetProperty("rules").EnumerateArray().Count(r => r.GetProperty("direction").GetString() == "inbound");
    }

    [Fact]
    public async Task Good_lines_are_all_added_in_one_edit_and_returned()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var before = await InboundCountAsync(draftId);

        var response = await PasteAsync(draftId, version, "tcp,6000-6010,10.0.0.0/8,\"x11, legacy\"\n# monitoring\nRedis,,demo-app\nicmp,8/0,10.20.0.5/16\n");

        var edit = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal(version + 1, edit.GetProperty("version").GetInt64());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
        Assert.Equal(["tcp 6000-6010|10.0.0.0/8|x11, legacy", $"tcp 6379|{DemoEstate.App}|", "icmp 8/0|10.20.0.0/16|"],
            edit.GetProperty("item").EnumerateArray().Select(r => $"{r.GetProperty("traffic").GetString()}|{Peer(r)}|{r.GetProperty("description").GetString()}"));
        Assert.Contains(edit.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("line 4, peer: ", StringComparison.Ordinal));
        var (estate, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version + 1, now);
        Assert.Equal(before + 3, await InboundCountAsync(draftId));
        var storedIds = estate.Group(DemoEstate.Db).GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        Assert.All(edit.GetProperty("item").EnumerateArray(), r => Assert.Contains(r.GetProperty("id").GetString(), storedIds));
    }

    private static string? Peer(JsonElement rule) =>
        new[] { "cidr", "groupId", "prefixListId" }.Select(p => rule.GetProperty(p)).FirstOrDefault(v => v.ValueKind == JsonValueKind.String).GetString();

    [Theory]
    [InlineData("tcp,70000,10.0.0.0/8", "text.lines[2].port", "line 2, port: port 70000 is out of range 0..65535")]
    [InlineData("tcp,2000-1000,10.0.0.0/8", "text.lines[2].port", "ends before it starts")]
    [InlineData("gre,,10.0.0.0/8", "text.lines[2].protocol", "unknown protocol or type 'gre'")]
    [InlineData("tcp,443,10.0.0.300/8", "text.lines[2].peer", "is not a CIDR block")]
    [InlineData("tcp,443,no-such-group", "text.lines[2].peer", "no group or prefix list of the policy is named 'no-such-group'")]
    [InlineData("tcp,443,10.0.0.0/8,a,b", "text.lines[2].columns", "at most 4")]
    public async Task A_bad_line_is_a_400_naming_its_line_and_field_and_nothing_is_stored(string badLine, string key, string message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var before = await InboundCountAsync(draftId);

        var response = await PasteAsync(draftId, version, $"tcp,7000,10.0.0.0/8\n{badLine}\nudp,7001,10.0.0.0/8");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        var error = Assert.Single(errors);
        Assert.Equal(key, error.Name);
        Assert.Contains(message, error.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal((version, before), ((await _client.DraftAsync(draftId)).Version, await InboundCountAsync(draftId)));
    }

    [Fact]
    public async Task Past_the_quota_the_error_names_it_and_nothing_is_stored()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var before = await InboundCountAsync(draftId);
        var text = string.Join('\n', Enumerable.Range(20000, 61 - before).Select(p => $"tcp,{p},10.0.0.0/8"));

        var response = await PasteAsync(draftId, version, text);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("over the quota of 60 rules per direction", problem.ErrorAt($"text.lines[{61 - before}].quota"), StringComparison.Ordinal);
        Assert.Equal(before, await InboundCountAsync(draftId));
    }

    [Theory]
    [InlineData("sideways", "tcp,1,10.0.0.0/8", "direction")]
    [InlineData("inbound", " \n ", "text")]
    public async Task A_bad_direction_or_empty_text_is_refused_at_its_field(string direction, string text, string field)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await PasteAsync(draftId, version, text, direction);

        Assert.NotEmpty((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt(field));
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task A_stale_version_is_a_412_an_unknown_group_is_not_found_and_a_viewer_is_forbidden()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var viewer = await fixture.NewUserAsync("Vera Viewer", await _client.DemoPolicyIdAsync(), PolicyRole.Viewer);

        await (await PasteAsync(draftId, version - 1, "tcp,1,10.0.0.0/8")).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await PasteAsync(draftId, version, "tcp,1,10.0.0.0/8", groupId: "sg-0000000000000none")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await PasteAsync(draftId, version, "tcp,1,10.0.0.0/8", client: viewer.Client)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }
}

public sealed class RulesPasteApiSqliteTests(SqliteApp fixture) : RulesPasteApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RulesPasteApiPostgresTests(PostgresApp fixture) : RulesPasteApiTests(fixture), IClassFixture<PostgresApp>;
