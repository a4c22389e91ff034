using SgDesigner.Core.Editing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Tests.Review;

public sealed class ChangeRequestPageTests : ReviewTestContext
{
    private static void ShowTab(IRenderedComponent<ChangeRequestPage> page, string name) =>
        page.FindAll("[role=tab]").First(t => t.TextContent.StartsWith(name, StringComparison.Ordinal)).Click();

    [Fact]
    public async Task A_reviewer_sees_the_flow_opened_from_the_internet_the_new_finding_and_the_review_buttons()
    {
        await OpenRequestAsync(asAuthor: false);

        var page = RenderPage();

        var flows = page.FindAll("[data-testid=impact-flow][data-kind=opened]");
        Assert.NotEmpty(flows);
        Assert.Contains("0.0.0.0/0", flows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("tcp 22", flows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(SshRule, flows[0].QuerySelector("[data-rule-id]")?.GetAttribute("data-rule-id"));
        Assert.Contains(page.FindAll("[data-testid=impact-finding][data-kind=new]"), f => f.GetAttribute("data-finding") == "SGD001");
        Assert.Equal("open", page.Find("[data-testid=request-status]").GetAttribute("data-status"));
        Assert.NotEmpty(page.FindAll("[data-testid=approve]"));
        Assert.NotEmpty(page.FindAll("[data-testid=request-changes]"));
        Assert.Empty(page.FindAll("[data-testid=merge]"));
    }

    [Fact]
    public async Task The_author_sees_the_impact_but_no_approve_or_request_changes_button()
    {
        await OpenRequestAsync(asAuthor: true);

        var page = RenderPage();

        Assert.NotEmpty(page.FindAll("[data-testid=impact-flow]"));
        Assert.Empty(page.FindAll("[data-testid=approve]"));
        Assert.Empty(page.FindAll("[data-testid=request-changes]"));
        Assert.NotEmpty(page.FindAll("[data-testid=close-request]"));
    }

    [Fact]
    public async Task Approving_on_the_page_stores_the_review_and_shows_the_request_approved()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();

        page.Find("[data-testid=approve]").Click();

        page.WaitForAssertion(() => Assert.Equal("approved", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
        var stored = (await Reviews.GetAsync(Request.Id, Token)).Value;
        Assert.Equal(Reviewer.UserId, Assert.Single(stored.Reviews).ReviewerUserId);
        Assert.Contains("1 of 1", page.Find("[data-testid=request-approvals]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_updates_itself_when_another_user_comments_and_when_the_draft_is_edited()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();
        ShowTab(page, "Conversation");
        var events = Services.GetRequiredService<ReviewEvents>();
        Assert.Empty(page.FindAll("[data-testid=comment]"));

        await Reviews.CommentAsync(Author, Request.Id, "narrowed it down", ct: Token);
        events.RequestChanged(ReviewEventKind.CommentAdded, Request.Id);

        page.WaitForAssertion(() => Assert.Contains("narrowed it down", page.Find("[data-testid=comment]").TextContent, StringComparison.Ordinal), Patience);

        var narrowed = new Rule(SshRule, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.Parse("198.51.100.0/24").Value), "on-call");
        var edited = (await Store.EditDraftAsync(Draft.Id, Draft.Version, GroupEdits.PutRule(DemoEstate.Web, narrowed), Author, Token)).Value;
        events.DraftEdited(edited.PolicyId, edited.Id);

        page.WaitForAssertion(() => Assert.Contains($"draft version {edited.Version}", page.Find("[data-testid=request-meta]").TextContent, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(page.FindAll("[data-testid=impact-finding][data-kind=new]"), f => f.GetAttribute("data-finding") == "SGD001");
    }

    [Fact]
    public async Task A_comment_on_a_changed_rule_is_shown_under_that_rule()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();
        ShowTab(page, "Rule changes");

        var rule = page.WaitForElement($"[data-testid=rule-change][data-rule-id={SshRule}]", Patience);
        rule.QuerySelector("input[data-testid=rule-comment-box], [data-testid=rule-comment-box] input")!.Input("why the whole internet?");
        page.Find($"[data-testid=rule-change][data-rule-id={SshRule}] [data-testid=add-rule-comment]").Click();

        page.WaitForAssertion(() => Assert.Contains("why the whole internet?",
            page.Find($"[data-testid=rule-change][data-rule-id={SshRule}] [data-testid=rule-comment]").TextContent, StringComparison.Ordinal), Patience);
        var stored = Assert.Single((await Reviews.GetAsync(Request.Id, Token)).Value.Comments);
        Assert.Equal((DemoEstate.Web, SshRule), (stored.GroupId, stored.RuleId));
    }

    [Fact]
    public async Task The_policy_list_shows_the_open_request_with_its_status_and_approvals_and_hides_it_once_closed()
    {
        await OpenRequestAsync(asAuthor: false);
        var list = Render<ChangeRequestsPage>(p => p.Add(x => x.PolicyId, Request.PolicyId));

        var row = list.WaitForElement("[data-testid=request-row]", Patience);
        Assert.Contains("SSH to the web tier", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("0/1", row.QuerySelector("[data-testid=request-approvals]")!.TextContent.Trim());
        Assert.Equal("open", row.QuerySelector("[data-testid=request-status]")!.GetAttribute("data-status"));

        Assert.True((await Reviews.CloseAsync(Author, Request.Id, Token)).IsOk);
        Services.GetRequiredService<ReviewEvents>().RequestChanged(ReviewEventKind.StatusChanged, Request.Id, Request.PolicyId, Request.DraftId);

        list.WaitForElement("[data-testid=no-requests]", Patience);
        list.Find("input[data-testid=show-all], [data-testid=show-all] input").Change(true);
        list.WaitForAssertion(() => Assert.Equal("closed", list.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
    }
}
