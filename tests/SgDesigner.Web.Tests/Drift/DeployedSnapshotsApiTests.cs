using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Drift;

/// <summary>
/// <c>/api/policies/{id}/snapshots</c> over real HTTP: a real account's describe-security-groups uploaded as deployed,
/// in sync as designed, drifting once a rule was added in the console, the rule adopted into a draft; bad uploads and
/// callers without the right.
/// </summary>
public abstract class DeployedSnapshotsApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Snapshots(Guid policyId) => $"/api/policies/{policyId}/snapshots";

    private async Task<Guid> ImportSampleAsync(TestUser owner)
    {
        var response = await owner.Client.PostAsync("/api/policies/import",
            ImportApiTests.Form(DriftSample.Files, ("name", $"drift {Guid.NewGuid():N}")), Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("policy").GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid policyId, string fileName, string text, string? kind = null) =>
        await client.PostAsync(Snapshots(policyId), ImportApiTests.Form([(fileName, text)], kind is null ? [] : [("kind", kind)]), Token);

    private static async Task<JsonElement> DriftAsync(HttpClient client, Guid policyId, Guid snapshotId) =>
        await (await client.GetAsync($"{Snapshots(policyId)}/{snapshotId}/drift", Token)).ReadAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Yesterdays_describe_security_groups_with_a_rule_added_in_the_console_names_the_flow_it_opened_and_the_rule_is_adopted_into_a_draft()
    {
        var owner = await fixture.NewUserAsync("Dora Designer");
        var policyId = await ImportSampleAsync(owner);

        var same = await (await UploadAsync(owner.Client, policyId, "SecurityGroups.json", DriftSample.AsDesigned)).ReadAsync(HttpStatusCode.Created);
        var opened = await (await UploadAsync(owner.Client, policyId, "SecurityGroups.json", DriftSample.SecurityGroupsWithMysqlOpened())).ReadAsync(HttpStatusCode.Created);

        Assert.Equal("aws-cli", opened.GetProperty("kind").GetString());
        Assert.True((await DriftAsync(owner.Client, policyId, same.GetProperty("id").GetGuid())).GetProperty("inSync").GetBoolean());
        var snapshotId = opened.GetProperty("id").GetGuid();
        var drift = await DriftAsync(owner.Client, policyId, snapshotId);
        Assert.False(drift.GetProperty("inSync").GetBoolean());
        Assert.Equal(0, drift.GetProperty("designedNotDeployed").GetInt32());
        var groupRules = Assert.Single(drift.GetProperty("rules").EnumerateArray());
        Assert.Equal(DriftSample.Group, groupRules.GetProperty("group").GetString());
        var added = Assert.Single(groupRules.GetProperty("added").EnumerateArray());
        Assert.Equal(DriftSample.Port, added.GetProperty("fromPort").GetInt32());
        var ruleId = added.GetProperty("id").GetString()!;
        var opens = drift.GetProperty("reachability").EnumerateArray().SelectMany(f => f.GetProperty("opens").EnumerateArray()).ToList();
        Assert.NotEmpty(opens);
        Assert.All(opens, o => Assert.Contains(o.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == ruleId));
        Assert.Contains(opens, o => o.GetProperty("ports").EnumerateArray().Any(p => p[0].GetInt32() <= DriftSample.Port && DriftSample.Port <= p[1].GetInt32()));
        Assert.Equal(snapshotId, (await (await owner.Client.GetAsync(Snapshots(policyId), Token)).ReadAsync(HttpStatusCode.OK))[0].GetProperty("id").GetGuid());

        var adopt = await owner.Client.PostAsJsonAsync($"{Snapshots(policyId)}/{snapshotId}/adopt", new { ruleId }, Token);

        var adopted = await adopt.ReadAsync(HttpStatusCode.OK);
        Assert.True(adopted.GetProperty("draftCreated").GetBoolean());
        var (estate, _) = await owner.Client.DraftAsync(adopted.GetProperty("draftId").GetGuid());
        var rule = Assert.Single(estate.Group(DriftSample.Group).GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == ruleId);
        Assert.Equal(DriftSample.Source, rule.GetProperty("cidr").GetString());
        Assert.Equal("opened in the console", rule.GetProperty("description").GetString());
        var again = await (await owner.Client.PostAsJsonAsync($"{Snapshots(policyId)}/{snapshotId}/adopt", new { ruleId = "sgr-0000000000000none" }, Token))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not deployed-only", again.ErrorAt("ruleId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopting_a_rule_twice_at_once_and_again_leaves_it_once_in_one_draft_and_an_edit_made_since_is_not_undone()
    {
        var owner = await fixture.NewUserAsync("Abe Adopter");
        var policyId = await ImportSampleAsync(owner);
        var snapshotId = (await (await UploadAsync(owner.Client, policyId, "SecurityGroups.json", DriftSample.SecurityGroupsWithMysqlOpened()))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ruleId = Assert.Single(Assert.Single((await DriftAsync(owner.Client, policyId, snapshotId)).GetProperty("rules").EnumerateArray())
            .GetProperty("added").EnumerateArray()).GetProperty("id").GetString()!;
        var adopt = $"{Snapshots(policyId)}/{snapshotId}/adopt";

        // A double click, or a script's retry: two at once, then once more.
        var atOnce = await Task.WhenAll(owner.Client.PostAsJsonAsync(adopt, new { ruleId }, Token), owner.Client.PostAsJsonAsync(adopt, new { ruleId }, Token));
        var answers = await Task.WhenAll(atOnce.Select(r => r.ReadAsync(HttpStatusCode.OK)));
        var again = await (await owner.Client.PostAsJsonAsync(adopt, new { ruleId }, Token)).ReadAsync(HttpStatusCode.OK);

        var draftId = again.GetProperty("draftId").GetGuid();
        Assert.All(answers, a => Assert.Equal(draftId, a.GetProperty("draftId").GetGuid()));
        Assert.Single((await (await owner.Client.GetAsync($"/api/policies/{policyId}/drafts", Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        var (estate, version) = await owner.Client.DraftAsync(draftId);
        Assert.Equal(answers.Max(a => a.GetProperty("version").GetInt64()), version);
        Assert.Equal(version, again.GetProperty("version").GetInt64());
        Assert.Single(estate.Group(DriftSample.Group).GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == ruleId);

        // The owner records why the rule is there; adopting it again must not put the bare deployed rule back.
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DriftSample.Group}/rules/{ruleId}")
        {
            Content = JsonContent.Create(new
            {
                direction = "inbound", protocol = "tcp", fromPort = DriftSample.Port, toPort = DriftSample.Port, cidr = DriftSample.Source,
                description = "opened in the console", owner = "team-db", justification = "replication from the partner",
            }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await owner.Client.SendAsync(put, Token)).ReadAsync(HttpStatusCode.OK);
        var undo = await (await owner.Client.PostAsJsonAsync(adopt, new { ruleId }, Token)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("was changed in draft", undo.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (kept, _) = await owner.Client.DraftAsync(draftId);
        Assert.Equal("team-db", Assert.Single(kept.Group(DriftSample.Group).GetProperty("rules").EnumerateArray(),
            r => r.GetProperty("id").GetString() == ruleId).GetProperty("owner").GetString());
    }

    [Theory]
    [InlineData("{\"SecurityGroups\": [", "snapshot.json:$")]
    [InlineData("{\"Buckets\": []}", "snapshot.json:$")]
    [InlineData("{\"Vpcs\": []}", "snapshot.json:$")]
    public async Task A_malformed_or_unknown_upload_is_refused_at_its_place_and_nothing_is_stored(string body, string place)
    {
        var owner = await fixture.NewUserAsync("Ursula Uploader");
        var policyId = await owner.Client.NewPolicyAsync();

        var problem = await (await UploadAsync(owner.Client, policyId, "snapshot.json", body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorAt(place));
        Assert.Equal(0, await CountAsync(policyId));
    }

    [Fact]
    public async Task A_wrong_kind_an_aws_file_as_a_state_and_a_file_over_the_limit_are_refused_and_nothing_is_stored()
    {
        var owner = await fixture.NewUserAsync("Kim Kinds");
        var policyId = await owner.Client.NewPolicyAsync();

        var kind = await (await UploadAsync(owner.Client, policyId, "sg.json", DriftSample.AsDesigned, "cloudformation")).ReadProblemAsync(HttpStatusCode.BadRequest);
        var state = await (await UploadAsync(owner.Client, policyId, "sg.json", DriftSample.AsDesigned, "terraform-state")).ReadProblemAsync(HttpStatusCode.BadRequest);
        var huge = new string(' ', (int)ImportReader.MaxFileBytes) + DriftSample.AsDesigned;
        var tooLarge = await owner.Client.PostAsync($"{Snapshots(policyId)}?fileName=huge.json", new StringContent(huge, Encoding.UTF8, "application/json"), Token);

        Assert.Contains("cloudformation", kind.ErrorAt("kind"), StringComparison.Ordinal);
        Assert.NotEmpty(state.ErrorAt("sg.json:$"));
        Assert.Contains(tooLarge.StatusCode, (HttpStatusCode[])[HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge]);
        Assert.Equal(0, await CountAsync(policyId));
    }

    [Fact]
    public async Task A_json_body_is_read_as_the_file_and_a_terraform_state_is_told_from_its_content()
    {
        var owner = await fixture.NewUserAsync("Jay Json");
        var policyId = await owner.Client.NewPolicyAsync();
        const string state = """
            {"format_version": "1.0", "terraform_version": "1.11.0", "values": {"root_module": {"resources": [
              {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
               "values": {"id": "sg-0123456789abcdef0", "name": "web", "description": "web", "vpc_id": "vpc-0123456789abcdef0",
                          "ingress": [], "egress": [], "tags": {}}}]}}}
            """;

        var json = await (await owner.Client.PostAsync($"{Snapshots(policyId)}?fileName=state.json", new StringContent(state, Encoding.UTF8, "application/json"), Token))
            .ReadAsync(HttpStatusCode.Created);

        Assert.Equal("terraform-state", json.GetProperty("kind").GetString());
        Assert.Equal("state.json", json.GetProperty("fileName").GetString());
        Assert.Equal(1, json.GetProperty("groups").GetInt32());
    }

    [Fact]
    public async Task A_terraform_plan_or_a_bad_state_is_refused_at_its_own_json_path_and_nothing_is_stored()
    {
        var owner = await fixture.NewUserAsync("Tess Terraform");
        var policyId = await owner.Client.NewPolicyAsync();
        const string plan = """{"format_version": "1.2", "terraform_version": "1.11.0", "planned_values": {}, "resource_changes": []}""";
        const string state = """
            {"format_version": "1.0", "terraform_version": "1.11.0", "values": {"root_module": {"resources": [
              {"address": "", "mode": "managed", "type": "aws_security_group", "name": "web", "values": {"id": "sg-0123456789abcdef0"}}]}}}
            """;

        var planned = await (await UploadAsync(owner.Client, policyId, "plan.json", plan)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var broken = await (await UploadAsync(owner.Client, policyId, "state.json", state)).ReadProblemAsync(HttpStatusCode.BadRequest);

        // The place is the key, the message says what is wrong there, in terms of this upload rather than of sgd's options.
        var planError = planned.ErrorAt("plan.json:$");
        Assert.StartsWith("this is a Terraform plan, not a state", planError, StringComparison.Ordinal);
        Assert.DoesNotContain("--state", planError, StringComparison.Ordinal);
        Assert.Equal("the resource address is empty", broken.ErrorAt("state.json:$.values.root_module.resources[0].address"));
        Assert.Equal(0, await CountAsync(policyId));
    }

    [Fact]
    public async Task A_token_of_another_policy_and_a_viewer_may_not_upload_delete_or_adopt()
    {
        var owner = await fixture.NewUserAsync("Olga Owner");
        var policyId = await ImportSampleAsync(owner);
        var other = await owner.Client.NewPolicyAsync();
        var stored = await (await UploadAsync(owner.Client, policyId, "SecurityGroups.json", DriftSample.SecurityGroupsWithMysqlOpened())).ReadAsync(HttpStatusCode.Created);
        var snapshot = $"{Snapshots(policyId)}/{stored.GetProperty("id").GetGuid()}";
        var elsewhere = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Write, other));
        var viewer = await fixture.NewUserAsync("Vic Viewer", policyId, PolicyRole.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(elsewhere, policyId, "SecurityGroups.json", DriftSample.AsDesigned)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.GetAsync(snapshot, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.DeleteAsync(snapshot, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(viewer.Client, policyId, "SecurityGroups.json", DriftSample.AsDesigned)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync(snapshot, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync($"{snapshot}/adopt", new { ruleId = "sgr-1" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"{snapshot}/drift", Token)).StatusCode);
        Assert.Equal(1, await CountAsync(policyId));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync(snapshot, Token)).StatusCode);
        Assert.Equal(0, await CountAsync(policyId));
    }

    private async Task<int> CountAsync(Guid policyId)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Token);
        return await db.DeployedSnapshots.CountAsync(s => s.PolicyId == policyId, Token);
    }
}

public sealed class DeployedSnapshotsApiSqliteTests(SqliteApp fixture) : DeployedSnapshotsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class DeployedSnapshotsApiPostgresTests(PostgresApp fixture) : DeployedSnapshotsApiTests(fixture), IClassFixture<PostgresApp>;
