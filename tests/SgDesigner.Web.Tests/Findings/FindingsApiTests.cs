using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Model;
using SgDesigner.Data;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Findings;

public abstract class FindingsApiTests(AppFixture fixture)
{
    private const string Web = "sg-0000000000000web0", Ssh = "sgr-0000000000000ssh0";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Findings(Guid policyId) => $"/api/policies/{policyId}/findings";

    private static string Acceptances(Guid policyId) => $"/api/policies/{policyId}/findings/acceptances";

    private static object SshAcceptance(string? reason = "bastion host; reached only through the VPN's egress") =>
        new { check = "SGD001", groupId = Web, ruleId = Ssh, reason };

    [Fact]
    public async Task An_editor_accepts_a_finding_with_a_reason_it_stops_counting_and_revoking_makes_it_count_again()
    {
        var owner = await fixture.NewUserAsync("Olga Owner");
        var policyId = await NewPolicyWithSshOpenAsync(owner);
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var before = await ListAsync(editor.Client, policyId);
        Assert.Equal(1, before.GetProperty("counts").GetProperty("error").GetInt32());

        var accepted = await (await editor.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadAsync(HttpStatusCode.Created);

        var after = await ListAsync(owner.Client, policyId);
        Assert.Equal(0, after.GetProperty("counts").GetProperty("error").GetInt32());
        Assert.Equal(1, after.GetProperty("acceptedCount").GetInt32());
        var ssh = SshFinding(after);
        var acceptance = ssh.GetProperty("accepted");
        Assert.Equal("bastion host; reached only through the VPN's egress", acceptance.GetProperty("reason").GetString());
        Assert.Contains("Eddie Editor", acceptance.GetProperty("acceptedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal(accepted.GetProperty("id").GetGuid(), acceptance.GetProperty("id").GetGuid());
        var entry = Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=finding.accepted"));
        Assert.Equal(editor.Id, entry.GetProperty("actorUserId").GetGuid());
        Assert.Contains("bastion host", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal($"SGD001 {Web} {Ssh}", entry.GetProperty("targetId").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("remoteAddress").GetString()));

        var revoke = await editor.Client.DeleteAsync($"{Acceptances(policyId)}/{accepted.GetProperty("id").GetGuid()}", Token);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var revoked = await ListAsync(owner.Client, policyId);
        Assert.Equal(1, revoked.GetProperty("counts").GetProperty("error").GetInt32());
        Assert.Equal(JsonValueKind.Null, SshFinding(revoked).GetProperty("accepted").ValueKind);
        Assert.Equal(0, await AcceptanceRowsAsync(policyId));
        var revocation = Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=finding.acceptance-revoked"));
        Assert.Contains("bastion host", revocation.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(editor.Id, revocation.GetProperty("actorUserId").GetGuid());
    }

    [Fact]
    public async Task A_viewer_a_read_only_token_and_a_token_bound_to_another_policy_may_list_or_nothing_but_never_accept()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await NewPolicyWithSshOpenAsync(owner);
        var other = await owner.Client.NewPolicyAsync();
        var viewer = await fixture.NewUserAsync("Vera Viewer", policyId, PolicyRole.Viewer);
        var readOnly = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Read));
        var boundElsewhere = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Write, other));

