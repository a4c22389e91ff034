using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Audit;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// Sessions end when what they depend on changes: a password change ends the account's other sessions (not the one
/// that changed it), and an administrator disabling an account ends its sessions and its access tokens.
/// </summary>
public abstract class SessionTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<BrowserForm> SignedInAsync(TestUser user)
    {
        var browser = new BrowserForm(fixture.App.BaseAddress);
        var signedIn = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/policies")).StatusCode);
        return browser;
    }

    private Task<HttpResponseMessage> SignInAsync(BrowserForm browser, string email, string password) =>
        browser.SubmitAsync("/account/sign-in", "sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var user = await fixture.NewUserAsync("Pat Password");
        using var laptop = await SignedInAsync(user);
        using var phone = await SignedInAsync(user);

        var changed = await laptop.SubmitAsync("/account/password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password, ["Input.NewPassword"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("password-changed", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/policies")).StatusCode);
        Assert.StartsWith("/account/sign-in", phone.RedirectPath(await phone.GetAsync("/")), StringComparison.Ordinal);
        using var fresh = new BrowserForm(fixture.App.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(fresh, user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(fresh, user.Email, "a brand new passphrase")).StatusCode);
        Assert.Contains("user.password-changed", await TrailAsync(user.Id));
    }

    [Fact]
    public async Task The_current_password_is_needed_to_change_it_and_a_wrong_one_changes_nothing()
    {
        var user = await fixture.NewUserAsync("Wes Wrong");
        using var browser = await SignedInAsync(user);
        using var other = await SignedInAsync(user);

        var refused = await browser.SubmitAsync("/account/password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not the password at all", ["Input.NewPassword"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Contains("the current password is wrong", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/policies")).StatusCode);
        Assert.DoesNotContain("user.password-changed", await TrailAsync(user.Id));
    }

    [Fact]
    public async Task An_administrator_disabling_an_account_ends_its_sessions_and_tokens_and_only_its_owner_learns_why()
    {
        var user = await fixture.NewUserAsync("Dee Disabled");
        using var browser = await SignedInAsync(user);

        var disabled = await fixture.Client.PostAsync($"/api/users/{user.Id}/disable", null, Ct);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/policies", Ct)).StatusCode);
        using var again = new BrowserForm(fixture.App.BaseAddress);
        var wrong = await (await SignInAsync(again, user.Email, "not the password at all")).Content.ReadAsStringAsync(Ct);
        var right = await (await SignInAsync(again, user.Email, user.Password)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("The e-mail or the password is wrong.", wrong, StringComparison.Ordinal);
        Assert.Contains("disabled by an administrator", right, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsync($"/api/users/{user.Id}/enable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(again, user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Only_administrators_disable_accounts_and_nobody_disables_themself()
    {
        var user = await fixture.NewUserAsync("Nat Notadmin");

        var byUser = await user.Client.PostAsync($"/api/users/{fixture.Admin.Id}/disable", null, Ct);
        var self = await fixture.Client.PostAsync($"/api/users/{fixture.Admin.Id}/disable", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/api/policies", Ct)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token()
    {
        var user = await fixture.NewUserAsync("Tom Token");
        using var browser = await SignedInAsync(user);

        var forged = await browser.PostFormAsync("/account/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/policies")).StatusCode);
        var signedOut = await browser.SubmitAsync("/", "account/sign-out", new Dictionary<string, string>());
        Assert.Equal("/account/sign-in", browser.RedirectPath(signedOut));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/policies")).StatusCode);
    }

    private async Task<List<string>> TrailAsync(Guid userId) =>
        [.. (await fixture.App.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditFilter(ActorUserId: userId), Ct)).Select(e => e.Action)];
}

public sealed class SessionSqliteTests(SqliteApp fixture) : SessionTests(fixture), IClassFixture<SqliteApp>;

public sealed class SessionPostgresTests(PostgresApp fixture) : SessionTests(fixture), IClassFixture<PostgresApp>;
