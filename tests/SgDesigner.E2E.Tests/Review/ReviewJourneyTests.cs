using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.E2E.Tests.Designer;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Review;

/// <summary>
/// Two people take a change from draft to merged in two browsers: an editor opens SSH to the web tier from the whole
/// internet and proposes it to a reviewer by name, landing on the request; the reviewer finds it through the header's
/// badge, sees that flow and the lint finding in the impact, asks for changes; the
/// editor narrows the source, and the reviewer's open page follows; the reviewer approves, the editor merges after confirming the impact; the
/// policy's history and audit trail show every step.
/// </summary>
public sealed class ReviewJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string WebGroup = "demo-web";

    [Fact]
    public async Task An_editor_and_a_reviewer_take_an_ssh_change_from_draft_to_merged()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync($"shop {Guid.NewGuid():N}", "reviewed changes only", DemoEstate.Build(), session.Fixture.Admin.Actor, ct)).Value;
        var editor = await session.Fixture.NewUserAsync("Eddie Editor", policy.Id, PolicyRole.Editor);
        var reviewer = await session.Fixture.NewUserAsync("Rita Reviewer", policy.Id, PolicyRole.Reviewer);
        await using var editorContext = await session.NewContextAsync(editor, new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        await using var reviewerContext = await session.NewContextAsync(reviewer, new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var designer = await editorContext.NewPageAsync();

        // The editor drafts the change in the designer and proposes it.
        await designer.GotoAsync(new Uri(session.App.BaseAddress, $"/policies/{policy.Id}").ToString());
        await designer.GetByTestId("new-draft").ClickAsync();
        await Expect(designer.GetByTestId("draft-title")).ToBeVisibleAsync();
        await designer.GetByTestId("group-item").Filter(new() { HasText = WebGroup }).ClickAsync();
        await Expect(designer.GetByTestId("group-name")).ToHaveTextAsync(WebGroup);
        var rule = await designer.AddRuleAsync("22", "0.0.0.0/0");
        // The row is complete once the peer's change reached the server; only then does "saved" speak of this rule
        // (checked before that, it could still describe the draft without it, and the request would open without it).
        await Expect(rule.GetByTestId("not-saved")).ToHaveCountAsync(0);
        var ruleId = await rule.RuleIdAsync();
        await Expect(designer.GetByTestId("save-state")).ToContainTextAsync("every change is saved");
        await designer.GetByTestId("open-request").ClickAsync();
        await designer.Field("request-title-input").FillAsync("SSH to the web tier");
        await designer.Field("request-description-input").FillAsync("Operators need to reach the web servers.");
        // The author asks the reviewer by name, and lands on the request.
        var option = designer.Locator($"[data-testid=reviewer-option][data-user-id='{reviewer.Id}']");
        await option.GetByText("Rita Reviewer (reviewer)").ClickAsync();
        await Expect(option.Locator("input")).ToBeCheckedAsync();
        await designer.GetByTestId("submit-request").ClickAsync();
        await Expect(designer).ToHaveURLAsync(new Regex("/requests/[0-9a-f-]{36}$"));
        await Expect(designer.GetByTestId("request-title")).ToContainTextAsync("SSH to the web tier");
        await Expect(designer.GetByTestId("requested-reviewer")).ToContainTextAsync("Rita Reviewer");
        var requestUrl = designer.Url;

        // The reviewer finds it waiting for them: a badge in the header, and the list it links to.
        var review = await reviewerContext.NewPageAsync();
        await review.GotoAsync(session.App.BaseAddress.ToString());
        await Expect(review.GetByTestId("review-badge")).ToHaveAttributeAsync("data-count", "1");
        await review.GetByTestId("review-badge-link").ClickAsync();
        await Expect(review.GetByTestId("waiting-request")).ToHaveCountAsync(1);
        // The link's target, followed as a click would: the list is drawn twice (prerendered, then live), and under a
        // loaded machine a click could keep landing on the first copy as it is replaced.
        var link = await review.GetByTestId("waiting-request-link").GetAttributeAsync("href");
        await review.GotoAsync(new Uri(session.App.BaseAddress, link).ToString());
        await Expect(review).ToHaveURLAsync(requestUrl);

        // The reviewer sees what the change opens, and why it is a problem.
        await Expect(review.GetByTestId("request-title")).ToContainTextAsync("SSH to the web tier");
        var opened = review.Locator("[data-testid=impact-flow][data-kind=opened]");
        await Expect(opened.First).ToContainTextAsync("0.0.0.0/0");
        await Expect(opened.First).ToContainTextAsync("tcp 22");
        await Expect(review.Locator("[data-testid=impact-finding][data-kind=new][data-finding=SGD001]")).ToBeVisibleAsync();
        await Expect(review.GetByTestId("approve")).ToBeVisibleAsync();
        await review.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "review-impact.png"), FullPage = true });
        await review.Field("review-note").FillAsync("Not from the whole internet: the office range only, please.");
        await review.GetByTestId("request-changes").ClickAsync();
        await Expect(review.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", new Regex("changes", RegexOptions.IgnoreCase));

        // The editor goes back to the draft and narrows the source; the reviewer's open page follows without a reload.
        await designer.GetByTestId("edit-draft").ClickAsync();
        await designer.GetByTestId("group-item").Filter(new() { HasText = WebGroup }).ClickAsync();
        await Expect(designer.GetByTestId("group-name")).ToHaveTextAsync(WebGroup);
        await designer.RuleRow(ruleId).SetRuleFieldAsync("peer", "203.0.113.0/24");
        await Expect(designer.GetByTestId("save-state")).ToContainTextAsync("every change is saved");
        await Expect(review.Locator("[data-testid=impact-finding][data-kind=new][data-finding=SGD001]")).ToHaveCountAsync(0);
        await Expect(review.Locator("[data-testid=impact-flow][data-kind=opened]").First).ToContainTextAsync("203.0.113.0/24");
        await review.Field("review-note").FillAsync("Office range only: fine.");
        await review.GetByTestId("approve").ClickAsync();
        await Expect(review.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", new Regex("approved", RegexOptions.IgnoreCase));
        // Approve is hidden once given; the badge no longer counts the request.
        await Expect(review.GetByTestId("approved-by-me")).ToBeVisibleAsync();
        await Expect(review.GetByTestId("approve")).ToHaveCountAsync(0);
        await Expect(review.GetByTestId("review-badge")).ToHaveAttributeAsync("data-count", "0");

        // The editor merges; the reviewer's page shows the new revision.
        var request = await editorContext.NewPageAsync();
        await request.GotoAsync(requestUrl);
        await Expect(request.GetByTestId("approve")).ToHaveCountAsync(0);
        await request.GetByTestId("merge").ClickAsync();
        await Expect(request.Locator("[data-testid=merge-flow][data-kind=opened]").First).ToContainTextAsync("203.0.113.0/24");
        await request.GetByTestId("confirm-merge").ClickAsync();
        await Expect(request.GetByTestId("merged-revision")).ToHaveTextAsync("revision 2");
        await Expect(review.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", new Regex("merged", RegexOptions.IgnoreCase));
        await review.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "review-merged.png"), FullPage = true });

        // History and audit trail, as the reviewer sees them.
        await review.GotoAsync(new Uri(session.App.BaseAddress, $"/policies/{policy.Id}").ToString());
        // The tabs answer clicks once the circuit is interactive, which enables the New draft button.
        await Expect(review.GetByTestId("new-draft")).ToBeEnabledAsync();
        await review.GetByRole(AriaRole.Tab, new() { Name = "History (2)" }).ClickAsync();
        await Expect(review.GetByTestId("history-message").First).ToContainTextAsync("SSH to the web tier");
        await review.GotoAsync(new Uri(session.App.BaseAddress, $"/audit?policy={policy.Id}").ToString());
        foreach (var action in new[] { "request.opened", "request.changes-requested", "request.approved", "request.merged" })
            await Expect(review.GetByText(action, new() { Exact = true }).First).ToBeVisibleAsync();
        await review.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "audit.png"), FullPage = true });
    }
}
