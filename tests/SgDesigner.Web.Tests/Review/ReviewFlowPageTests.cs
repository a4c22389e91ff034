using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Review;
using MudDialogProvider = MudBlazor.MudDialogProvider;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// The review flow on the pages: reviewers named when opening, landing on the request, Approve hidden once given, Merge
/// confirmed with the impact, typed text kept through live updates and conflicts, and the requests waiting for one's review.
/// </summary>
public sealed class ReviewFlowPageTests : ReviewTestContext
{
    private static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    private static void ShowTab(IRenderedComponent<ChangeRequestPage> page, string name) =>
        page.FindAll("[role=tab]").First(t => t.TextContent.StartsWith(name, StringComparison.Ordinal)).Click();

    private Task AskReviewerAsync() =>
        Reviews.SetReviewersAsync(Author, Request.Id, [Reviewer.UserId!.Value.ToString()], ct: Token);

    [Fact]
    public async Task The_author_names_a_reviewer_in_the_dialog_and_lands_on_the_request()
    {
        await OpenRequestAsync(asAuthor: true, open: false);
        var dialogs = Render<MudDialogProvider>();
        Assert.Null(await Services.GetRequiredService<DesignSession>().LoadAsync(Draft.Id, Token));
        var bar = Render<PublishBar>();

        bar.WaitForElement("[data-testid=open-request]", Patience).Click();
        dialogs.WaitForElement(Field("request-title-input"), Patience).Input("Let the on-call in");
        var option = dialogs.WaitForElement($"[data-testid=reviewer-option][data-user-id='{Reviewer.UserId}'] input", Patience);
        Assert.Contains("Rita Reviewer", dialogs.Find("[data-testid=reviewer-picker]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Eddie Editor", dialogs.Find("[data-testid=reviewer-picker]").TextContent, StringComparison.Ordinal);
        option.Change(true);
        dialogs.Find("[data-testid=submit-request]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        bar.WaitForAssertion(() => Assert.Matches("/requests/[0-9a-f-]{36}$", navigation.Uri), Patience);
        var request = Assert.Single((await Reviews.ListAsync(Draft.PolicyId, ct: Token)).Value);
        Assert.EndsWith($"/requests/{request.Id}", navigation.Uri, StringComparison.Ordinal);
        var stored = (await Reviews.GetAsync(request.Id, Token)).Value;
        Assert.Equal(Reviewer.UserId, Assert.Single(stored.RequestedReviewers).UserId);
    }

    [Fact]
    public async Task Approve_is_hidden_once_the_reviewer_approved_and_request_changes_stays()
    {
        await OpenRequestAsync(asAuthor: false);
        await AskReviewerAsync();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("pending", page.Find("[data-testid=requested-reviewer]").GetAttribute("data-state")), Patience);

        page.Find("[data-testid=approve]").Click();

        page.WaitForElement("[data-testid=approved-by-me]", Patience);
        Assert.Empty(page.FindAll("[data-testid=approve]"));
        Assert.NotEmpty(page.FindAll("[data-testid=request-changes]"));
        Assert.Equal("approved", page.Find("[data-testid=requested-reviewer]").GetAttribute("data-state"));

        // Changing their mind: a request for changes brings Approve back.
        page.Find("[data-testid=request-changes]").Click();
        page.WaitForElement("[data-testid=approve]", Patience);
        Assert.Empty(page.FindAll("[data-testid=approved-by-me]"));
    }

    [Fact]
    public async Task Merge_asks_for_confirmation_with_the_flows_it_opens_and_merges_only_when_confirmed()
    {
        await OpenRequestAsync(asAuthor: true);
        Assert.True((await Reviews.ReviewAsync(Reviewer, Request.Id, ReviewVerdict.Approve, null, ct: Token)).IsOk);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.WaitForElement("[data-testid=merge]", Patience).Click();

        dialogs.WaitForElement("[data-testid=merge-confirm-dialog]", Patience);
        var opened = dialogs.Find("[data-testid=merge-opened-count]").TextContent;
        Assert.Matches("[1-9][0-9]* flow\\(s\\) opened", opened);
        var flows = dialogs.FindAll("[data-testid=merge-flow][data-kind=opened]");
        Assert.InRange(flows.Count, 1, 5);
        Assert.Contains("0.0.0.0/0", flows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("tcp 22", flows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("0 flow(s) closed", dialogs.Find("[data-testid=merge-closed-count]").TextContent, StringComparison.Ordinal);

        dialogs.Find("[data-testid=cancel-merge]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=merge-confirm-dialog]")), Patience);
        Assert.Equal(ChangeRequestStatus.Approved, (await Reviews.GetAsync(Request.Id, Token)).Value.Info.Status);

        page.Find("[data-testid=merge]").Click();
        dialogs.WaitForElement("[data-testid=confirm-merge]", Patience).Click();

        page.WaitForElement("[data-testid=merged-revision]", Patience);
        Assert.Equal(ChangeRequestStatus.Merged, (await Reviews.GetAsync(Request.Id, Token)).Value.Info.Status);
    }

    [Fact]
    public async Task Text_typed_in_the_comment_box_survives_a_live_update_and_a_conflict()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();
        ShowTab(page, "Conversation");
        page.WaitForElement(Field("comment-box"), Patience).Input("half a thought about port 22");

        // Someone else comments: the page re-loads and re-renders.
        await Reviews.CommentAsync(Author, Request.Id, "narrowing it now", ct: Token);
        Services.GetRequiredService<ReviewEvents>().RequestChanged(ReviewEventKind.CommentAdded, Request.Id);
        page.WaitForAssertion(() => Assert.Contains("narrowing it now", page.Find("[data-testid=comment]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("half a thought about port 22", page.Find(Field("comment-box")).GetAttribute("value") ?? page.Find(Field("comment-box")).TextContent);

        // The author closes the request without the page knowing: sending is refused (409), and the text stays, read-only.
        Assert.True((await Reviews.CloseAsync(Author, Request.Id, Token)).IsOk);
        page.Find("[data-testid=add-comment]").Click();

        page.WaitForElement("[data-testid=action-problem]", Patience);
        var box = page.Find(Field("comment-box"));
        Assert.Equal("half a thought about port 22", box.GetAttribute("value") ?? box.TextContent);
        Assert.True(box.HasAttribute("readonly"));
        Assert.Empty(page.FindAll("[data-testid=add-comment]"));
    }

    [Fact]
    public async Task A_requested_reviewer_sees_the_request_waiting_for_them_and_the_header_badge_follows_live()
    {
        await OpenRequestAsync(asAuthor: false);
        var events = Services.GetRequiredService<ReviewEvents>();
        var badge = Render<ReviewBadge>();
        var list = Render<WaitingForMyReview>(p => p.Add(x => x.PolicyId, Draft.PolicyId));
        badge.WaitForAssertion(() => Assert.Equal("0", badge.Find("[data-testid=review-badge]").GetAttribute("data-count")), Patience);
        list.WaitForElement("[data-testid=nothing-waiting]", Patience);

        await AskReviewerAsync();
        events.RequestChanged(ReviewEventKind.ReviewersChanged, Request.Id, Draft.PolicyId, Draft.Id);

        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("[data-testid=review-badge]").GetAttribute("data-count")), Patience);
        list.WaitForAssertion(() => Assert.Equal(Request.Id.ToString(), list.Find("[data-testid=waiting-request]").GetAttribute("data-request-id")), Patience);
        Assert.Equal($"/requests/{Request.Id}", list.Find("[data-testid=waiting-request-link]").GetAttribute("href"));

        Assert.True((await Reviews.ReviewAsync(Reviewer, Request.Id, ReviewVerdict.Approve, null, ct: Token)).IsOk);
        events.RequestChanged(ReviewEventKind.ReviewAdded, Request.Id, Draft.PolicyId, Draft.Id);

        badge.WaitForAssertion(() => Assert.Equal("0", badge.Find("[data-testid=review-badge]").GetAttribute("data-count")), Patience);
        list.WaitForElement("[data-testid=nothing-waiting]", Patience);
    }
}
