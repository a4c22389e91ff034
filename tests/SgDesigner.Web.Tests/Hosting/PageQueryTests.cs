using System.Net;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// A page address with a query value of the wrong kind (typed or pasted by hand) answers the page with the problem named
/// at its parameter, over real HTTP, instead of a 500 from Blazor's own binding of the value.
/// </summary>
public sealed class PageQueryTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("recertification?days=abc", "?days=abc is not a whole number: give 0 to 3650; showing 30 days.")]
    [InlineData("recertification?days=99999999999", "?days=99999999999 is out of range: give 0 to 3650")]
    [InlineData("recertification?days=-1", "?days=-1 is out of range: give 0 to 3650; showing 30 days.")]
    [InlineData("recertification?days=100000", "?days=100000 is out of range: give 0 to 3650")]
    [InlineData("drift?revision=abc", "?revision=abc is not a whole number: give 1 or more")]
    [InlineData("drift?revision=0", "?revision=0 is out of range: give 1 or more")]
    [InlineData("?revision=abc", "?revision=abc is not a whole number: give 1 or more")]
    [InlineData("?revision=1.5", "?revision=1.5 is not a whole number: give 1 or more")]
    public async Task A_policy_page_with_a_query_value_of_the_wrong_kind_says_which_and_why(string page, string problem)
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        using var browser = await fixture.SignedInBrowserAsync(fixture.Admin);

        var response = await browser.GetAsync($"/policies/{policyId}{(page.StartsWith('?') ? "" : "/")}{page}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(problem, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_trail_of_a_policy_id_that_is_not_one_says_so()
    {
        using var browser = await fixture.SignedInBrowserAsync(fixture.Admin);

        var response = await browser.GetAsync("/audit?policy=not-an-id");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("?policy=not-an-id is not a policy id", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_window_is_used_and_no_problem_is_shown()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        using var browser = await fixture.SignedInBrowserAsync(fixture.Admin);

        var response = await browser.GetAsync($"/policies/{policyId}/recertification?days=7");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("data-testid=\"query-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("within 7 day(s)", html, StringComparison.Ordinal);
    }
}
