using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Members;

public abstract class MembersApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Email(string name) => $"{name}.{Guid.NewGuid():N}@example.test";

    [Theory]
    [InlineData(PolicyRole.Viewer)]
    [InlineData(PolicyRole.Editor)]
    [InlineData(PolicyRole.Reviewer)]
    public async Task A_member_below_owner_lists_the_members_but_cannot_add_change_or_remove_one(PolicyRole role)
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var member = await fixture.NewUserAsync("Mo Member", policyId, role);
        var other = await fixture.NewUserAsync("Otto Other", policyId, PolicyRole.Viewer);
        var members = $"/api/policies/{policyId}/members";

        var listed = await member.Client.MembersAsync(policyId);

        Assert.Contains((fixture.Admin.Email, "owner"), listed);
        Assert.Contains((member.Email, role.ToString().ToLowerInvariant()), listed);
        var add = await member.Client.PostAsJsonAsync(members, new { email = Email("new"), role = "viewer" }, Token);
        Assert.Contains("owner role", (await add.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await member.Client.PutAsJsonAsync($"{members}/{other.Id}", new { role = "editor" }, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await member.Client.DeleteAsync($"{members}/{other.Id}", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains((other.Email, "viewer"), await fixture.Client.MembersAsync(policyId));
    }

    [Fact]
    public async Task A_non_member_may_not_list_the_members_and_an_anonymous_caller_must_sign_in()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var stranger = await fixture.NewUserAsync("Stan Stranger");

        await (await stranger.Client.GetAsync($"/api/policies/{policyId}/members", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous.GetAsync($"/api/policies/{policyId}/members", Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous.PostAsJsonAsync($"/api/policies/{policyId}/members", new { email = Email("x"), role = "viewer" }, Token))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_owner_adds_a_known_user_by_e_mail_changes_their_role_and_removes_them()
    {
        var owner = await fixture.NewUserAsync("Olivia Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var colleague = await fixture.NewUserAsync("Carl Colleague");
        var members = $"/api/policies/{policyId}/members";

        var added = await (await owner.Client.PostAsJsonAsync(members, new { email = colleague.Email.ToUpperInvariant(), role = "editor" }, Token))
            .ReadAsync(HttpStatusCode.Created);
        Assert.Equal(colleague.Id, added.GetProperty("member").GetProperty("userId").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, added.GetProperty("invitation").ValueKind);
        Assert.Contains((colleague.Email, "editor"), await colleague.Client.MembersAsync(policyId));

        var changed = await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, $"{members}/{colleague.Id}", members, new { role = "reviewer" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("reviewer", changed.GetProperty("role").GetString());

        await (await owner.Client.DeleteAsync($"{members}/{colleague.Id}", Token)).ReadAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain(await owner.Client.MembersAsync(policyId), m => m.Email == colleague.Email);
        await (await colleague.Client.GetAsync(members, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_administrator_manages_the_members_of_a_policy_they_do_not_belong_to()
    {
        var owner = await fixture.NewUserAsync("Olga Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var colleague = await fixture.NewUserAsync("Cleo Colleague");

        await (await fixture.Client.PostAsJsonAsync($"/api/policies/{policyId}/members", new { userId = colleague.Id, role = "viewer" }, Token))
            .ReadAsync(HttpStatusCode.Created);

        var members = await owner.Client.MembersAsync(policyId);
        Assert.Equal([(owner.Email, "owner"), (colleague.Email, "viewer")], members);
    }

    [Fact]
    public async Task An_unknown_e_mail_is_invited_and_their_sign_up_makes_them_a_member_with_that_role()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var email = Email("newcomer");

        var response = await fixture.Client.PostAsJsonAsync($"/api/policies/{policyId}/members", new { email, role = "reviewer" }, Token);

        var invitation = (await response.ReadAsync(HttpStatusCode.Accepted)).GetProperty("invitation");
        var link = new Uri(invitation.GetProperty("signUpLink").GetString()!);
        Assert.Equal(fixture.App.BaseAddress.Authority, link.Authority);
        Assert.Equal("/account/sign-up", link.AbsolutePath);
        var token = Uri.UnescapeDataString(link.Query["?invitation=".Length..]);
        Assert.StartsWith("sgd_inv_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Client.MembersAsync(policyId), m => m.Email == email);

        using var scope = fixture.App.Services.CreateScope();
        var signedUp = await scope.ServiceProvider.GetRequiredService<AccountStore>()
            .SignUpAsync(new SignUpRequest(email, AppFixture.Password, "Nina Newcomer", token), ct: Token);

        Assert.True(signedUp.IsOk, signedUp.ToString());
        Assert.Contains((email, "reviewer"), await fixture.Client.MembersAsync(policyId));
    }

    [Fact]
    public async Task The_last_owner_can_neither_step_down_nor_be_removed_and_the_stores_message_says_why()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var members = $"/api/policies/{policyId}/members";

        var demote = await fixture.Client.SendIfMatchAsync(HttpMethod.Put, $"{members}/{fixture.Admin.Id}", members, new { role = "viewer" });
        var remove = await fixture.Client.DeleteAsync($"{members}/{fixture.Admin.Id}", Token);

        foreach (var response in new[] { demote, remove })
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("at least one owner", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal([(fixture.Admin.Email, "owner")], await fixture.Client.MembersAsync(policyId));
    }

    [Fact]
    public async Task A_request_without_a_role_or_a_person_is_refused_at_its_field()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var members = $"/api/policies/{policyId}/members";

        var noRole = await (await fixture.Client.PostAsJsonAsync(members, new { email = Email("x") }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var nobody = await (await fixture.Client.PostAsJsonAsync(members, new { role = "viewer" }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var noNewRole = await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, $"{members}/{fixture.Admin.Id}", members, new { })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("viewer, editor, reviewer or owner", noRole.ErrorAt("role"), StringComparison.Ordinal);
        Assert.Contains("userId or email", nobody.ErrorAt("email"), StringComparison.Ordinal);
        Assert.Contains("a role is needed", noNewRole.ErrorAt("role"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owners_read_only_token_cannot_change_members()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        using var reader = fixture.ClientWithToken(await fixture.TokenAsync(fixture.Admin, TokenScope.Read));

        var response = await reader.PostAsJsonAsync($"/api/policies/{policyId}/members", new { email = Email("x"), role = "viewer" }, Token);

        Assert.Contains("access token", (await response.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await reader.MembersAsync(policyId));
    }

    [Fact]
    public async Task Member_changes_are_written_to_the_policys_audit_trail()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var colleague = await fixture.NewUserAsync("Alex Audited");
        var members = $"/api/policies/{policyId}/members";
        await (await fixture.Client.PostAsJsonAsync(members, new { userId = colleague.Id, role = "viewer" }, Token)).ReadAsync(HttpStatusCode.Created);
        await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, $"{members}/{colleague.Id}", members, new { role = "editor" })).ReadAsync(HttpStatusCode.OK);
        await (await fixture.Client.DeleteAsync($"{members}/{colleague.Id}", Token)).ReadAsync(HttpStatusCode.NoContent);

        var entries = await fixture.Client.AuditAsync($"policyId={policyId}&action=membership.");

        Assert.Equal(["membership.removed", "membership.changed", "membership.added", "membership.added"], entries.Actions());
        Assert.All(entries.Take(3), e => Assert.Equal(colleague.Id.ToString(), e.GetProperty("targetId").GetString()));
        Assert.Contains("viewer → editor", entries[1].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.All(entries.Take(3), e => Assert.Equal(fixture.Admin.Id, e.GetProperty("actorUserId").GetGuid()));
    }
}

public sealed class MembersApiSqliteTests(SqliteApp fixture) : MembersApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class MembersApiPostgresTests(PostgresApp fixture) : MembersApiTests(fixture), IClassFixture<PostgresApp>;
