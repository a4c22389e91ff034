using System.Net;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>A bad value is quoted short and escaped in the API's problem details, not echoed whole.</summary>
public abstract class QuotedValueApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(100_000, "", "'10.0.0.0/8888888888888888888888888888888…' is not a CIDR block")]
    [InlineData(0, "\u0000\u202E", @"'10.0.0.0/8\u0000\u202e' is not a CIDR block")]
    public async Task A_bad_cidr_is_quoted_by_its_first_40_characters_with_hidden_characters_escaped(int eights, string tail, string message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var cidr = "10.0.0.0/" + new string('8', Math.Max(eights, 1)) + tail;

        using var request = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Db}/rules", version,
            new { direction = "ingress", protocol = "tcp", fromPort = 22, toPort = 22, cidr });
        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        var error = problem.ErrorAt(".peer");
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, $"the value is echoed whole: {error.Length} characters");
        Assert.DoesNotContain('\u0000', error);
        Assert.DoesNotContain('\u202E', error);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }
}

public sealed class QuotedValueApiSqliteTests(SqliteApp fixture) : QuotedValueApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class QuotedValueApiPostgresTests(PostgresApp fixture) : QuotedValueApiTests(fixture), IClassFixture<PostgresApp>;
