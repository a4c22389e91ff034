using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Hosting;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>A new installation: nobody has signed up, so the first visitor creates the administrator account.</summary>
public sealed class FirstUserTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private SgDesignerApp _app = default!;

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        _app = new SgDesignerApp(_database.Settings);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_first_visitor_becomes_administrator_and_owner_of_the_demo_and_the_next_needs_an_invitation()
    {
        using var first = new BrowserForm(_app.BaseAddress);
        var signIn = await first.GetAsync("/account/sign-in");
        Assert.Equal("/account/sign-up", first.RedirectPath(signIn));

        var created = await first.SubmitAsync("/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Ada Admin", ["Input.Email"] = "ada@example.test",
            ["Input.Password"] = "a long enough password", ["Input.ConfirmPassword"] = "a long enough password",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var policies = await (await first.GetAsync("/api/policies")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(StorageStartup.DemoPolicyName, policies, StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<SgDbContext>().Users.Single().IsAdministrator);

        using var second = new BrowserForm(_app.BaseAddress);
        var refused = await second.SubmitAsync("/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Eve", ["Input.Email"] = "eve@example.test",
            ["Input.Password"] = "another long password", ["Input.ConfirmPassword"] = "another long password",
        });
        var page = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("sign-up needs an invitation", page, StringComparison.Ordinal);
        Assert.Single(scope.ServiceProvider.GetRequiredService<SgDbContext>().Users);
    }

    [Fact]
    public async Task A_short_password_is_refused_at_its_field_and_nothing_is_created()
    {
        using var browser = new BrowserForm(_app.BaseAddress);

        var refused = await browser.SubmitAsync("/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Shorty", ["Input.Email"] = "short@example.test", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short",
        });

        Assert.Contains("at least 12 characters", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await _app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountStore>().HasUsersAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_too_long_e_mail_is_refused_at_its_field_naming_the_limit_and_nothing_is_created()
    {
        using var browser = new BrowserForm(_app.BaseAddress);
        var email = new string('l', 300 - "@example.test".Length) + "@example.test";

        var refused = await browser.SubmitAsync("/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Lena Long", ["Input.Email"] = email,
            ["Input.Password"] = "a long enough password", ["Input.ConfirmPassword"] = "a long enough password",
        });

        var page = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // Under the e-mail field, between it and the password's label.
        var atEmail = page[page.IndexOf("id=\"email\"", StringComparison.Ordinal)..page.IndexOf("for=\"password\"", StringComparison.Ordinal)];
        Assert.Contains("<div class=\"validation-message\">an e-mail address has at most 256 characters (this one has 300)</div>", atEmail, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sign-up-error\"", page, StringComparison.Ordinal);
        Assert.False(await _app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountStore>().HasUsersAsync(TestContext.Current.CancellationToken));
    }

    // ASP.NET Core's form reader refuses a NUL anywhere in a form, so the antiforgery check could not read its token
    // either and answered "a valid antiforgery token was not provided". The answer now names the field and the character.
    [Theory]
    [InlineData("Input.DisplayName")]
    [InlineData("Input.Email")]
    [InlineData("Input.Password")]
    public async Task A_nul_in_a_field_is_a_400_naming_that_field_and_nothing_is_created(string field)
    {
        using var browser = new BrowserForm(_app.BaseAddress);
        var values = new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Nul Tester", ["Input.Email"] = "nul@example.test",
            ["Input.Password"] = "a long enough password", ["Input.ConfirmPassword"] = "a long enough password",
        };
        values[field] = values[field].Insert(2, "\u0000");

        var refused = await browser.SubmitAsync("/account/sign-up", "sign-up", values);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith($"The form's field {field} holds a NUL character (U+0000), which no field accepts. Nothing was changed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("antiforgery", text, StringComparison.OrdinalIgnoreCase);
        Assert.False(await _app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountStore>().HasUsersAsync(TestContext.Current.CancellationToken));
        // The same form without the NUL goes through: the check reads the form, and leaves it readable behind it.
        values[field] = values[field].Replace("\u0000", "", StringComparison.Ordinal);
        var created = await browser.SubmitAsync("/account/sign-up", "sign-up", values);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await _app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountStore>().HasUsersAsync(TestContext.Current.CancellationToken));
    }

    // A value over the form reader's limit (4 MB) is answered in the reader's words, not as a missing antiforgery token.
    [Fact]
    public async Task A_field_over_the_form_limit_is_a_400_in_the_reader_s_words_and_nothing_is_created()
    {
        using var browser = new BrowserForm(_app.BaseAddress);

        var refused = await browser.SubmitAsync("/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = new string('x', 4_200_000), ["Input.Email"] = "big@example.test",
            ["Input.Password"] = "a long enough password", ["Input.ConfirmPassword"] = "a long enough password",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("The form could not be read: ", text, StringComparison.Ordinal);
        Assert.Contains("limit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("antiforgery", text, StringComparison.OrdinalIgnoreCase);
        Assert.False(await _app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountStore>().HasUsersAsync(TestContext.Current.CancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
