using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>Identity's password hasher, counting the checks it makes (so a test sees the work without timing it).</summary>
public sealed class CountingPasswordHasher : PasswordHasher<SgUser>
{
    private int _verifications;

    /// <summary>Password checks made so far.</summary>
    public int Verifications => Volatile.Read(ref _verifications);

    /// <inheritdoc />
    public override PasswordVerificationResult VerifyHashedPassword(SgUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    /// <summary>Puts this hasher in the app in place of Identity's.</summary>
    public static void Replace(IServiceCollection services)
    {
        services.AddSingleton<CountingPasswordHasher>();
        services.AddSingleton<IPasswordHasher<SgUser>>(provider => provider.GetRequiredService<CountingPasswordHasher>());
    }
}

/// <summary>The app on SQLite with a counting password hasher.</summary>
public sealed class CountingSqliteApp() : AppFixture(new SqliteTestDatabase(), new Dictionary<string, string?>(), CountingPasswordHasher.Replace);

/// <summary>The app on PostgreSQL with a counting password hasher.</summary>
public sealed class CountingPostgresApp() : AppFixture(new PostgresTestDatabase(), new Dictionary<string, string?>(), CountingPasswordHasher.Replace);

/// <summary>
/// Nothing tells a stranger whether an account exists: sign-in answers an unknown e-mail exactly as a wrong password,
/// after the same password-hash work; a lockout is told only to whoever gives the right password; the audit page's
/// actor filter answers an unknown e-mail like a known one for non-administrators.
/// </summary>
public abstract partial class AccountEnumerationTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CountingPasswordHasher Hasher => fixture.App.Services.GetRequiredService<CountingPasswordHasher>();

    private async Task<(HttpStatusCode Status, string Page)> SignInAsync(string email, string password)
    {
        using var browser = new BrowserForm(fixture.App.BaseAddress);
        var answer = await browser.SubmitAsync("/account/sign-in", "sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        var page = await answer.Content.ReadAsStringAsync(Ct);
        // What differs by nature: the e-mail typed in (echoed in its field) and the fresh antiforgery token.
        return (answer.StatusCode, Token().Replace(page.Replace(email, "EMAIL", StringComparison.Ordinal), "TOKEN"));
    }

    [Fact]
    public async Task An_unknown_e_mail_gets_the_same_answer_as_a_wrong_password_after_the_same_hash_check()
    {
        var user = await fixture.NewUserAsync("Kim Known");

        var before = Hasher.Verifications;
        var wrong = await SignInAsync(user.Email, "not the password at all");
        var afterWrong = Hasher.Verifications;
        var unknown = await SignInAsync($"nobody.{Guid.NewGuid():N}@example.test", "not the password at all");
        var afterUnknown = Hasher.Verifications;

        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Contains("The e-mail or the password is wrong.", wrong.Page, StringComparison.Ordinal);
        Assert.Equal(wrong.Page, unknown.Page);
        Assert.Equal(1, afterWrong - before);
        Assert.Equal(1, afterUnknown - afterWrong);
    }

    [Fact]
    public async Task A_lockout_is_told_only_to_whoever_gives_the_right_password()
    {
        var user = await fixture.NewUserAsync("Lee Locked");
        var stranger = $"nobody.{Guid.NewGuid():N}@example.test";

        var known = new List<(HttpStatusCode, string)>();
        var unknown = new List<(HttpStatusCode, string)>();
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            known.Add(await SignInAsync(user.Email, "not the password at all"));
            unknown.Add(await SignInAsync(stranger, "not the password at all"));
        }
        var right = await SignInAsync(user.Email, user.Password);

        Assert.Equal(unknown, known);
        Assert.All(known, k => Assert.DoesNotContain("locked", k.Item2, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("locked after 5 failed sign-ins", right.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_actor_filter_answers_an_unknown_e_mail_like_a_known_one_for_non_administrators()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var viewer = await fixture.NewUserAsync("Vera Viewer", policyId, PolicyRole.Viewer);
        var outsider = await fixture.NewUserAsync("Otto Outsider");
        var stranger = $"nobody.{Guid.NewGuid():N}@example.test";

        var aboutOutsider = await viewer.Client.GetAsync($"/api/audit?policyId={policyId}&actor={Uri.EscapeDataString(outsider.Email)}", Ct);
        var aboutStranger = await viewer.Client.GetAsync($"/api/audit?policyId={policyId}&actor={Uri.EscapeDataString(stranger)}", Ct);
        var adminAboutStranger = await fixture.Client.GetAsync($"/api/audit?policyId={policyId}&actor={Uri.EscapeDataString(stranger)}", Ct);

        Assert.Equal(HttpStatusCode.OK, aboutOutsider.StatusCode);
        Assert.Equal(aboutOutsider.StatusCode, aboutStranger.StatusCode);
        Assert.Equal(await aboutOutsider.Content.ReadAsStringAsync(Ct), await aboutStranger.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, adminAboutStranger.StatusCode);
    }

    // Data-protection payloads (the antiforgery token) start with CfDJ8.
    [GeneratedRegex("CfDJ8[A-Za-z0-9_+/=-]*")]
    private static partial Regex Token();
}

public sealed class AccountEnumerationSqliteTests(CountingSqliteApp fixture) : AccountEnumerationTests(fixture), IClassFixture<CountingSqliteApp>;

public sealed class AccountEnumerationPostgresTests(CountingPostgresApp fixture) : AccountEnumerationTests(fixture), IClassFixture<CountingPostgresApp>;
