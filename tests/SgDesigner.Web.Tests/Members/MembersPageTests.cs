using Bunit;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Members;

namespace SgDesigner.Web.Tests.Members;

public sealed class MembersPageTests : AdministrationTestContext
{
    private IRenderedComponent<MembersPage> RenderPage(Guid policyId) => Render<MembersPage>(p => p.Add(x => x.PolicyId, policyId));

    private static IReadOnlyList<string> Names(IRenderedComponent<MembersPage> page) =>
        [.. page.FindAll("[data-testid=member-name]").Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task An_owner_sees_a_role_select_and_a_remove_button_for_each_member_and_the_invite_form()
    {
        var viewer = await SignInAsync("Vera Viewer");
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        await Get<MembershipStore>().AddAsync(owner, policyId, viewer.UserId!.Value, PolicyRole.Viewer, Token);

        var page = RenderPage(policyId);

        page.WaitForAssertion(() => Assert.Equal(["Otis Owner", "Vera Viewer"], Names(page)), Patience);
        Assert.Equal(2, page.FindAll("[data-testid=role-select]").Count);
        Assert.Equal(2, page.FindAll("[data-testid=remove-member]").Count);
        Assert.Empty(page.FindAll("[data-testid=member-role]"));
        Assert.Single(page.FindAll("[data-testid=invite-form]"));
    }

    [Fact]
    public async Task A_viewer_sees_the_members_and_their_roles_read_only()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var viewer = await SignInAsync("Vera Viewer");
        await Get<MembershipStore>().AddAsync(owner, policyId, viewer.UserId!.Value, PolicyRole.Viewer, Token);

        var page = RenderPage(policyId);

        page.WaitForAssertion(() => Assert.Equal(["Otis Owner", "Vera Viewer"], Names(page)), Patience);
        Assert.Equal(["owner", "viewer"], page.FindAll("[data-testid=member-role]").Select(r => r.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=role-select]"));
        Assert.Empty(page.FindAll("[data-testid=remove-member]"));
        Assert.Empty(page.FindAll("[data-testid=invite-form]"));
    }

    [Fact]
    public async Task Someone_who_may_not_view_the_policy_is_told_so_instead_of_the_list()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        await SignInAsync("Sam Stranger");

        var page = RenderPage(policyId);

        page.WaitForAssertion(() => Assert.Contains("not a member", page.Find("[data-testid=refused]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=members]"));
    }

    [Fact]
    public async Task Inviting_an_unknown_e_mail_shows_the_sign_up_link_once_and_lists_nobody_new()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        RenderProviders();
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=invite-form]", Patience);

        page.Find(Field("invite-email")).Input($"newcomer.{Guid.NewGuid():N}@example.test");
        page.Find("[data-testid=invite]").Click();

        var link = page.WaitForElement("[data-testid=signup-link]", Patience).TextContent;
        Assert.Matches("^http://localhost/account/sign-up\\?invitation=sgd_inv_[A-Za-z0-9_-]+$", link);
        Assert.Single(page.FindAll("[data-testid=copy-link]"));
        Assert.Equal(["Otis Owner"], Names(page));
    }

    [Fact]
    public async Task Adding_a_known_user_by_e_mail_lists_them_with_the_role_chosen()
    {
        var colleague = await SignInAsync("Cara Colleague");
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=invite-form]", Patience);

        page.Find(Field("invite-email")).Input(EmailOf(colleague));
        page.Find("[data-testid=invite]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Otis Owner", "Cara Colleague"], Names(page)), Patience);
        Assert.Empty(page.FindAll("[data-testid=signup-link]"));
        var stored = (await Get<MembershipStore>().ListAsync(policyId, Token)).Value;
        Assert.Contains(stored, m => m.UserId == colleague.UserId && m.Role == PolicyRole.Viewer);
    }

    [Fact]
    public async Task Removing_a_member_asks_first_then_removes_them()
    {
        var viewer = await SignInAsync("Vera Viewer");
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        await Get<MembershipStore>().AddAsync(owner, policyId, viewer.UserId!.Value, PolicyRole.Viewer, Token);
        var dialogs = RenderProviders();
        var page = RenderPage(policyId);
        page.WaitForAssertion(() => Assert.Equal(2, Names(page).Count), Patience);

        page.FindAll("[data-testid=remove-member]")[1].Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove Vera Viewer", dialogs.Markup, StringComparison.Ordinal), Patience);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click();

        page.WaitForAssertion(() => Assert.Equal(["Otis Owner"], Names(page)), Patience);
        Assert.Single((await Get<MembershipStore>().ListAsync(policyId, Token)).Value);
    }

    [Fact]
    public async Task Removing_the_last_owner_shows_the_stores_refusal()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var dialogs = RenderProviders();
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=remove-member]", Patience).Click();

        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click(), Patience);

        page.WaitForAssertion(() => Assert.Contains("at least one owner", page.Find("[data-testid=members-problem]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(["Otis Owner"], Names(page));
    }
}
