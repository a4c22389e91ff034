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

        var changed = await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requiredApprovals = 2 })).ReadAsync(HttpStatusCode.OK);

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

        var changed = await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requiredApprovals = 4 })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(4, changed.GetProperty("requiredApprovals").GetInt32());
    }

    [Fact]
    public async Task An_owner_stores_assertions_read_back_by_viewers_and_audited()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var viewer = await fixture.NewUserAsync("Val Viewer", policyId, PolicyRole.Viewer);
        const string assertions = "# the web tier reaches the database\n{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 5432, \"expect\": \"allow\"}\n";

        var saved = await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { assertions })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(assertions, saved.GetProperty("assertions").GetString());
        var read = await (await viewer.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((assertions, 1), (read.GetProperty("assertions").GetString(), read.GetProperty("requiredApprovals").GetInt32()));
        var entry = Assert.Single(await viewer.Client.AuditAsync($"policyId={policyId}&action=policy.assertions-changed"));
        Assert.Contains("1 assertion", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        await (await viewer.Client.PutAsJsonAsync(Settings(policyId), new { assertions = "" }, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bad_assertion_is_refused_at_its_line_and_nothing_of_the_change_is_stored()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        const string assertions = "{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 5432, \"expect\": \"allow\"}\n{\"from\": \"a\"";

        var problem = await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requiredApprovals = 3, assertions })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("JSON", problem.ErrorAt("assertions[line 2]"), StringComparison.Ordinal);
        var read = await (await fixture.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("", 1), (read.GetProperty("assertions").GetString(), read.GetProperty("requiredApprovals").GetInt32()));
    }

    [Fact]
    public async Task Saving_unchanged_settings_writes_no_audit_entry()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requiredApprovals = 2 })).ReadAsync(HttpStatusCode.OK);

        await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requiredApprovals = 2, assertions = "" })).ReadAsync(HttpStatusCode.OK);

        Assert.Single(await fixture.Client.AuditAsync($"policyId={policyId}&action=policy.settings-changed"));
        Assert.Empty(await fixture.Client.AuditAsync($"policyId={policyId}&action=policy.assertions-changed"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public async Task A_number_of_approvals_out_of_range_is_refused_at_its_field(int required)
    {
        var policyId = await fixture.Client.NewPolicyAsync();

        var problem = await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requiredApprovals = required }))
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
