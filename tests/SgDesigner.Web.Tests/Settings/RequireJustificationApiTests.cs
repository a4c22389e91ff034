using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Settings;

/// <summary>
/// The policy setting "require a justification on rules open to the world" over real HTTP (issue 18): stored behind If-Match
/// and audited; when on, a draft's inbound allow from 0.0.0.0/0 without a justification is SGD041 in the findings API and a
/// new error in the request's impact, one with a justification is not; a rule past its review-by date is a new SGD040 either way.
/// </summary>
public abstract class RequireJustificationApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Settings(Guid policyId) => $"/api/policies/{policyId}/settings";

    private sealed record Scenario(Guid PolicyId, Guid DraftId, Guid RequestId, TestUser Owner, TestUser Editor, string Unjustified, string Justified);

    // A copy of the demo policy; the editor's draft opens ssh from the whole internet to the web tier twice: once without a
    // justification, once with one and a review-by date long past. The request proposes the draft.
    private async Task<Scenario> WorldSshRequestAsync()
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"justify {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var owner = await fixture.NewUserAsync("Olga Owner", policyId, PolicyRole.Owner);
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var draftId = (await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ssh for the on-call" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var unjustified = await AddRuleAsync(editor, draftId, new
        {
            direction = "inbound", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0", description = "on-call ssh",
        });
        var justified = await AddRuleAsync(editor, draftId, new
        {
            direction = "inbound", protocol = "tcp", fromPort = 2222, toPort = 2222, cidr = "::/0", description = "vendor ssh",
            justification = "the vendor's support reaches the box from anywhere", reviewBy = "2020-01-31",
        });
        var requestId = (await (await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "SSH to the web tier" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return new Scenario(policyId, draftId, requestId, owner, editor, unjustified, justified);
    }

    private static async Task<string> AddRuleAsync(TestUser editor, Guid draftId, object rule)
    {
        var (_, version) = await editor.Client.DraftAsync(draftId);
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules", version, rule);
        return (await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created)).GetProperty("item").GetProperty("id").GetString()!;
    }

    private static async Task RequireAsync(TestUser owner, Guid policyId, bool on) =>
        await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requireJustification = on }))
            .ReadAsync(HttpStatusCode.OK);

    private static async Task<JsonElement[]> DraftFindingsAsync(Scenario s) =>
        [.. (await (await s.Editor.Client.GetAsync($"/api/policies/{s.PolicyId}/findings?draftId={s.DraftId}", Token)).ReadAsync(HttpStatusCode.OK))
            .GetProperty("findings").EnumerateArray()];

    private static async Task<JsonElement[]> NewImpactFindingsAsync(Scenario s) =>
        [.. (await (await s.Editor.Client.GetAsync($"/api/requests/{s.RequestId}/impact", Token)).ReadAsync(HttpStatusCode.OK))
            .GetProperty("newFindings").EnumerateArray()];

    private static bool Is(JsonElement finding, string check, string ruleId) =>
        finding.GetProperty("id").GetString() == check && finding.GetProperty("ruleId").GetString() == ruleId;

    private static bool IsListed(JsonElement finding, string check, string ruleId) =>
        finding.GetProperty("id").GetString() == check && finding.GetProperty("rule").GetString() == ruleId;

    [Fact]
    public async Task The_setting_is_off_by_default_keeps_the_old_etag_and_changes_behind_if_match_with_an_audit_entry()
    {
        var owner = await fixture.NewUserAsync("Ona Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var before = await owner.Client.ETagOfAsync(Settings(policyId));
        var read = await (await owner.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK);
        Assert.False(read.GetProperty("requireJustification").GetBoolean());
        // Off, the validator is the one policies had before the setting existed, so clients holding it are not refused.
        Assert.Equal(StateTag.Of("1", ""), PolicySettingsStore.Tag(new PolicySettings(policyId, 1, "")));

        var on = await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { requireJustification = true }))
            .ReadAsync(HttpStatusCode.OK);

        Assert.True(on.GetProperty("requireJustification").GetBoolean());
        Assert.False(on.GetProperty("assertionsBlockMerge").GetBoolean());
        Assert.NotEqual(before, await owner.Client.ETagOfAsync(Settings(policyId)));
        var entry = Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=policy.settings-changed"));
        Assert.Contains("justification required on rules open to the world off → on", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(owner.Id, entry.GetProperty("actorUserId").GetGuid());
        using var stale = new HttpRequestMessage(HttpMethod.Put, Settings(policyId)) { Content = JsonContent.Create(new { requireJustification = false }) };
        stale.Headers.TryAddWithoutValidation("If-Match", before);
        await (await owner.Client.SendAsync(stale, Token)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await owner.Client.PutAsJsonAsync(Settings(policyId), new { requireJustification = false }, Token)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.True((await (await owner.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("requireJustification").GetBoolean());

        // Saving the same value again writes nothing.
        await RequireAsync(owner, policyId, true);
        Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=policy.settings-changed"));
    }

    [Fact]
    public async Task An_editor_cannot_change_the_setting()
    {
        var s = await WorldSshRequestAsync();

        await (await s.Editor.Client.SendIfMatchAsync(HttpMethod.Put, Settings(s.PolicyId), Settings(s.PolicyId), new { requireJustification = true }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.False((await (await s.Owner.Client.GetAsync(Settings(s.PolicyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("requireJustification").GetBoolean());
    }

    [Fact]
    public async Task With_the_setting_on_an_unjustified_world_allow_is_sgd041_in_the_findings_and_a_new_error_in_the_impact()
    {
        var s = await WorldSshRequestAsync();
        await RequireAsync(s.Owner, s.PolicyId, true);

        var findings = await DraftFindingsAsync(s);
        var listed = Assert.Single(findings, f => IsListed(f, "SGD041", s.Unjustified));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("accepted").ValueKind);
        Assert.DoesNotContain(findings, f => IsListed(f, "SGD041", s.Justified));
        Assert.Contains(findings, f => IsListed(f, "SGD040", s.Justified));

        var impact = await NewImpactFindingsAsync(s);
        var error = Assert.Single(impact, f => Is(f, "SGD041", s.Unjustified));
        Assert.Equal("error", error.GetProperty("severity").GetString());
        Assert.Contains("0.0.0.0/0", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(impact, f => Is(f, "SGD041", s.Justified));
        Assert.Equal("warning", Assert.Single(impact, f => Is(f, "SGD040", s.Justified)).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task With_the_setting_off_nothing_asks_for_a_justification_and_turning_it_on_recomputes_the_impact()
    {
        var s = await WorldSshRequestAsync();

        Assert.DoesNotContain(await DraftFindingsAsync(s), f => f.GetProperty("id").GetString() == "SGD041");
        var impactOff = await NewImpactFindingsAsync(s);
        Assert.DoesNotContain(impactOff, f => f.GetProperty("id").GetString() == "SGD041");
        // The review-by date is checked whatever the setting.
        Assert.Single(impactOff, f => Is(f, "SGD040", s.Justified));

        await RequireAsync(s.Owner, s.PolicyId, true);

        Assert.Single(await NewImpactFindingsAsync(s), f => Is(f, "SGD041", s.Unjustified));
    }

    [Fact]
    public async Task With_the_setting_on_an_editor_can_accept_the_sgd041_finding_with_a_reason()
    {
        var s = await WorldSshRequestAsync();
        await RequireAsync(s.Owner, s.PolicyId, true);

        await (await s.Editor.Client.PostAsJsonAsync($"/api/policies/{s.PolicyId}/findings/acceptances",
            new { check = "SGD041", groupId = DemoEstate.Web, ruleId = s.Unjustified, reason = "the on-call's ssh, reviewed weekly", draftId = s.DraftId }, Token))
            .ReadAsync(HttpStatusCode.Created);

        var listed = Assert.Single(await DraftFindingsAsync(s), f => IsListed(f, "SGD041", s.Unjustified));
        Assert.Equal("the on-call's ssh, reviewed weekly", listed.GetProperty("accepted").GetProperty("reason").GetString());
    }
}

public sealed class RequireJustificationApiSqliteTests(SqliteApp fixture) : RequireJustificationApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RequireJustificationApiPostgresTests(PostgresApp fixture) : RequireJustificationApiTests(fixture), IClassFixture<PostgresApp>;
