using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Members;

namespace SgDesigner.Web.Tests.Members;

public sealed class AdminUsersPageTests : AdministrationTestContext
{
    [Fact]
    public async Task An_administrator_sees_every_user_and_gets_an_invitation_link_once()
    {
        await SignInAsync("Bob Basic");
        await SignInAsync("Ada Admin", administrator: true);
        var page = Render<AdminUsersPage>();

        page.WaitForAssertion(() => Assert.Equal(["Ada Admin", "Bob Basic"], page.FindAll("[data-testid=user-name]").Select(c => c.TextContent.Trim())), Patience);
        Assert.Equal(["yes", ""], page.FindAll("[data-testid=user-admin]").Select(c => c.TextContent.Trim()));
        page.Find(Field("invite-email")).Input($"carol.{Guid.NewGuid():N}@example.test");
        page.Find("[data-testid=invite]").Click();

        var link = page.WaitForElement("[data-testid=signup-link]", Patience).TextContent;
        Assert.Matches("/account/sign-up\\?invitation=sgd_inv_", link);
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_is_told_so()
    {
        await SignInAsync("Bob Basic");

        var page = Render<AdminUsersPage>();

        page.WaitForAssertion(() => Assert.Contains("Only administrators", page.Find("[data-testid=refused]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=users]"));
    }

    [Fact]
    public async Task An_administrator_disables_an_account_and_enables_it_again_but_not_their_own()
    {
        var bob = await SignInAsync("Bob Basic");
        await SignInAsync("Ada Admin", administrator: true);
        var page = Render<AdminUsersPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=toggle-disabled]")), Patience);

        page.Find("[data-testid=toggle-disabled]").Click();

        page.WaitForAssertion(() => Assert.Equal("Enable", page.Find("[data-testid=toggle-disabled]").TextContent.Trim()), Patience);
        Assert.Contains("disabled", page.FindAll("[data-testid=user-lockout]").Select(c => c.TextContent.Trim()));
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SgUser>>();
        Assert.True(AccountStore.IsDisabled((await users.FindByIdAsync(bob.UserId!.Value.ToString()))!));

        page.Find("[data-testid=toggle-disabled]").Click();
        page.WaitForAssertion(() => Assert.Equal("Disable", page.Find("[data-testid=toggle-disabled]").TextContent.Trim()), Patience);
    }
}
