using SgDesigner.Core.Review;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using static SgDesigner.Data.Tests.Review.ReviewTeam;

namespace SgDesigner.Data.Tests.Review;

public abstract class ReviewStoreMergeTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ReviewStore Reviews => database.Get<ReviewStore>();
    private PolicyStore Store => database.Store;

    private static readonly (string, Core.Model.Rule) Https8443 = (DemoEstate.Web, Inbound("sgr-0e000000000008443", 8443, "10.0.0.0/16", "admin console"));
    private static readonly (string, Core.Model.Rule) Metrics9100 = (DemoEstate.App, Inbound("sgr-0e000000000009100", 9100, "10.0.0.0/24", "metrics"));
    private static readonly (string, Core.Model.Rule) OfficeSsh2222 = (DemoEstate.Bastion, Inbound(OfficeSsh, 2222, "203.0.113.0/24", "SSH on 2222"));
    private static readonly (string, Core.Model.Rule) VpnSsh = (DemoEstate.Bastion, Inbound(OfficeSsh, 22, "198.51.100.0/24", "SSH from the VPN"));

    private async Task<IReadOnlyList<AuditEntry>> TrailAsync(ReviewTeam team, string action) =>
        await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: team.Policy, Action: action), Ct);

    private async Task<RevisionContent> NewestAsync(ReviewTeam team) => (await Store.GetRevisionAsync(team.Policy, null, Ct)).Value;

    [Fact]
    public async Task ARequestBasedOnTheNewestRevisionIsPublishedAsItsDraft()
    {
        var team = await CreateAsync(database);
        var request = await team.ApprovedAsync("admin console", Https8443);

        var preview = (await Reviews.PreviewMergeAsync(request.Id, Ct)).Value;
        var merged = await Reviews.MergeAsync(team.Author, request.Id, null, ct: Ct);

        Assert.Equal((1, 1, true, true), (preview.BaseRevision, preview.NewestRevision, preview.UpToDate, preview.IsClean));
        Assert.Empty(preview.Conflicts);
        Assert.Equal((ChangeRequestStatus.Merged, 2), (merged.Value.Status, merged.Value.MergedRevision));
        var newest = await NewestAsync(team);
        Assert.Equal((2, 1), (newest.Info.Number, newest.Info.ParentNumber));
        Assert.Equal(Https8443.Item2, FindRule(newest.Estate, Https8443.Item2.Id));
        Assert.Equal("#1 as revision 2", Assert.Single(await TrailAsync(team, "request.merged")).Details);
    }

    [Fact]
    public async Task AStaleRequestWithoutConflictsIsRebasedAndKeepsTheRulesOfBothSides()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("admin console", Https8443);
        var second = await team.ApprovedAsync("metrics", Metrics9100);
        var baseRules = RuleIds((await NewestAsync(team)).Estate);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);

        var preview = (await Reviews.PreviewMergeAsync(second.Id, Ct)).Value;
        var merged = await Reviews.MergeAsync(team.Author, second.Id, null, ct: Ct);

        Assert.Equal((1, 2, false, true), (preview.BaseRevision, preview.NewestRevision, preview.UpToDate, preview.IsClean));
        Assert.Empty(preview.Conflicts);
        Assert.True(merged.IsOk, merged.ToString());
        Assert.Equal((3, 2), (merged.Value.MergedRevision, merged.Value.BaseRevision));
        var newest = await NewestAsync(team);
        Assert.Equal((3, 2), (newest.Info.Number, newest.Info.ParentNumber));
        Assert.Equal([.. baseRules.Append(Https8443.Item2.Id).Append(Metrics9100.Item2.Id).Order()], RuleIds(newest.Estate).Order());
        Assert.Equal(Metrics9100.Item2, FindRule(newest.Estate, Metrics9100.Item2.Id));
        Assert.Equal(Https8443.Item2, FindRule(newest.Estate, Https8443.Item2.Id));
        Assert.Equal(["#1 as revision 2", "#2 as revision 3, rebased onto revision 2"], (await TrailAsync(team, "request.merged")).Select(a => a.Details));
    }

    [Fact]
    public async Task AConflictRefusesTheMergeStoresNothingAndThePreviewListsIt()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("SSH on 2222", OfficeSsh2222);
        var second = await team.ApprovedAsync("SSH from the VPN", VpnSsh);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var before = (await Store.GetDraftAsync(second.DraftId, Ct)).Value;

        var preview = (await Reviews.PreviewMergeAsync(second.Id, Ct)).Value;
        var refused = await Reviews.MergeAsync(team.Author, second.Id, null, ct: Ct);

        Assert.Equal((false, false), (preview.UpToDate, preview.IsClean));
        var conflict = Assert.Single(preview.Conflicts);
        Assert.Equal((OfficeSshKey, MergeEntityKind.Rule, DemoEstate.Bastion), (conflict.Key, conflict.Kind, conflict.GroupId));
        Assert.Contains("198.51.100.0/24", conflict.Ours, StringComparison.Ordinal);
        Assert.Contains("2222", conflict.Theirs, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0/24", conflict.Base, StringComparison.Ordinal);
        Assert.Null(conflict.Resolution);
        Assert.Equal(StoreFailureKind.Conflict, refused.Failure?.Kind);
        Assert.Contains("1 conflict (" + OfficeSshKey + ") that the author must resolve", refused.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await NewestAsync(team)).Info.Number);
        var after = (await Store.GetDraftAsync(second.DraftId, Ct)).Value;
        Assert.Equal((DraftStatus.Open, before.Info.Version, (int?)1), (after.Info.Status, after.Info.Version, after.Info.BaseRevision));
        Assert.Equal(VpnSsh.Item2, FindRule(after.Estate, OfficeSsh));
        Assert.Equal(ChangeRequestStatus.Approved, (await Reviews.GetAsync(second.Id, Ct)).Value.Info.Status);
        Assert.Single(await TrailAsync(team, "request.merged"));
    }

    [Fact]
    public async Task ResolvingRebasesTheDraftDismissesItsApprovalAndItMergesOnceApprovedAgain()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("SSH on 2222", OfficeSsh2222);
        var second = await team.ApprovedAsync("SSH from the VPN and metrics", VpnSsh, Metrics9100);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var preview = (await Reviews.PreviewMergeAsync(second.Id, Ct)).Value;

        var resolved = await Reviews.ResolveConflictsAsync(team.Author, second.Id, preview.DraftVersion,
            new Dictionary<string, MergeSide> { [OfficeSshKey] = MergeSide.Ours }, Ct);

        Assert.True(resolved.IsOk, resolved.ToString());
        Assert.Equal((2, preview.DraftVersion + 1), (resolved.Value.BaseRevision, resolved.Value.Version));
        var details = (await Reviews.GetAsync(second.Id, Ct)).Value;
        var review = Assert.Single(details.Reviews);
        Assert.Equal((true, "rebased onto revision 2"), (review.Dismissed, review.DismissedReason));
        Assert.Equal((ChangeRequestStatus.Open, (int?)2), (details.Info.Status, details.Info.BaseRevision));
        var draft = (await Store.GetDraftAsync(second.DraftId, Ct)).Value.Estate;
        Assert.Equal(VpnSsh.Item2, FindRule(draft, OfficeSsh));
        Assert.True((await Reviews.PreviewMergeAsync(second.Id, Ct)).Value.UpToDate);
        Assert.Equal(StoreFailureKind.Conflict, (await Reviews.MergeAsync(team.Author, second.Id, null, ct: Ct)).Failure?.Kind);

        Assert.True((await Reviews.ReviewAsync(team.Reviewer, second.Id, ReviewVerdict.Approve, null, ct: Ct)).IsOk);
        var merged = await Reviews.MergeAsync(team.Author, second.Id, null, ct: Ct);

        Assert.True(merged.IsOk, merged.ToString());
        var newest = await NewestAsync(team);
        Assert.Equal((3, 2), (newest.Info.Number, newest.Info.ParentNumber));
        Assert.Equal(VpnSsh.Item2, FindRule(newest.Estate, OfficeSsh));
        Assert.Equal(Metrics9100.Item2, FindRule(newest.Estate, Metrics9100.Item2.Id));
        var rebased = Assert.Single(await TrailAsync(team, "request.rebased"));
        Assert.Equal(("#2 onto revision 2 from revision 1: 1 conflict(s) resolved, 1 ours and 0 theirs", team.Author.UserId),
            (rebased.Details, rebased.ActorUserId));
        Assert.Equal("#2 as revision 3", (await TrailAsync(team, "request.merged"))[1].Details);
    }

    [Fact]
    public async Task ChoosingTheirsKeepsTheNewestRevisionsRuleAndTheDraftsOtherChanges()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("SSH on 2222", OfficeSsh2222);
        var second = await team.ProposeAsync("SSH from the VPN and metrics", VpnSsh, Metrics9100);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var version = (await Reviews.PreviewMergeAsync(second.Id, Ct)).Value.DraftVersion;

        var resolved = await Reviews.ResolveConflictsAsync(team.Author, second.Id, version,
            new Dictionary<string, MergeSide> { [OfficeSshKey] = MergeSide.Theirs }, Ct);

        Assert.True(resolved.IsOk, resolved.ToString());
        var draft = (await Store.GetDraftAsync(second.DraftId, Ct)).Value.Estate;
        Assert.Equal(OfficeSsh2222.Item2, FindRule(draft, OfficeSsh));
        Assert.Equal(Metrics9100.Item2, FindRule(draft, Metrics9100.Item2.Id));
    }

    [Fact]
    public async Task AStaleRequestWithoutConflictsCanBeRebasedWithoutChoices()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("admin console", Https8443);
        var second = await team.ApprovedAsync("metrics", Metrics9100);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var version = (await Reviews.PreviewMergeAsync(second.Id, Ct)).Value.DraftVersion;

        var rebased = await Reviews.ResolveConflictsAsync(team.Author, second.Id, version, new Dictionary<string, MergeSide>(), Ct);

        Assert.True(rebased.IsOk, rebased.ToString());
        Assert.Equal(2, rebased.Value.BaseRevision);
        var draft = (await Store.GetDraftAsync(second.DraftId, Ct)).Value.Estate;
        Assert.Equal(Https8443.Item2, FindRule(draft, Https8443.Item2.Id));
        Assert.Equal(Metrics9100.Item2, FindRule(draft, Metrics9100.Item2.Id));
        Assert.Equal("#2 onto revision 2 from revision 1: 0 conflict(s) resolved, 0 ours and 0 theirs",
            Assert.Single(await TrailAsync(team, "request.rebased")).Details);
    }

    [Fact]
    public async Task AResolutionNeedsAChoiceForEveryConflictTheCurrentVersionAndTheEditRole()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("SSH on 2222", OfficeSsh2222);
        var second = await team.ProposeAsync("SSH from the VPN", VpnSsh);
        var upToDate = await Reviews.ResolveConflictsAsync(team.Author, second.Id, 2, new Dictionary<string, MergeSide>(), Ct);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var version = (await Reviews.PreviewMergeAsync(second.Id, Ct)).Value.DraftVersion;
        var viewer = await TestUsers.CreateAsync(database, "viewer");
        await TestUsers.JoinAsync(database, team.Policy, viewer, PolicyRole.Viewer);
        var choice = new Dictionary<string, MergeSide> { [OfficeSshKey] = MergeSide.Ours };

        var missing = await Reviews.ResolveConflictsAsync(team.Author, second.Id, version, new Dictionary<string, MergeSide> { ["rule:sg-x/sgr-y"] = MergeSide.Ours }, Ct);
        var stale = await Reviews.ResolveConflictsAsync(team.Author, second.Id, version - 1, choice, Ct);
        var byViewer = await Reviews.ResolveConflictsAsync(viewer, second.Id, version, choice, Ct);

        Assert.Equal(StoreFailureKind.Conflict, upToDate.Failure?.Kind);
        Assert.Contains("already based on the newest revision 1", upToDate.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(StoreFailureKind.Invalid, missing.Failure?.Kind);
        Assert.Equal($"choices[{OfficeSshKey}]", Assert.Single(missing.Failure!.Errors).Path);
        Assert.Equal(StoreFailureKind.Conflict, stale.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, byViewer.Failure?.Kind);
        var draft = (await Store.GetDraftAsync(second.DraftId, Ct)).Value;
        Assert.Equal((version, (int?)1), (draft.Info.Version, draft.Info.BaseRevision));
        Assert.Empty(await TrailAsync(team, "request.rebased"));
    }

    [Fact]
    public async Task APreviewOfAMergedRequestIsAConflict()
    {
        var team = await CreateAsync(database);
        var request = await team.ApprovedAsync("admin console", Https8443);
        Assert.True((await Reviews.MergeAsync(team.Author, request.Id, null, ct: Ct)).IsOk);

        var preview = await Reviews.PreviewMergeAsync(request.Id, Ct);

        Assert.Equal(StoreFailureKind.Conflict, preview.Failure?.Kind);
        Assert.Equal(StoreFailureKind.NotFound, (await Reviews.PreviewMergeAsync(Guid.NewGuid(), Ct)).Failure?.Kind);
    }
}

public sealed class ReviewStoreMergeTestsOnSqlite(SqliteDatabase database) : ReviewStoreMergeTests(database), IClassFixture<SqliteDatabase>;

public sealed class ReviewStoreMergeTestsOnPostgres(PostgresDatabase database) : ReviewStoreMergeTests(database), IClassFixture<PostgresDatabase>;
