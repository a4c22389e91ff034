using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using static SgDesigner.Data.Tests.Review.ReviewTeam;

namespace SgDesigner.Data.Tests.Review;

// Two requests opened on the same base and merged at the same moment, each in its own task and context. Each
// scenario runs on several policies at once so that the merges really overlap.
public abstract class ConcurrentMergeTests(TestDatabase database)
{
    private const int Pairs = 4;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ReviewStore Reviews => database.Get<ReviewStore>();
    private PolicyStore Store => database.Store;

    private sealed record Race(ReviewTeam Team, HashSet<string> BaseRules, StoreResult<ChangeRequestInfo>[] Results);

    // Proposes and approves both changes on a fresh policy for each pair, then merges every pair's two requests at once.
    private async Task<Race[]> RaceAsync((string GroupId, Core.Model.Rule Rule) first, (string GroupId, Core.Model.Rule Rule) second)
    {
        var setups = new List<(ReviewTeam Team, HashSet<string> BaseRules, ChangeRequestInfo A, ChangeRequestInfo B)>();
        for (var i = 0; i < Pairs; i++)
        {
            var team = await CreateAsync(database);
            var baseRules = RuleIds((await Store.GetRevisionAsync(team.Policy, null, Ct)).Value.Estate);
            setups.Add((team, baseRules, await team.ApprovedAsync("first", first), await team.ApprovedAsync("second", second)));
        }
        var merges = setups.Select(s => Task.WhenAll(
            Task.Run(() => Reviews.MergeAsync(s.Team.Author, s.A.Id, null, ct: Ct), Ct),
            Task.Run(() => Reviews.MergeAsync(s.Team.Author, s.B.Id, null, ct: Ct), Ct))).ToList();
        var results = await Task.WhenAll(merges);
        return [.. setups.Zip(results, (s, r) => new Race(s.Team, s.BaseRules, r))];
    }

    [Fact]
    public async Task TwoCleanRequestsMergedAtOnceBothLandAsConsecutiveRevisionsWithBothRules()
    {
        var https = (DemoEstate.Web, Inbound("sgr-0e000000000008443", 8443, "10.0.0.0/16", "admin console"));
        var metrics = (DemoEstate.App, Inbound("sgr-0e000000000009100", 9100, "10.0.0.0/24", "metrics"));

        foreach (var race in await RaceAsync(https, metrics))
        {
            Assert.All(race.Results, r => Assert.True(r.IsOk, r.ToString()));
            Assert.Equal([2, 3], race.Results.Select(r => r.Value.MergedRevision!.Value).Order());
            var revisions = (await Store.ListRevisionsAsync(race.Team.Policy, Ct)).Value;
            Assert.Equal([(3, 2), (2, 1), (1, (int?)null)], revisions.Select(r => (r.Number, r.ParentNumber)));
            var merged = await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: race.Team.Policy, Action: "request.merged"), Ct);
            Assert.Single(merged, a => a.Details!.EndsWith("rebased onto revision 2", StringComparison.Ordinal));
            var final = (await Store.GetRevisionAsync(race.Team.Policy, null, Ct)).Value.Estate;
            Assert.Equal([.. race.BaseRules.Append(https.Item2.Id).Append(metrics.Item2.Id).Order()], RuleIds(final).Order());
            Assert.Equal(https.Item2, FindRule(final, https.Item2.Id));
            Assert.Equal(metrics.Item2, FindRule(final, metrics.Item2.Id));
        }
    }

    [Fact]
    public async Task OfTwoConflictingRequestsMergedAtOnceOneLandsAndTheOtherIsRefusedWithNothingLost()
    {
        var port2222 = (DemoEstate.Bastion, Inbound(OfficeSsh, 2222, "203.0.113.0/24", "SSH on 2222"));
        var vpn = (DemoEstate.Bastion, Inbound(OfficeSsh, 22, "198.51.100.0/24", "SSH from the VPN"));

        foreach (var race in await RaceAsync(port2222, vpn))
        {
            var winner = Assert.Single(race.Results, r => r.IsOk);
            var loser = Assert.Single(race.Results, r => !r.IsOk);
            Assert.Equal(2, winner.Value.MergedRevision);
            Assert.Equal(StoreFailureKind.Conflict, loser.Failure!.Kind);
            Assert.Contains($"1 conflict ({OfficeSshKey})", loser.Failure.Message, StringComparison.Ordinal);
            Assert.Equal([2, 1], (await Store.ListRevisionsAsync(race.Team.Policy, Ct)).Value.Select(r => r.Number));
            var final = (await Store.GetRevisionAsync(race.Team.Policy, null, Ct)).Value.Estate;
            Assert.Equal([.. race.BaseRules.Order()], RuleIds(final).Order());
            var won = winner.Value.Title == "first" ? port2222 : vpn;
            var lost = winner.Value.Title == "first" ? vpn : port2222;
            Assert.Equal(won.Item2, FindRule(final, OfficeSsh));
            // The refused request's draft still holds its own change, ready for the author to resolve.
            var open = (await Reviews.ListAsync(race.Team.Policy, false, Ct)).Value;
            var pending = Assert.Single(open);
            var draft = (await Store.GetDraftAsync(pending.DraftId, Ct)).Value;
            Assert.Equal((DraftStatus.Open, (int?)1), (draft.Info.Status, draft.Info.BaseRevision));
            Assert.Equal(lost.Item2, FindRule(draft.Estate, OfficeSsh));
        }
    }
}

public sealed class ConcurrentMergeTestsOnSqlite(SqliteDatabase database) : ConcurrentMergeTests(database), IClassFixture<SqliteDatabase>;

public sealed class ConcurrentMergeTestsOnPostgres(PostgresDatabase database) : ConcurrentMergeTests(database), IClassFixture<PostgresDatabase>;
