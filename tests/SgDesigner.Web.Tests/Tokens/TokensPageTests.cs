using Bunit;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Tokens;

public sealed class TokensPageTests : AdministrationTestContext
{
    [Fact]
    public async Task A_new_token_is_shown_once_in_the_dialog_and_then_listed_by_its_prefix_only()
    {
        var me = await SignInAsync("Tess Tokens");
        var dialogs = RenderProviders();
        var page = Render<TokensPage>();
        page.WaitForElement("[data-testid=no-tokens]", Patience);

        page.Find("[data-testid=new-token]").Click();
        dialogs.WaitForElement(Field("token-name-field"), Patience).Input("nightly export");
        dialogs.Find("[data-testid=create-token]").Click();

        var secret = dialogs.WaitForElement("[data-testid=created-token]", Patience).TextContent.Trim();
        Assert.StartsWith("sgd_pat_", secret, StringComparison.Ordinal);
        dialogs.Find("[data-testid=done]").Click();
        page.WaitForAssertion(() => Assert.Equal("nightly export", page.Find("[data-testid=token-name]").TextContent.Trim()), Patience);
        Assert.Equal("read", page.Find("[data-testid=token-scope]").TextContent.Trim());
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, dialogs.Markup, StringComparison.Ordinal);
        var stored = Assert.Single(await Get<AccessTokenStore>().ListAsync(me.UserId!.Value, Token));
        Assert.StartsWith(stored.Prefix, secret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_too_long_a_name_is_not_created_and_the_dialog_says_why_at_the_name()
    {
        var me = await SignInAsync("Tess Tokens");
        var dialogs = RenderProviders();
        var page = Render<TokensPage>();
        page.WaitForElement("[data-testid=no-tokens]", Patience);

        page.Find("[data-testid=new-token]").Click();
        dialogs.WaitForElement(Field("token-name-field"), Patience).Input(new string('x', 101));
        dialogs.Find("[data-testid=create-token]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("1 to 100 characters", dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(dialogs.FindAll("[data-testid=created-token]"));
        Assert.Empty(await Get<AccessTokenStore>().ListAsync(me.UserId!.Value, Token));
    }

    [Fact]
    public async Task Revoking_asks_first_and_then_shows_when_the_token_was_revoked()
    {
        var me = await SignInAsync("Tess Tokens");
        await Get<AccessTokenStore>().CreateAsync(me, "deploy", TokenScope.Write, ct: Token);
        var dialogs = RenderProviders();
        var page = Render<TokensPage>();

        page.WaitForElement("[data-testid=revoke-token]", Patience).Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click(), Patience);

        page.WaitForAssertion(() => Assert.Contains("UTC", page.Find("[data-testid=token-revoked]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=revoke-token]"));
        Assert.NotNull(Assert.Single(await Get<AccessTokenStore>().ListAsync(me.UserId!.Value, Token)).RevokedAt);
    }
}