        await ListAsync(viewer.Client, policyId);
        await ListAsync(readOnly, policyId);
        await (await viewer.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await readOnly.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await boundElsewhere.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await boundElsewhere.GetAsync(Findings(policyId), Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous.GetAsync(Findings(policyId), Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await AcceptanceRowsAsync(policyId));

        var accepted = await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadAsync(HttpStatusCode.Created);
        var revokeUri = $"{Acceptances(policyId)}/{accepted.GetProperty("id").GetGuid()}";
        await (await viewer.Client.DeleteAsync(revokeUri, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await readOnly.DeleteAsync(revokeUri, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await AcceptanceRowsAsync(policyId));
        Assert.Empty(await owner.Client.AuditAsync($"policyId={policyId}&action=finding.acceptance-revoked"));
    }

    [Theory]
    [InlineData(null, "reason", "required")]
    [InlineData("   ", "reason", "required")]
    [InlineData("too long", "reason", "limit is 1,000")]
    [InlineData("bell\u0007", "reason", "U+0007")]
    [InlineData("NUL\0", "reason", "U+0000")]
    public async Task A_bad_reason_is_refused_at_its_field_and_nothing_is_stored(string? reason, string field, string expected)
    {
        var owner = await fixture.NewUserAsync("Ria Reason");
        var policyId = await NewPolicyWithSshOpenAsync(owner);
        reason = reason == "too long" ? new string('x', 1001) : reason;

        var problem = await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(reason), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.ErrorAt(field), StringComparison.Ordinal);
        Assert.Equal(0, await AcceptanceRowsAsync(policyId));
        Assert.Empty(await owner.Client.AuditAsync($"policyId={policyId}&action=finding."));
    }

    [Fact]
    public async Task An_unknown_check_is_refused_at_its_field_and_a_finding_that_does_not_fire_is_not_found()
    {
        var owner = await fixture.NewUserAsync("Kai Key");
        var policyId = await NewPolicyWithSshOpenAsync(owner);

        var unknown = await (await owner.Client.PostAsJsonAsync(Acceptances(policyId),
            new { check = "SGD999", groupId = Web, ruleId = Ssh, reason = "because" }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var elsewhere = await (await owner.Client.PostAsJsonAsync(Acceptances(policyId),
            new { check = "SGD002", groupId = Web, ruleId = Ssh, reason = "because" }, Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.DeleteAsync($"{Acceptances(policyId)}/{Guid.NewGuid()}", Token)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("SGD999", unknown.ErrorAt("check"), StringComparison.Ordinal);
        var hidden = await (await owner.Client.PostAsJsonAsync(Acceptances(policyId),
            new { check = "SGD\u202E" + new string('9', 1_000), groupId = Web, ruleId = Ssh, reason = "because" }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith(@"'SGD\u202e999", hidden.ErrorAt("check"), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('9', 100), hidden.ErrorAt("check"), StringComparison.Ordinal);
        Assert.Contains("does not fire", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await AcceptanceRowsAsync(policyId));
    }

    [Fact]
    public async Task Accepting_a_finding_twice_is_a_conflict_and_keeps_the_first_reason()
    {
        var owner = await fixture.NewUserAsync("Tom Twice");
        var policyId = await NewPolicyWithSshOpenAsync(owner);
        await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance("first"), Token)).ReadAsync(HttpStatusCode.Created);

        await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance("second"), Token)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("first", SshFinding(await ListAsync(owner.Client, policyId)).GetProperty("accepted").GetProperty("reason").GetString());
        Assert.Equal(1, await AcceptanceRowsAsync(policyId));
    }

    [Fact]
    public async Task An_acceptance_whose_finding_is_gone_stays_stored_but_inactive_and_a_finding_of_a_draft_can_be_accepted()
    {
        var owner = await fixture.NewUserAsync("Dora Draft");
        var policyId = await NewPolicyWithSshOpenAsync(owner);
        await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadAsync(HttpStatusCode.Created);
        var draft = await (await owner.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "close ssh" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        // The rule goes: its finding no longer fires in the draft.
        await (await owner.Client.SendAsync(ApiSteps.WithVersion(HttpMethod.Delete, $"/api/drafts/{draftId}/groups/{Web}/rules/{Ssh}",
            draft.GetProperty("version").GetInt64()), Token)).ReadAsync(HttpStatusCode.OK);

        var inDraft = await (await owner.Client.GetAsync($"{Findings(policyId)}?draftId={draftId}", Token)).ReadAsync(HttpStatusCode.OK);

        Assert.DoesNotContain(inDraft.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == Ssh);
        var stored = Assert.Single(inDraft.GetProperty("acceptances").EnumerateArray());
        Assert.False(stored.GetProperty("active").GetBoolean());
        Assert.True(Assert.Single((await ListAsync(owner.Client, policyId)).GetProperty("acceptances").EnumerateArray()).GetProperty("active").GetBoolean());

        // A finding is accepted against the content of a draft too (here the egress rule's, still there).
        var egress = inDraft.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("id").GetString() == "SGD018");
        var key = egress.GetProperty("key");
        await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), new
        {
            check = key.GetProperty("check").GetString(), groupId = key.GetProperty("groupId").GetString(),
            ruleId = key.GetProperty("ruleId").GetString(), reason = "NAT egress is filtered by the firewall", draftId,
        }, Token)).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(2, await AcceptanceRowsAsync(policyId));
    }

    [Fact]
    public async Task The_policy_document_export_carries_the_acceptances_in_force_so_sgd_lint_counts_alike()
    {
        var owner = await fixture.NewUserAsync("Exa Export");
        var policyId = await NewPolicyWithSshOpenAsync(owner);
        var plain = await owner.Client.GetStringAsync($"/api/policies/{policyId}/export?format=document", Token);
        await (await owner.Client.PostAsJsonAsync(Acceptances(policyId), SshAcceptance(), Token)).ReadAsync(HttpStatusCode.Created);

        var exported = await owner.Client.GetStringAsync($"/api/policies/{policyId}/export?format=document", Token);

        Assert.DoesNotContain("acceptedFindings", plain, StringComparison.Ordinal);
        var read = Core.Documents.PolicyDocumentJson.Read(exported);
        Assert.True(read.IsOk, read.Error?.ToString());
        var accepted = Assert.Single(read.Document!.AcceptedFindings);
        Assert.Equal((new Core.Lint.FindingKey("SGD001", Web, Ssh, ""), "bastion host; reached only through the VPN's egress"), (accepted.Key, accepted.Reason));
        Assert.Contains("Exa Export", accepted.AcceptedBy, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, Guid policyId) =>
        await (await client.GetAsync(Findings(policyId), Token)).ReadAsync(HttpStatusCode.OK);

    private static JsonElement SshFinding(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "SGD001" && f.GetProperty("rule").GetString() == Ssh);

    private async Task<int> AcceptanceRowsAsync(Guid policyId)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Token);
        return await db.FindingAcceptances.CountAsync(a => a.PolicyId == policyId, Token);
    }

    // One group with SSH open to the world (SGD001, an error) and AWS's default egress (SGD018), owned by the user.
    private async Task<Guid> NewPolicyWithSshOpenAsync(TestUser owner)
    {
        var tags = ImmutableSortedDictionary<string, string>.Empty;
        var estate = Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-00000000000000001", "test", [Cidr.Parse("10.0.0.0/16").Value])],
            Groups =
            [
                new SecurityGroup(Web, "web", "web servers", "vpc-00000000000000001", tags,
                [
                    new Rule(Ssh, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "ssh"),
                    new Rule("sgr-0000000000000egr0", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4), "egress"),
                ]),
            ],
        };
        var created = await fixture.App.Services.GetRequiredService<PolicyStore>()
            .CreatePolicyAsync($"findings {Guid.NewGuid():N}", null, estate, owner.Actor, Token);
        Assert.True(created.IsOk, created.ToString());
        return created.Value.Id;
    }
}

public sealed class FindingsApiSqliteTests(SqliteApp fixture) : FindingsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class FindingsApiPostgresTests(PostgresApp fixture) : FindingsApiTests(fixture), IClassFixture<PostgresApp>;
