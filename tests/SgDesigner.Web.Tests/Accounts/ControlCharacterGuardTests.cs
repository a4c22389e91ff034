using System.Net;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// NUL and other control characters in the sign-in form and in the audit filters (API and CSV) get a clear answer, never a
/// 500, on both databases (PostgreSQL refuses a NUL even as a query parameter).
/// </summary>
public abstract class ControlCharacterGuardTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> SignIns { get; } = new()
    {
        { "e-mail", "NUL" }, { "e-mail", "ESC" }, { "password", "NUL" }, { "password", "BEL" },
    };

    [Theory]
    [MemberData(nameof(SignIns))]
    public async Task A_control_character_in_the_sign_in_form_signs_nobody_in_and_is_never_a_500(string field, string character)
    {
        var user = await fixture.NewUserAsync($"Cora Control {field} {character}");
        var c = character switch { "NUL" => "\u0000", "ESC" => "\u001b", _ => "\u0007" };
        var (email, password) = field == "e-mail" ? (user.Email.Insert(2, c), user.Password) : (user.Email, user.Password + c);
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var answer = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        // A NUL anywhere in the posted form fails the framework's antiforgery check before the page runs: a 400 (whose text
        // blames the token). Any other control character reaches the page, which answers as for any wrong e-mail or password.
        var body = await answer.Content.ReadAsStringAsync(Ct);
        if (character == "NUL")
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("The e-mail or the password is wrong.", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/policies")).StatusCode);
    }

    public static TheoryData<string, string> AuditFilters { get; } = new()
    {
        { "actor", "a%00b@example.test" }, { "actor", "%1B" }, { "action", "request.%00" }, { "from", "2026-01-01%00" },
        { "to", "%07" }, { "limit", "1%00" }, { "policyId", "%00" },
    };

    [Theory]
    [MemberData(nameof(AuditFilters))]
    public async Task A_control_character_in_an_audit_filter_is_a_400_naming_the_filter(string field, string value)
    {
        foreach (var route in (string[])["/api/audit", "/api/audit.csv"])
        {
            var answer = await fixture.Client.GetAsync($"{route}?{field}={value}", Ct);

            var problem = await answer.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("control character", problem.ErrorAt(field), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_filtering_their_policys_trail_by_an_actor_with_a_nul_gets_the_same_400()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var member = await fixture.NewUserAsync("Mo Member", policyId, PolicyRole.Viewer);

        var answer = await member.Client.GetAsync($"/api/audit?policyId={policyId}&actor=x%00@example.test", Ct);

        var problem = await answer.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("the actor filter contains the control character U+0000 at position 2; control characters other than tab and line breaks are not allowed",
            problem.ErrorAt("actor"));
    }
}

public sealed class ControlCharacterGuardSqliteTests(SqliteApp fixture) : ControlCharacterGuardTests(fixture), IClassFixture<SqliteApp>;

public sealed class ControlCharacterGuardPostgresTests(PostgresApp fixture) : ControlCharacterGuardTests(fixture), IClassFixture<PostgresApp>;
