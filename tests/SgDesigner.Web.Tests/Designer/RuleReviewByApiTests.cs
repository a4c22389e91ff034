using System.Net;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>A rule's review-by date sent to the API: before 2000 or more than ten years ahead is a 400 at the field.</summary>
public abstract class RuleReviewByApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("0001-01-01", "0001-01-01 is before 2000-01-01")]
    [InlineData("9999-12-31", "9999-12-31 is more than 10 years ahead")]
    public async Task A_review_by_date_out_of_the_window_is_a_400_at_the_field_and_nothing_is_stored(string reviewBy, string message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        using var request = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Db}/rules", version,
            new { direction = "ingress", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "10.0.0.0/8", owner = "team-db", reviewBy });
        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith(message, problem.ErrorAt(".reviewBy"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }
}

public sealed class RuleReviewByApiSqliteTests(SqliteApp fixture) : RuleReviewByApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RuleReviewByApiPostgresTests(PostgresApp fixture) : RuleReviewByApiTests(fixture), IClassFixture<PostgresApp>;
