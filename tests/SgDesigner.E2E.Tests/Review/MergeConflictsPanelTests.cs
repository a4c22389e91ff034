using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Review;

/// <summary>
/// The conflict-resolution panel in Chromium: the author's request and a revision published meanwhile change the same rule;
/// the author keeps their side in the panel, the reviewer approves the rebased draft, the author merges (confirming), and
/// the stored revision holds the author's rule.
/// </summary>
public sealed class MergeConflictsPanelTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string BastionSsh = "sgr-0a1b0000000000012";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Sets the bastion's ssh rule of the web group to come from cidr, over the API as user.
    private static async Task PutBastionSshAsync(TestUser user, Guid draftId, string cidr)
    {
        var (_, version) = await user.Client.DraftAsync(draftId);
        using var put = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/{BastionSsh}", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 22, toPort = 22, cidr, description = "bastion ssh" });
        await (await user.Client.SendAsync(put, Token)).ReadAsync(HttpStatusCode.OK);
    }

    private static async Task<Guid> NewDraftAsync(TestUser user, Guid policyId, string title) =>
        (await (await user.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title }, Token)).ReadAsync(HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    [Fact]
    public async Task The_author_resolves_a_conflict_in_the_panel_and_merges_and_the_revision_keeps_their_side()
    {
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var admin = session.Fixture.Admin;
        var policy = (await store.CreatePolicyAsync($"conflicts {Guid.NewGuid():N}", null, DemoEstate.Build(), admin.Actor, Token)).Value;
        var editor = await session.Fixture.NewUserAsync("Eddie Editor", policy.Id, PolicyRole.Editor);
        var reviewer = await session.Fixture.NewUserAsync("Rita Reviewer", policy.Id, PolicyRole.Reviewer);
        // Ours: the author's request moves the bastion's ssh to the campus range.
        var oursDraft = await NewDraftAsync(editor, policy.Id, "campus ssh");
        await PutBastionSshAsync(editor, oursDraft, "203.0.113.0/24");
        var request = await (await editor.Client.PostAsJsonAsync($"/api/drafts/{oursDraft}/request",
            new { title = "Bastion ssh from the campus", reviewers = new[] { reviewer.Email } }, Token)).ReadAsync(HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        // Theirs: meanwhile the administrator publishes the office range for the same rule.
        var theirs = await NewDraftAsync(admin, policy.Id, "office ssh");
        await PutBastionSshAsync(admin, theirs, "198.51.100.0/24");
        await (await admin.Client.PublishAsync(theirs, new { message = "office ssh" })).ReadAsync(HttpStatusCode.Created);

        await using var context = await session.NewContextAsync(editor, new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/requests/{requestId}").ToString());

        // The panel shows the one conflict with both sides.
        await Expect(page.GetByTestId("merge-preview")).ToHaveAttributeAsync("data-clean", "false");
        var conflict = page.GetByTestId("conflict");
        await Expect(conflict).ToHaveCountAsync(1);
        await Expect(conflict).ToHaveAttributeAsync("data-key", $"rule:{DemoEstate.Web}/{BastionSsh}");
        await Expect(conflict).ToContainTextAsync("203.0.113.0/24");
        await Expect(conflict).ToContainTextAsync("198.51.100.0/24");
        await Expect(page.GetByTestId("resolve-conflicts")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "merge-conflicts.png"), FullPage = true });

        // The author keeps their side and rebases.
        // The choices are disabled until the page is interactive: a click before that would be lost.
        var ours = conflict.GetByRole(AriaRole.Radio, new() { Name = "ours" });
        await Expect(ours).ToBeEnabledAsync();
        await Expect(ours).Not.ToBeCheckedAsync();
        await conflict.GetByText("ours", new() { Exact = true }).ClickAsync();
        await Expect(ours).ToBeCheckedAsync();
        await page.GetByTestId("resolve-conflicts").ClickAsync();
        await Expect(page.GetByTestId("conflict")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("merge-preview")).ToHaveCountAsync(0);

        // The reviewer approves the rebased draft; the author's open page follows and offers the merge, which asks first.
        await (await reviewer.Client.RequestActionAsync(requestId, "reviews", new { verdict = "approve" })).ReadAsync(HttpStatusCode.Created);
        await page.GetByTestId("merge").ClickAsync();
        await Expect(page.GetByTestId("merge-confirm-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-merge").ClickAsync();
        await Expect(page.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", new Regex("merged", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("merged-revision")).ToHaveTextAsync("revision 3");

        // The stored revision, read through the API, has the author's side of the rule and the office side nowhere.
        var revision = await (await reviewer.Client.GetAsync($"/api/policies/{policy.Id}/revisions/3", Token)).ReadAsync(HttpStatusCode.OK);
        var rule = revision.GetProperty("estate").Group(DemoEstate.Web).GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == BastionSsh);
        Assert.Equal("203.0.113.0/24", rule.GetProperty("cidr").GetString());
        Assert.Contains("Bastion ssh from the campus", revision.GetProperty("revision").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
