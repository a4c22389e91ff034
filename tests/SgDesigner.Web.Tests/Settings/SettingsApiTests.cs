using System.Net;
using System.Net.Http.Json;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Settings;

public abstract class SettingsApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Settings(Guid policyId) => $"/api/policies/{policyId}/settings";

    [Theory]
    [InlineData(PolicyRole.Viewer)]
    [InlineData(PolicyRole.Editor)]
    [InlineData(PolicyRole.Reviewer)]
    public async Task A_member_below_owner_reads_the_settings_but_cannot_change_them(PolicyRole role)
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var member = await fixture.NewUserAsync("Mia Member", policyId, role);

        var settings = await (await member.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK);
        var change = await member.Client.PutAsJsonAsync(Settings(policyId), new { requiredApprovals = 3 }, Token);

        Assert.Equal(1, settings.GetProperty("requiredApprovals").GetInt32());
        Assert.Contains("owner role", (await change.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await (await fixture.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("requiredApprovals").GetInt32());
    }

    [Fact]
    public async Task An_owner_changes_the_required_approvals_and_the_change_is_audited()
    {
        var owner = await fixture.NewUserAsync("Ona Owner");
        var policyId = await owner.Client.NewPolicyAsync();

        var changed = await (await owner.Client.PutAsJsonAsync(Settings(policyId), new { requiredApprovals = 2 }, Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(2, changed.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal(2, (await (await owner.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("requiredApprovals").GetInt32());
        var entry = Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=policy.settings-changed"));
        Assert.Contains("1 → 2", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(owner.Id, entry.GetProperty("actorUserId").GetGuid());
    }

    [Fact]
    public async Task An_administrator_changes_the_settings_of_a_policy_they_do_not_belong_to()
    {
        var owner = await fixture.NewUserAsync("Oz Owner");
        var policyId = await owner.Client.NewPolicyAsync();

        var changed = await (await fixture.Client.PutAsJsonAsync(Settings(policyId), new { requiredApprovals = 4 }, Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(4, changed.GetProperty("requiredApprovals").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public async Task A_number_of_approvals_out_of_range_is_refused_at_its_field(int required)
    {
        var policyId = await fixture.Client.NewPolicyAsync();

        var problem = await (await fixture.Client.PutAsJsonAsync(Settings(policyId), new { requiredApprovals = required }, Token))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("between 1 and 20", problem.ErrorAt("requiredApprovals"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_member_an_unknown_policy_and_an_anonymous_caller_are_refused()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var stranger = await fixture.NewUserAsync("Sid Stranger");

        await (await stranger.Client.GetAsync(Settings(policyId), Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PutAsJsonAsync(Settings(policyId), new { requiredApprovals = 2 }, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Client.GetAsync(Settings(Guid.NewGuid()), Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Anonymous.GetAsync(Settings(policyId), Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SettingsApiSqliteTests(SqliteApp fixture) : SettingsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class SettingsApiPostgresTests(PostgresApp fixture) : SettingsApiTests(fixture), IClassFixture<PostgresApp>;
