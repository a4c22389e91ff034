using Bunit;
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
}
