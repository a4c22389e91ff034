using System.Net;
using System.Net.Http.Json;
using SgDesigner.Web.Tests.Accounts;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Members;

/// <summary>
/// An owner invites an unknown e-mail over the API; the invitee signs up through the real sign-up form at the link,
/// and their session sees the policy's members and trail as an editor would (pages prerendered over real HTTP).
/// </summary>
public abstract class InvitationJourneyTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invitee_signs_up_at_the_link_and_becomes_a_member_with_the_role_they_were_invited_for()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var email = $"ivy.{Guid.NewGuid():N}@example.test";
        var invited = await (await fixture.Client.PostAsJsonAsync($"/api/policies/{policyId}/members", new { email, role = "editor" }, Token))
            .ReadAsync(HttpStatusCode.Accepted);
        var link = new Uri(invited.GetProperty("invitation").GetProperty("signUpLink").GetString()!);
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var signedUp = await browser.SubmitAsync(link.PathAndQuery, "sign-up", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Ivy Invitee", ["Input.Email"] = email,
            ["Input.Password"] = AppFixture.Password, ["Input.ConfirmPassword"] = AppFixture.Password,
        });

        Assert.Equal("/", browser.RedirectPath(signedUp));
        var members = await (await browser.GetAsync($"/policies/{policyId}/members")).Content.ReadAsStringAsync(Token);
        Assert.Contains("Ivy Invitee", members, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"member-role\">editor<", members, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"invite-form\"", members, StringComparison.Ordinal);
        var trail = await (await browser.GetAsync($"/audit?policy={policyId}")).Content.ReadAsStringAsync(Token);
        Assert.Contains("user.signed-up", trail, StringComparison.Ordinal);
        Assert.Contains("membership.added", trail, StringComparison.Ordinal);
        var users = await (await browser.GetAsync("/admin/users")).Content.ReadAsStringAsync(Token);
        Assert.Contains("Only administrators", users, StringComparison.Ordinal);
        Assert.Contains((email, "editor"), await fixture.Client.MembersAsync(policyId));
    }
}

public sealed class InvitationJourneySqliteTests(SqliteApp fixture) : InvitationJourneyTests(fixture), IClassFixture<SqliteApp>;

public sealed class InvitationJourneyPostgresTests(PostgresApp fixture) : InvitationJourneyTests(fixture), IClassFixture<PostgresApp>;
