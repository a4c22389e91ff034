using SgDesigner.Core.Samples;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using static SgDesigner.Data.Tests.Review.ReviewTeam;

namespace SgDesigner.Data.Tests.Review;

// The writers that lock a policy and its requests, all at once on the same approved request: an owner raising the
// required approvals (policy, then requests), the author editing the draft, which dismisses the approval and so changes
// the request's status (draft, policy, reviews, request), and a merge (draft, policy, memberships and reviews, request).
// They take their row locks in one order (RowLocks), so on PostgreSQL none of them ends in a deadlock (40P01, which
// would escape as an exception): each is stored, or refused as too late, and the request ends in a state that agrees.
public abstract class LockOrderTests(TestDatabase database)
{
    private const int Rounds = 3, Policies = 6;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ReviewStore Reviews => database.Get<ReviewStore>();
    private PolicyStore Store => database.Store;

    [Fact]
    public async Task RaisingTheRequiredApprovalsEditingTheDraftAndMergingAtOnceNeverDeadlock()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var races = new List<(ReviewTeam Team, ChangeRequestInfo Request, long Version)>();
            for (var i = 0; i < Policies; i++)
            {
                var team = await CreateAsync(database);
                var request = await team.ApprovedAsync("metrics", (DemoEstate.App, Inbound("sgr-0e000000000009100", 9100, "10.0.0.0/24", "metrics")));
                races.Add((team, request, (await Store.GetDraftAsync(request.DraftId, Ct)).Value.Info.Version));
            }
            var results = await Task.WhenAll(races.Select(async r =>
            {
                var raise = Task.Run(() => Reviews.SetRequiredApprovalsAsync(r.Team.Owner, r.Team.Policy, 2, ct: Ct), Ct);
                var edit = Task.Run(() => Store.UpsertRuleAsync(r.Request.DraftId, r.Version, DemoEstate.App,
                    Inbound("sgr-0e000000000009101", 9101, "10.0.0.0/24", "more metrics"), r.Team.Author, Ct), Ct);
                var merge = Task.Run(() => Reviews.MergeAsync(r.Team.Author, r.Request.Id, null, ct: Ct), Ct);
                return (r.Request, Raised: await raise, Edited: await edit, Merged: await merge);
            }));

            foreach (var (request, raised, edited, merged) in results)
            {
                Assert.True(raised.IsOk, raised.ToString());
                Assert.True(edited.IsOk || edited.Failure!.Kind == StoreFailureKind.Conflict, edited.ToString());
                Assert.True(merged.IsOk || merged.Failure!.Kind == StoreFailureKind.Conflict, merged.ToString());
                // The merge and the edit exclude each other: whichever came second found the draft moved on.
                Assert.False(merged.IsOk && edited.IsOk, $"{merged} and {edited}");
                var status = (await Reviews.GetAsync(request.Id, Ct)).Value.Info.Status;
                Assert.Equal(merged.IsOk ? ChangeRequestStatus.Merged : ChangeRequestStatus.Open, status);
            }
        }
    }
}

public sealed class LockOrderTestsOnSqlite(SqliteDatabase database) : LockOrderTests(database), IClassFixture<SqliteDatabase>;

public sealed class LockOrderTestsOnPostgres(PostgresDatabase database) : LockOrderTests(database), IClassFixture<PostgresDatabase>;
