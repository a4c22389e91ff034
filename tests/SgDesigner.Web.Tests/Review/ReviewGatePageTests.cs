using SgDesigner.Core.Editing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudDialogProvider = MudBlazor.MudDialogProvider;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Tests.Review;

/// <summary>On the request page: who may approve, who authored each rule change, and an owner dismissing a review.</summary>
public sealed class ReviewGatePageTests : ReviewTestContext
{
    private static readonly Rule Rdp = new("sgr-0rdp0000000000001", Direction.Inbound, IpProtocol.Tcp, 3389, 3389, new CidrPeer(Cidr.AnyV4), "jump");

    private static void ShowTab(IRenderedComponent<ChangeRequestPage> page, string name) =>
        page.FindAll("[role=tab]").First(t => t.TextContent.StartsWith(name, StringComparison.Ordinal)).Click();

    // The signed-in reviewer adds a rule in the designer, the way the designer's components do.
    private async Task AddRdpInTheDesignerAsync()
    {
        var session = Services.GetRequiredService<DesignSession>();
        Assert.Null(await session.LoadAsync(Draft.Id, Token));
        Assert.Null(await session.EditAsync(GroupEdits.PutRule(DemoEstate.Web, Rdp), "add rdp", Token));
    }

    [Fact]
    public async Task A_reviewer_who_added_a_rule_in_the_designer_sees_approve_disabled_with_the_reason_and_cannot_approve()
    {
        await OpenRequestAsync(asAuthor: false);
        await AddRdpInTheDesignerAsync();

        var page = RenderPage();

        Assert.True(page.Find("[data-testid=approve]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=request-changes]").HasAttribute("disabled"));
        var reason = page.Find("[data-testid=approve-refusal]").TextContent;
        Assert.Contains($"you authored changes in this request (rule {Rdp.Id} of {DemoEstate.Web})", reason, StringComparison.Ordinal);
        var approved = await Reviews.ReviewAsync(Reviewer, Request.Id, ReviewVerdict.Approve, null, ct: Token);
        Assert.Equal(StoreFailureKind.Forbidden, approved.Failure?.Kind);
        Assert.Contains($"rule {Rdp.Id} of {DemoEstate.Web}", approved.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_who_changed_nothing_may_approve()
    {
        await OpenRequestAsync(asAuthor: false);

        var page = RenderPage();

        Assert.False(page.Find("[data-testid=approve]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=approve-refusal]"));
    }

    [Fact]
    public async Task Each_rule_change_names_who_authored_it()
    {
        await OpenRequestAsync(asAuthor: false);
        await AddRdpInTheDesignerAsync();
        var ssh = new Rule(SshRule, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.Parse("198.51.100.0/24").Value), "on-call");
        var version = (await Store.GetDraftAsync(Draft.Id, Token)).Value.Info.Version;
        Assert.True((await Store.EditDraftAsync(Draft.Id, version, GroupEdits.PutRule(DemoEstate.Web, ssh), Reviewer, Token)).IsOk);

        var page = RenderPage();
        ShowTab(page, "Rule changes");

        page.WaitForAssertion(() => Assert.Equal(" · by Eddie Editor, Rita Reviewer",
            page.Find($"[data-testid=rule-change][data-rule-id={SshRule}] [data-testid=rule-authors]").TextContent), Patience);
        Assert.Equal(" · by Rita Reviewer", page.Find($"[data-testid=rule-change][data-rule-id={Rdp.Id}] [data-testid=rule-authors]").TextContent);
    }

    [Fact]
    public async Task An_owner_dismisses_a_request_for_changes_with_a_reason_and_the_conversation_shows_who_and_why()
    {
        await OpenRequestAsync(asAuthor: false);
        Assert.True((await Reviews.ReviewAsync(Reviewer, Request.Id, ReviewVerdict.RequestChanges, "not this week", ct: Token)).IsOk);
        await SignInNewMemberAsync("Oscar Owner", PolicyRole.Owner);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        ShowTab(page, "Conversation");
        page.WaitForAssertion(() => Assert.Equal("changes requested", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);

        page.WaitForElement("[data-testid=review] [data-testid=dismiss-review]", Patience).Click();
        dialogs.WaitForElement("[data-testid=dismiss-reason] textarea, textarea[data-testid=dismiss-reason]", Patience).Input("the freeze is over");
        dialogs.Find("[data-testid=submit-dismiss]").Click();

        page.WaitForAssertion(() => Assert.Contains("dismissed by Oscar Owner: the freeze is over",
            page.Find("[data-testid=review-dismissed]").TextContent, StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Equal("open", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
        Assert.Empty(page.FindAll("[data-testid=dismiss-review]"));
        var stored = Assert.Single((await Reviews.GetAsync(Request.Id, Token)).Value.Reviews);
        Assert.Equal(("Oscar Owner", "the freeze is over"), (stored.DismissedBy, stored.DismissedReason));
    }

    [Fact]
    public async Task Only_an_owner_sees_the_dismiss_action()
    {
        await OpenRequestAsync(asAuthor: false);
        Assert.True((await Reviews.ReviewAsync(Reviewer, Request.Id, ReviewVerdict.RequestChanges, "not this week", ct: Token)).IsOk);

        var page = RenderPage();
        ShowTab(page, "Conversation");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=review]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=dismiss-review]"));
    }
}
