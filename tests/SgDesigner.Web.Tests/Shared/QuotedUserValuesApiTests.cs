using System.Net;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Shared;

/// <summary>
/// What a caller sent comes back in an error shortened to 40 characters and with hidden characters escaped: in a header,
/// a query string and a form field, over real HTTP. Kestrel refuses a request line over 8 KB (414) and headers over 32 KB
/// (431) itself, and any non-ASCII header byte (400), so the longest query values and headers that reach the app are sent.
/// </summary>
public sealed class QuotedUserValuesApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string Hidden = "\u202E\u0000";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_long_if_match_header_is_quoted_short()
    {
        var (draftId, _) = await fixture.Client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Db}/rules")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { direction = "ingress", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "10.0.0.0/8" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", new string('x', 30_000));

        var problem = await (await fixture.Client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        AssertQuoted(problem.ErrorAt("If-Match"), "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is not an entity tag");
    }

    [Theory]
    [InlineData(7_000, "")]
    [InlineData(1, Hidden)]
    public async Task An_audit_action_is_quoted_short_and_escaped(int length, string tail)
    {
        var action = new string('a', length) + tail;

        var problem = await (await fixture.Client.GetAsync($"/api/audit?action={Uri.EscapeDataString(action)}", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        AssertQuoted(problem.ErrorAt("action"), tail.Length == 0 ? $"'{new string('a', 40)}…' is neither an action" : null);
    }

    [Theory]
    [InlineData(7_000, "")]
    [InlineData(1, Hidden)]
    public async Task A_matrix_format_is_quoted_short_and_escaped(int length, string tail)
    {
        var format = new string('f', length) + tail;
        var at = $"/api/policies/{await fixture.Client.DemoPolicyIdAsync()}/revisions/latest";

        var problem = await (await fixture.Client.GetAsync($"{at}/matrix?format={Uri.EscapeDataString(format)}", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        AssertQuoted(problem.ErrorAt("format"), tail.Length == 0 ? $"'{new string('f', 40)}…' is not a matrix format" : @"'f\u202e\u0000' is not a matrix format");
    }

    [Theory]
    [InlineData(100_000, "")]
    [InlineData(1, Hidden)]
    public async Task A_snapshot_kind_is_quoted_short_and_escaped(int length, string tail)
    {
        var kind = new string('k', length) + tail;
        var policyId = await fixture.Client.DemoPolicyIdAsync();

        var response = await fixture.Client.PostAsync($"/api/policies/{policyId}/snapshots", ImportApiTests.Form([("sg.json", "{}")], [("kind", kind)]), Token);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);

        AssertQuoted(problem.ErrorAt("kind"), tail.Length == 0 ? $"'{new string('k', 40)}…' is not a snapshot kind" : @"'k\u202e\u0000' is not a snapshot kind");
    }

    // Short, without the hidden characters, and (when given) starting with the value as QuotedValue shows it.
    private static void AssertQuoted(string error, string? start)
    {
        Assert.True(error.Length < 300, $"the value is echoed whole: {error.Length} characters");
        Assert.DoesNotContain('\u202E', error);
        Assert.DoesNotContain('\u0000', error);
        if (start is not null)
            Assert.StartsWith(start, error, StringComparison.Ordinal);
    }
}
