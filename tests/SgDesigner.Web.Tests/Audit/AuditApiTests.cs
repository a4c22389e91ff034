using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Audit;

public abstract class AuditApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A policy with an invited member, promoted: policy.created, membership.added ×2, user.invited, user.signed-up, membership.changed.
    private async Task<(Guid PolicyId, TestUser Member)> PolicyWithHistoryAsync()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var member = await fixture.NewUserAsync("Vic Viewer", policyId, PolicyRole.Viewer);
        await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}/members/{member.Id}", $"/api/policies/{policyId}/members", new { role = "editor" }))
            .ReadAsync(HttpStatusCode.OK);
        return (policyId, member);
    }

    private static DateTime At(JsonElement entry) => entry.GetProperty("at").GetDateTime().ToUniversalTime();

    [Fact]
    public async Task An_administrator_reads_the_trail_of_every_policy_newest_first()
    {
        var (first, _) = await PolicyWithHistoryAsync();
        var (second, _) = await PolicyWithHistoryAsync();

        var entries = await fixture.Client.AuditAsync("");

        var policies = entries.Select(e => e.GetProperty("policyId")).Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetGuid()).ToHashSet();
        Assert.Superset(new HashSet<Guid> { first, second }, policies);
        Assert.Equal(entries.Select(At).OrderDescending(), entries.Select(At));
        Assert.Equal("membership.changed", entries[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_member_reads_their_policys_trail_only_and_not_the_whole_trail()
    {
        var (policyId, member) = await PolicyWithHistoryAsync();
        await PolicyWithHistoryAsync();

        var entries = await member.Client.AuditAsync($"policyId={policyId}");

        Assert.All(entries, e => Assert.Equal(policyId, e.GetProperty("policyId").GetGuid()));
        Assert.Contains("policy.created", entries.Actions());
        var whole = await member.Client.GetAsync("/api/audit", Token);
        Assert.Contains("administrators", (await whole.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await member.Client.GetAsync("/api/audit.csv", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_non_member_an_unknown_policy_a_policy_bound_token_and_an_anonymous_caller_are_refused()
    {
        var (policyId, _) = await PolicyWithHistoryAsync();
        var stranger = await fixture.NewUserAsync("Sue Stranger");
        using var bound = fixture.ClientWithToken(await fixture.TokenAsync(fixture.Admin, TokenScope.Read, policyId));

        await (await stranger.Client.GetAsync($"/api/audit?policyId={policyId}", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.GetAsync($"/api/audit.csv?policyId={policyId}", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Client.GetAsync($"/api/audit?policyId={Guid.NewGuid()}", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await bound.GetAsync("/api/audit", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.NotEmpty(await bound.AuditAsync($"policyId={policyId}"));
        await (await fixture.Anonymous.GetAsync("/api/audit", Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous.GetAsync("/api/audit.csv", Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Action_families_exact_actions_and_actors_by_id_or_e_mail_narrow_the_trail()
    {
        var (policyId, member) = await PolicyWithHistoryAsync();

        var family = await fixture.Client.AuditAsync($"policyId={policyId}&action=membership.");
        var exact = await fixture.Client.AuditAsync($"policyId={policyId}&action=membership.changed");
        var two = await fixture.Client.AuditAsync($"policyId={policyId}&action=membership.changed&action=policy.");
        var byMember = await fixture.Client.AuditAsync($"policyId={policyId}&actor={Uri.EscapeDataString(member.Email)}");
        var byAdmin = await fixture.Client.AuditAsync($"policyId={policyId}&actor={fixture.Admin.Id}");

        Assert.Equal(["membership.changed", "membership.added", "membership.added"], family.Actions());
        Assert.Equal(["membership.changed"], exact.Actions());
        Assert.Equal(["membership.changed", "policy.created"], two.Actions());
        // The invitation's sign-up: the account and its membership, written at the same instant.
        Assert.Equal(["membership.added", "user.signed-up"], byMember.Actions().Order());
        Assert.All(byMember, e => Assert.Equal(member.Id, e.GetProperty("actorUserId").GetGuid()));
        Assert.All(byAdmin, e => Assert.Equal(fixture.Admin.Id, e.GetProperty("actorUserId").GetGuid()));
        Assert.Equal(["membership.added", "membership.changed", "policy.created", "user.invited"], byAdmin.Actions().Order());
    }

    [Fact]
    public async Task A_time_range_and_a_limit_narrow_the_trail_to_the_newest_entries_inside_it()
    {
        var (policyId, _) = await PolicyWithHistoryAsync();
        var all = await fixture.Client.AuditAsync($"policyId={policyId}");
        var newest = At(all[0]);
        var oldest = At(all[^1]);
        static string Iso(DateTime t) => Uri.EscapeDataString(t.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var limited = await fixture.Client.AuditAsync($"policyId={policyId}&limit=2");
        var fromNewest = await fixture.Client.AuditAsync($"policyId={policyId}&from={Iso(newest)}");
        var beforeNewest = await fixture.Client.AuditAsync($"policyId={policyId}&to={Iso(newest)}");
        var afterAll = await fixture.Client.AuditAsync($"policyId={policyId}&from={Iso(newest.AddSeconds(1))}");
        var window = await fixture.Client.AuditAsync($"policyId={policyId}&from={Iso(oldest)}&to={Iso(newest.AddTicks(10))}");

        Assert.Equal(all.Take(2).Actions(), limited.Actions());
        Assert.All(fromNewest, e => Assert.True(At(e) >= newest));
        Assert.All(beforeNewest, e => Assert.True(At(e) < newest));
        Assert.Equal(all.Count, fromNewest.Count + beforeNewest.Count);
        Assert.Empty(afterAll);
        Assert.Equal(all.Actions(), window.Actions());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("action=policy", "action")]
    [InlineData("action=DROP%20TABLE", "action")]
    [InlineData("actor=nobody", "actor")]
    [InlineData("actor=ghost%40example.test", "actor")]
    [InlineData("policyId=42", "policyId")]
    public async Task A_bad_filter_value_is_refused_with_400_naming_the_field(string query, string field)
    {
        var json = await fixture.Client.GetAsync($"/api/audit?{query}", Token);
        var csv = await fixture.Client.GetAsync($"/api/audit.csv?{query}", Token);

        foreach (var response in new[] { json, csv })
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.ErrorAt(field));
            Assert.Single(problem.GetProperty("errors").EnumerateObject());
        }
    }

    [Fact]
    public async Task The_csv_export_is_a_named_attachment_with_the_same_filtered_entries_oldest_first()
    {
        var (policyId, _) = await PolicyWithHistoryAsync();
        var entries = await fixture.Client.AuditAsync($"policyId={policyId}&action=membership.");

        var response = await fixture.Client.GetAsync($"/api/audit.csv?policyId={policyId}&action=membership.", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches($"^sgdesigner-audit-{policyId}-\\d{{8}}T\\d{{6}}Z\\.csv$", disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', AuditCsv.Header), lines[0]);
        var actions = lines.Skip(1).Select(l => l.Split(',')[3]).ToList();
        Assert.Equal(entries.Actions().Reverse(), actions);
        Assert.All(lines.Skip(1), l => Assert.Contains(policyId.ToString(), l, StringComparison.Ordinal));
    }
}

public sealed class AuditApiSqliteTests(SqliteApp fixture) : AuditApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditApiPostgresTests(PostgresApp fixture) : AuditApiTests(fixture), IClassFixture<PostgresApp>;
