using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using static SgDesigner.Data.Tests.Review.ReviewTeam;

namespace SgDesigner.Data.Tests.Review;

/// <summary>
/// A merge decides on the state at the moment it commits. Each race is made deterministic: the page showed the request
/// approved, then, just before the merge claims the draft's version, a change lands (run on the merge's own connection and
/// transaction, which is what the merge's later statements would see of a writer that committed at that moment). The merge
/// must see it and refuse, publishing nothing.
/// </summary>
public abstract class MergeRecheckTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly (string, Core.Model.Rule) Https8443 = (DemoEstate.Web, Inbound("sgr-0e000000000008443", 8443, "10.0.0.0/16", "admin console"));

    private ReviewStore Reviews => database.Get<ReviewStore>();

    // An approved request, shown as mergeable, merged by its author while `change` lands just before the claim.
    private async Task<(ReviewTeam Team, ChangeRequestInfo Request, StoreResult<ChangeRequestInfo> Merged)> MergeRacingAsync(
        Func<ReviewTeam, ChangeRequestInfo, SgDbContext, Task> change, Func<ReviewTeam, Task>? prepare = null)
    {
        var team = await CreateAsync(database);
        if (prepare is not null)
            await prepare(team);
        var request = await team.ApprovedAsync("admin console", Https8443);
        Assert.True((await Reviews.GetAsync(request.Id, Ct)).Value.Approvals.CanMerge);
        var racing = new BeforeClaim((db, ct) => change(team, request, db));
        var merged = await StoreWith(racing).MergeAsync(team.Author, request.Id, null, ct: Ct);
        Assert.True(racing.Ran);
        return (team, request, merged);
    }

    private async Task AssertNothingPublishedAsync(ReviewTeam team, ChangeRequestInfo request, StoreResult<ChangeRequestInfo> merged, string why)
    {
        Assert.Equal(StoreFailureKind.Conflict, merged.Failure?.Kind);
        Assert.Contains(why, merged.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await database.Store.GetPolicyAsync(team.Policy, Ct)).Value.LatestRevision);
        Assert.Equal(DraftStatus.Open, (await database.Store.GetDraftAsync(request.DraftId, Ct)).Value.Info.Status);
    }

    [Fact]
    public async Task RequiredApprovalsRaisedJustBeforeTheMergeAreEnforced()
    {
        var (team, request, merged) = await MergeRacingAsync((team, _, db) =>
            db.Policies.Where(p => p.Id == team.Policy).ExecuteUpdateAsync(u => u.SetProperty(p => p.RequiredApprovals, 2), Ct));

        await AssertNothingPublishedAsync(team, request, merged, "1 of the 2 approval(s)");
    }

    [Fact]
    public async Task AnApprovalStopsCountingWhenTheReviewerLosesTheRoleJustBeforeTheMerge()
    {
        var (team, request, merged) = await MergeRacingAsync((team, _, db) =>
            db.PolicyMemberships.Where(m => m.PolicyId == team.Policy && m.UserId == team.Reviewer.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Role, PolicyRole.Viewer), Ct));

        await AssertNothingPublishedAsync(team, request, merged, "0 of the 1 approval(s)");
    }

    [Fact]
    public async Task AnApprovalDismissedJustBeforeTheMergeNoLongerCounts()
    {
        var (team, request, merged) = await MergeRacingAsync((_, request, db) =>
            db.Reviews.Where(r => r.ChangeRequestId == request.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Dismissed, true).SetProperty(r => r.DismissedAt, DateTime.UtcNow).SetProperty(r => r.DismissedReason, "owner"), Ct));

        await AssertNothingPublishedAsync(team, request, merged, "0 of the 1 approval(s)");
    }

    [Fact]
    public async Task AChangeAuthoredByTheApproverJustBeforeTheMergeVoidsTheirApproval()
    {
        var (team, request, merged) = await MergeRacingAsync((team, request, db) =>
        {
            db.DraftChanges.Add(new DraftChangeRow
            {
                Id = Guid.CreateVersion7(), DraftId = request.DraftId, DraftVersion = 2, At = DateTime.UtcNow, UserId = team.Reviewer.UserId,
                Author = team.Reviewer.Name, ObjectKind = "rule", ObjectId = "sgr-0rdp0000000000001", Change = "added", GroupId = DemoEstate.Web,
            });
            return db.SaveChangesAsync(Ct);
        });

        await AssertNothingPublishedAsync(team, request, merged, "0 of the 1 approval(s)");
    }

    [Fact]
    public async Task ARequestForChangesJustBeforeTheMergeBlocksIt()
    {
        var second = AuditActor.System;
        var (team, request, merged) = await MergeRacingAsync((_, request, db) =>
        {
            db.Reviews.Add(new ReviewRow
            {
                Id = Guid.CreateVersion7(), ChangeRequestId = request.Id, ReviewerUserId = second.UserId!.Value, Verdict = ReviewVerdict.RequestChanges,
                DraftVersion = 2, CreatedAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync(Ct);
        }, async team =>
        {
            second = await TestUsers.CreateAsync(database, "second reviewer");
            await TestUsers.JoinAsync(database, team.Policy, second, PolicyRole.Reviewer);
        });

        await AssertNothingPublishedAsync(team, request, merged, "1 open request(s) for changes");
    }

    [Fact]
    public async Task ADraftEditedJustBeforeTheMergeIsNotPublished()
    {
        var (team, request, merged) = await MergeRacingAsync((_, request, db) =>
            db.Drafts.Where(d => d.Id == request.DraftId).ExecuteUpdateAsync(u => u.SetProperty(d => d.Version, d => d.Version + 1), Ct));

        await AssertNothingPublishedAsync(team, request, merged, "the draft was changed by someone else");
    }

    private ReviewStore StoreWith(IInterceptor interceptor)
    {
        string connectionString;
        using (var db = database.CreateContext())
            connectionString = db.Database.GetConnectionString()!;
        var options = new DbContextOptionsBuilder<SgDbContext>();
        PolicyStorageExtensions.Configure(options, database.Provider, connectionString).AddInterceptors(interceptor);
        return new ReviewStore(new Contexts(options.Options), TimeProvider.System);
    }

    private sealed class Contexts(DbContextOptions<SgDbContext> options) : IDbContextFactory<SgDbContext>
    {
        public SgDbContext CreateDbContext() => new(options);
    }

    // Runs `change` once, on the command's connection and transaction, right before the first claim of a draft's version.
    private sealed class BeforeClaim(Func<SgDbContext, CancellationToken, Task> change) : DbCommandInterceptor
    {
        public bool Ran { get; private set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Ran && command.CommandText.Contains("UPDATE \"Drafts\"", StringComparison.Ordinal)
                && command.CommandText.Contains("\"Version\"", StringComparison.Ordinal))
            {
                Ran = true;
                var options = new DbContextOptionsBuilder<SgDbContext>();
                if (eventData.Context!.Database.IsNpgsql())
                    options.UseNpgsql(command.Connection!);
                else
                    options.UseSqlite(command.Connection!);
                await using var db = new SgDbContext(options.Options);
                await db.Database.UseTransactionAsync(command.Transaction, cancellationToken);
                await change(db, cancellationToken);
            }
            return result;
        }
    }
}

public sealed class MergeRecheckTestsOnSqlite(SqliteDatabase database) : MergeRecheckTests(database), IClassFixture<SqliteDatabase>;

public sealed class MergeRecheckTestsOnPostgres(PostgresDatabase database) : MergeRecheckTests(database), IClassFixture<PostgresDatabase>;
