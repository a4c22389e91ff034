using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Nodes;

/// <summary>
/// Two app processes on one PostgreSQL: a session made on one is good on the other (the data-protection keys are in
/// the database), a comment posted through node A appears live on a request page open on node B (LISTEN/NOTIFY), and
/// merges through both nodes at once lose nothing.
/// </summary>
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_comment_posted_on_node_A_appears_live_on_a_request_page_open_on_node_B_whose_session_node_A_issued()
    {
        var team = await TeamAsync();
        // The session cookie node A issued is accepted by node B.
        var onB = new HttpClient(new HttpClientHandler { CookieContainer = team.Cookies }) { BaseAddress = nodes.B.BaseAddress };
        (await onB.GetAsync($"/api/policies/{team.PolicyId}", Ct)).EnsureSuccessStatusCode();
        var request = await ApprovedRequestAsync(team, "sgr-0000000000000b0a1", 7001, approve: false);

        var context = await nodes.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, nodes.B.BaseAddress, new TestUser(Guid.Empty, team.ReviewerEmail, "Rita Reviewer", FormAccounts.Password, null!));
        await page.GotoAsync(new Uri(nodes.B.BaseAddress, $"/requests/{request.RequestId}").ToString());
        try
        {
            await WaitInteractiveConversationAsync(page);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "two-nodes-request.png"), FullPage = true });
            throw;
        }

        const string text = "posted on node A, read on node B";
        await (await team.Author.PostAsJsonAsync($"/api/requests/{request.RequestId}/comments", new { body = text }, Ct)).ReadAsync(HttpStatusCode.Created);

        await Expect(page.GetByTestId("comment-body").Filter(new() { HasText = text })).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task Two_requests_merged_at_once_through_the_two_nodes_both_land()
    {
        var team = await TeamAsync();
        var first = await ApprovedRequestAsync(team, "sgr-0000000000000b0b1", 7101, approve: true);
        var second = await ApprovedRequestAsync(team, "sgr-0000000000000b0b2", 7102, approve: true);
        var authorOnB = new HttpClient(new HttpClientHandler { CookieContainer = team.Cookies }) { BaseAddress = nodes.B.BaseAddress };

        var answers = await Task.WhenAll(
            team.Author.RequestActionAsync(first.RequestId, "merge", new { }),
            authorOnB.RequestActionAsync(second.RequestId, "merge", new { }));

        var merged = await Task.WhenAll(answers.Select(async a => (await a.ReadAsync(HttpStatusCode.OK)).GetProperty("mergedRevision").GetInt32()));
        Assert.Equal(2, merged.Distinct().Count());
        var latest = await team.Author.GetFromJsonAsync<JsonElement>($"/api/policies/{team.PolicyId}/revisions/latest", Ct);
        var rules = latest.GetProperty("estate").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains("sgr-0000000000000b0b1", rules);
        Assert.Contains("sgr-0000000000000b0b2", rules);
    }

    private sealed record Team(Guid PolicyId, HttpClient Author, CookieContainer Cookies, HttpClient Reviewer, string ReviewerEmail);

    private sealed record Proposal(Guid RequestId, Guid DraftId);

    // The administrator (signed up on node A, the first user, so the demo's owner) writes through node A; a reviewer signs
    // up on node B with the administrator's invitation and is made the demo's reviewer.
    private async Task<Team> TeamAsync()
    {
        var author = new HttpClient(new HttpClientHandler { CookieContainer = nodes.AdministratorCookies }) { BaseAddress = nodes.A.BaseAddress };
        var demo = await author.DemoPolicyIdAsync();
        var email = $"rita.{Guid.NewGuid():N}@example.test";
        var invitation = await (await author.PostAsJsonAsync("/api/invitations", new { email }, Ct)).ReadAsync(HttpStatusCode.Created);
        var link = new Uri(invitation.GetProperty("signUpLink").GetString()!, UriKind.RelativeOrAbsolute);
        var path = link.IsAbsoluteUri ? link.PathAndQuery : link.OriginalString;
        var reviewer = await FormAccounts.SignUpAsync(nodes.B.BaseAddress, new CookieContainer(), email, "Rita Reviewer", path, Ct);
        await (await author.PostAsJsonAsync($"/api/policies/{demo}/members", new { email, role = "reviewer" }, Ct)).ReadAsync(HttpStatusCode.Created);
        return new Team(demo, author, nodes.AdministratorCookies, reviewer, email);
    }

    // A draft from the policy's revision 1 with a new inbound rule on the web group, proposed by the author and, when
    // asked, approved by the reviewer through node B.
    private async Task<Proposal> ApprovedRequestAsync(Team team, string ruleId, int port, bool approve)
    {
        var draft = await (await team.Author.PostAsJsonAsync($"/api/policies/{team.PolicyId}/drafts", new { title = $"port {port}", baseRevision = 1 }, Ct))
            .ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        using var put = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/{ruleId}", draft.GetProperty("version").GetInt64(),
            new { direction = "inbound", protocol = "tcp", fromPort = port, toPort = port, cidr = "10.0.0.0/16", description = $"port {port}" });
        (await team.Author.SendAsync(put, Ct)).EnsureSuccessStatusCode();
        var request = await (await team.Author.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = $"open {port}" }, Ct)).ReadAsync(HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        if (approve)
            await (await team.Reviewer.RequestActionAsync(requestId, "reviews", new { verdict = "approve" })).ReadAsync(HttpStatusCode.Created);
        return new Proposal(requestId, draftId);
    }

    // The conversation tab opens only once the page is interactive (a tab switch needs the circuit), and the comment box
    // binds as typed only then: after this, the page listens for live updates.
    private static async Task WaitInteractiveConversationAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Conversation") }).ClickAsync();
            try
            {
                await page.Locator("textarea[data-testid=comment-box], [data-testid=comment-box] textarea").First.FillAsync("typing", new() { Timeout = 2_000 });
                await Expect(page.GetByTestId("add-comment")).ToBeEnabledAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (Exception e) when (e is TimeoutException or PlaywrightException && DateTime.UtcNow < deadline)
            {
                // Still prerendered: try the tab again.
            }
        }
    }
}
