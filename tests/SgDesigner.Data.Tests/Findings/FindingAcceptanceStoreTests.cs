using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Lint;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Findings;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using SgDesigner.Data.Tests.Review;

namespace SgDesigner.Data.Tests.Findings;

public abstract class FindingAcceptanceStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FindingAcceptanceStore Acceptances => database.Get<FindingAcceptanceStore>();

    private async Task<FindingKey> FirstFindingAsync(Guid policy) =>
        FindingKey.Of(Linter.Lint((await database.Get<PolicyStore>().GetRevisionAsync(policy, null, Ct)).Value.Estate)[0]);

    [Fact]
    public async Task Two_editors_accepting_the_same_finding_at_once_store_one_acceptance_and_the_other_is_told_of_it()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var key = await FirstFindingAsync(team.Policy);

        var results = await Task.WhenAll(
            Acceptances.AcceptAsync(team.Author, team.Policy, key, "first", ct: Ct),
            Acceptances.AcceptAsync(team.Owner, team.Policy, key, "second", ct: Ct));

        Assert.Single(results, r => r.IsOk);
        Assert.Equal(StoreFailureKind.Conflict, Assert.Single(results, r => !r.IsOk).Failure!.Kind);
        Assert.Single((await Acceptances.ListAsync(team.Policy, Ct)).Value);
        Assert.Single(await database.Get<AuditLog>().QueryAsync(new AuditFilter(team.Policy, Action: FindingAcceptanceStore.AcceptedAction), Ct));
    }

    [Fact]
    public async Task A_reviewer_accepts_and_a_deleted_policy_takes_its_acceptances_but_not_their_audit_trail()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var key = await FirstFindingAsync(team.Policy);
        var accepted = await Acceptances.AcceptAsync(team.Reviewer, team.Policy, key, "known, tracked in JIRA-1", DateTime.UtcNow.AddDays(30), ct: Ct);
        Assert.True(accepted.IsOk, accepted.ToString());

        Assert.True((await database.Get<PolicyStore>().DeletePolicyAsync(team.Policy, team.Owner, ct: Ct)).IsOk);

        await using var db = database.CreateContext();
        Assert.False(await db.FindingAcceptances.AnyAsync(a => a.PolicyId == team.Policy, Ct));
        var entry = Assert.Single(await database.Get<AuditLog>().QueryAsync(new AuditFilter(team.Policy, Action: "finding."), Ct));
        Assert.Contains("JIRA-1", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expiry_in_the_past_is_refused_at_its_field()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var key = await FirstFindingAsync(team.Policy);

        var refused = await Acceptances.AcceptAsync(team.Author, team.Policy, key, "reason", DateTime.UtcNow.AddMinutes(-1), ct: Ct);

        Assert.Equal("expiresAt", Assert.Single(refused.Failure!.Errors).Path);
        Assert.Empty((await Acceptances.ListAsync(team.Policy, Ct)).Value);
    }
}

public sealed class FindingAcceptanceStoreTestsOnSqlite(SqliteDatabase database) : FindingAcceptanceStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class FindingAcceptanceStoreTestsOnPostgres(PostgresDatabase database) : FindingAcceptanceStoreTests(database), IClassFixture<PostgresDatabase>;
