using System.Net;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>A rule's owner, justification, ticket and review-by date through the rules API of a draft.</summary>
public abstract class RuleMetadataApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string RuleId = "sgr-0123456789abcdef0";
    private static string RuleUri(Guid draftId) => $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/{RuleId}";

    private async Task<HttpResponseMessage> PutAsync(Guid draftId, long version, object body)
    {
        using var request = ApiSteps.WithVersion(HttpMethod.Put, RuleUri(draftId), version, body);
        return await _client.SendAsync(request, Token);
    }

    private static object Rule(string? owner = null, string? justification = null, string? ticket = null, string? reviewBy = null) =>
        new { direction = "inbound", protocol = "tcp", fromPort = 8443, toPort = 8443, cidr = "0.0.0.0/0", owner, justification, ticket, reviewBy };

    [Fact]
    public async Task The_metadata_of_a_put_rule_is_stored_trimmed_and_returned_by_every_read()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await PutAsync(draftId, version, Rule(" team-payments ", "PSP callbacks from the internet", "NET-42", "2027-03-31"));

        var item = (await response.ReadAsync(HttpStatusCode.OK)).GetProperty("item");
        Assert.Equal("team-payments", item.GetProperty("owner").GetString());
        Assert.Equal("2027-03-31", item.GetProperty("reviewBy").GetString());
        var read = await (await _client.GetAsync(RuleUri(draftId), Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("NET-42", read.GetProperty("ticket").GetString());
        Assert.Equal("PSP callbacks from the internet", read.GetProperty("justification").GetString());
        var (estate, _) = await _client.DraftAsync(draftId);
        var stored = estate.Group(DemoEstate.Web).GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == RuleId);
        Assert.Equal("team-payments", stored.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task A_put_without_metadata_clears_it_since_the_rule_is_replaced_whole()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var first = await (await PutAsync(draftId, version, Rule("team-a", reviewBy: "2027-01-01"))).ReadAsync(HttpStatusCode.OK);

        var second = await (await PutAsync(draftId, first.GetProperty("version").GetInt64(), Rule())).ReadAsync(HttpStatusCode.OK);

        var item = second.GetProperty("item");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("owner").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("reviewBy").ValueKind);
    }

    [Theory]
    [InlineData(null, null, "31.03.2027", "reviewBy", "not a date: use yyyy-MM-dd")]
    [InlineData(null, null, "2027-02-29", "reviewBy", "not a date")]
    [InlineData("a\u0001b", null, null, "owner", "control character U+0001")]
    [InlineData(null, "x", null, null, null)]
    // A right-to-left override: stored as "admin\u202Egnp.exe", shown as "adminexe.png" (another owner on the Recertification page).
    [InlineData("admin\u202Egnp.exe", null, null, "owner", "bidirectional control character U+202E at position 6")]
    [InlineData(null, "approved \u2066by\u2069 security", null, "justification", "bidirectional control character U+2066 at position 10")]
    public async Task Bad_metadata_is_refused_at_its_field_and_nothing_is_stored(string? owner, string? justification, string? reviewBy, string? field, string? message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        // The last case: a justification one character over the limit.
        var body = field is null ? Rule(justification: new string('j', 257)) : Rule(owner, justification, null, reviewBy);
        field ??= "justification";
        message ??= "is 257 characters long; at most 256";

        var response = await PutAsync(draftId, version, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.ErrorAt($"rules[{RuleId}].{field}"), StringComparison.Ordinal);
        var (_, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
    }
}

public sealed class RuleMetadataApiSqliteTests(SqliteApp fixture) : RuleMetadataApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RuleMetadataApiPostgresTests(PostgresApp fixture) : RuleMetadataApiTests(fixture), IClassFixture<PostgresApp>;
