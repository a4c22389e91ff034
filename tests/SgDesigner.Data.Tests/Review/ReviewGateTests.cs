using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using static SgDesigner.Data.Tests.Review.ReviewTeam;

namespace SgDesigner.Data.Tests.Review;

/// <summary>
/// An approval counts only from a reviewer who authored no change in the request, whatever path the change took (an
/// edit, a conflict resolution, a clean rebase); and an owner can dismiss anyone's review, with a reason.
/// </summary>
public abstract class ReviewGateTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ReviewStore Reviews => database.Get<ReviewStore>();
    private PolicyStore Store => database.Store;

    private static readonly (string, Rule) Https8443 = (DemoEstate.Web, Inbound("sgr-0e000000000008443", 8443, "10.0.0.0/16", "admin console"));
    private static readonly (string, Rule) Metrics9100 = (DemoEstate.App, Inbound("sgr-0e000000000009100", 9100, "10.0.0.0/24", "metrics"));
    private static readonly (string, Rule) OfficeSsh2222 = (DemoEstate.Bastion, Inbound(OfficeSsh, 2222, "203.0.113.0/24", "SSH on 2222"));
    private static readonly (string, Rule) VpnSsh = (DemoEstate.Bastion, Inbound(OfficeSsh, 22, "198.51.100.0/24", "SSH from the VPN"));
    private static readonly Rule Rdp = Inbound("sgr-0rdp0000000000001", 3389, "0.0.0.0/0", "jump");

    private async Task<ChangeRequestDetails> DetailsAsync(Guid requestId) => (await Reviews.GetAsync(requestId, Ct)).Value;

    private async Task<DraftInfo> AddRdpAsync(Guid draftId, AuditActor who)
    {
        var version = (await Store.GetDraftAsync(draftId, Ct)).Value.Info.Version;
        return (await Store.UpsertRuleAsync(draftId, version, DemoEstate.Web, Rdp, who, Ct)).Value;
    }

    private static void AssertRefusedAsAnAuthor(StoreResult<ReviewInfo> approved, string changed)
    {
        Assert.Equal(StoreFailureKind.Forbidden, approved.Failure?.Kind);
        Assert.Contains($"you authored changes in this request ({changed}", approved.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("an approval must come from a reviewer who changed nothing in it", approved.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewerWhoAddedARuleToSomeoneElsesRequestCannotApproveItButMayAskForChangesAndComment()
    {
        var team = await CreateAsync(database);
        var request = await team.ProposeAsync("admin console", Https8443);
        await AddRdpAsync(request.DraftId, team.Reviewer);

        var approved = await Reviews.ReviewAsync(team.Reviewer, request.Id, ReviewVerdict.Approve, "lgtm", ct: Ct);
        var commented = await Reviews.CommentAsync(team.Reviewer, request.Id, "I added rdp for the jump host", null, null, Ct);
        var changes = await Reviews.ReviewAsync(team.Reviewer, request.Id, ReviewVerdict.RequestChanges, "narrow my own rule", ct: Ct);

        AssertRefusedAsAnAuthor(approved, $"rule {Rdp.Id} of {DemoEstate.Web}");
        Assert.True(commented.IsOk);
        Assert.True(changes.IsOk);
        var details = await DetailsAsync(request.Id);
        Assert.DoesNotContain(details.Reviews, r => r.Verdict == ReviewVerdict.Approve);
        var merge = await Reviews.MergeAsync(team.Author, request.Id, null, ct: Ct);
        Assert.Equal(StoreFailureKind.Conflict, merge.Failure?.Kind);
        Assert.Equal(1, (await Store.GetPolicyAsync(team.Policy, Ct)).Value.LatestRevision);
    }

    [Fact]
    public async Task AnApprovalFromSomeoneWhoAuthoredAChangeNeverCountsEvenWhenNothingDismissedIt()
    {
        var team = await CreateAsync(database);
        var request = await team.ApprovedAsync("admin console", Https8443);
        var edited = await AddRdpAsync(request.DraftId, team.Reviewer);
        // A path that forgot to dismiss: the reviewer's approval stands, at the draft's current version.
        await using (var db = database.CreateContext())
            await db.Reviews.Where(r => r.ChangeRequestId == request.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Dismissed, false).SetProperty(r => r.DismissedAt, (DateTime?)null)
                .SetProperty(r => r.DraftVersion, edited.Version), Ct);

        var details = await DetailsAsync(request.Id);
        var merge = await Reviews.MergeAsync(team.Author, request.Id, null, ct: Ct);

        Assert.False(Assert.Single(details.Reviews).Dismissed);
        Assert.Equal((0, false), (details.Approvals.Approvals, details.Approvals.CanMerge));
        Assert.Equal(ChangeRequestStatus.Open, details.Info.Status);
        Assert.Equal(StoreFailureKind.Conflict, merge.Failure?.Kind);
        Assert.Contains("0 of the 1", merge.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewerWhoResolvedTheConflictsCannotApproveTheRebasedRequestAnotherReviewerCan()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("SSH on 2222", OfficeSsh2222);
        var stale = await team.ProposeAsync("SSH from the VPN", VpnSsh);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var preview = (await Reviews.PreviewMergeAsync(stale.Id, Ct)).Value;

        var resolved = await Reviews.ResolveConflictsAsync(team.Reviewer, stale.Id, preview.DraftVersion,
            new Dictionary<string, MergeSide> { [OfficeSshKey] = MergeSide.Ours }, Ct);
        var byResolver = await Reviews.ReviewAsync(team.Reviewer, stale.Id, ReviewVerdict.Approve, null, ct: Ct);
        var byOwner = await Reviews.ReviewAsync(team.Owner, stale.Id, ReviewVerdict.Approve, null, ct: Ct);

        Assert.True(resolved.IsOk, resolved.ToString());
        AssertRefusedAsAnAuthor(byResolver, "");
        Assert.True(byOwner.IsOk);
        Assert.True((await Reviews.MergeAsync(team.Author, stale.Id, null, ct: Ct)).IsOk);
    }

    [Fact]
    public async Task AReviewerWhoRebasedTheDraftCleanlyCannotApproveIt()
    {
        var team = await CreateAsync(database);
        var first = await team.ApprovedAsync("admin console", Https8443);
        var stale = await team.ProposeAsync("metrics", Metrics9100);
        Assert.True((await Reviews.MergeAsync(team.Author, first.Id, null, ct: Ct)).IsOk);
        var preview = (await Reviews.PreviewMergeAsync(stale.Id, Ct)).Value;
        Assert.Equal((false, true), (preview.UpToDate, preview.IsClean));

        var rebased = await Reviews.ResolveConflictsAsync(team.Reviewer, stale.Id, preview.DraftVersion, new Dictionary<string, MergeSide>(), Ct);
        var approved = await Reviews.ReviewAsync(team.Reviewer, stale.Id, ReviewVerdict.Approve, null, ct: Ct);

        Assert.True(rebased.IsOk, rebased.ToString());
        AssertRefusedAsAnAuthor(approved, "");
    }

    [Fact]
    public async Task TheAuthorsOfEachObjectAreReadInOneCallInTheOrderOfTheirFirstChange()
    {
        var team = await CreateAsync(database);
        var request = await team.ProposeAsync("admin console", Https8443);
        await AddRdpAsync(request.DraftId, team.Reviewer);
        var https = Inbound(Https8443.Item2.Id, 8443, "10.0.0.0/24", "narrower");
        var version = (await Store.GetDraftAsync(request.DraftId, Ct)).Value.Info.Version;
        await Store.UpsertRuleAsync(request.DraftId, version, DemoEstate.Web, https, team.Reviewer, Ct);

        var authors = await Reviews.AuthorsAsync(request.DraftId, Ct);

        Assert.Equal([("rule", Https8443.Item2.Id, DemoEstate.Web), ("rule", Rdp.Id, DemoEstate.Web)],
            authors.Select(a => (a.ObjectKind, a.ObjectId, a.GroupId)));
        Assert.Equal(["author", "reviewer"], authors[0].Authors.Select(a => a.Name));
        Assert.Equal([team.Reviewer.UserId], authors[1].Authors.Select(a => a.UserId));
        Assert.Equal(authors.Select(a => a.ObjectId), (await DetailsAsync(request.Id)).Authorship.Select(a => a.ObjectId));
    }

    [Fact]
    public async Task AnOwnerDismissesARequestForChangesWithAReasonAndItStopsBlocking()
    {
        var team = await CreateAsync(database);
        var request = await team.ApprovedAsync("admin console", Https8443);
        var leaver = await TestUsers.CreateAsync(database, "Lea Leaver");
        await TestUsers.JoinAsync(database, team.Policy, leaver, PolicyRole.Reviewer);
        var blocking = (await Reviews.ReviewAsync(leaver, request.Id, ReviewVerdict.RequestChanges, "not before the audit", ct: Ct)).Value;
        Assert.Equal(ChangeRequestStatus.ChangesRequested, (await DetailsAsync(request.Id)).Info.Status);

        var dismissed = await Reviews.DismissReviewAsync(team.Owner, request.Id, blocking.Id, "  the audit is done; Lea has left  ", Ct);

        Assert.True(dismissed.IsOk, dismissed.ToString());
        Assert.Equal(("the audit is done; Lea has left", "owner"), (dismissed.Value.DismissedReason, dismissed.Value.DismissedBy));
        var details = await DetailsAsync(request.Id);
        Assert.Equal(ChangeRequestStatus.Approved, details.Info.Status);
        Assert.Empty(details.Approvals.Blocking);
        var shown = details.Reviews.Single(r => r.Id == blocking.Id);
        Assert.Equal((true, "owner", "the audit is done; Lea has left"), (shown.Dismissed, shown.DismissedBy, shown.DismissedReason));
        Assert.Null(details.Reviews.Single(r => r.Id != blocking.Id).DismissedBy);
        var audit = Assert.Single(await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: team.Policy, Action: "request.review-dismissed"), Ct));
        Assert.Equal((team.Owner.UserId, "review", blocking.Id.ToString()), (audit.ActorUserId, audit.TargetKind, audit.TargetId));
        Assert.Equal("#1: Lea Leaver's request for changes at draft version 2 dismissed: the audit is done; Lea has left", audit.Details);
        Assert.True((await Reviews.MergeAsync(team.Author, request.Id, null, ct: Ct)).IsOk);
    }

    [Fact]
    public async Task ADismissedApprovalStopsCounting()
    {
        var team = await CreateAsync(database);
        var request = await team.ApprovedAsync("admin console", Https8443);
        var approval = Assert.Single((await DetailsAsync(request.Id)).Reviews);

        Assert.True((await Reviews.DismissReviewAsync(team.Owner, request.Id, approval.Id, "approved without reading the impact", Ct)).IsOk);

        var details = await DetailsAsync(request.Id);
        Assert.Equal((ChangeRequestStatus.Open, 0), (details.Info.Status, details.Approvals.Approvals));
        Assert.Equal(StoreFailureKind.Conflict, (await Reviews.MergeAsync(team.Author, request.Id, null, ct: Ct)).Failure?.Kind);
    }

    [Fact]
    public async Task OnlyAnOwnerDismissesAnOpenRequestsReviewOnceWithAReasonOfAtMost500Characters()
    {
        var team = await CreateAsync(database);
        var request = await team.ApprovedAsync("admin console", Https8443);
        var approval = Assert.Single((await DetailsAsync(request.Id)).Reviews);
        var other = await team.ProposeAsync("metrics", Metrics9100);

        var byReviewer = await Reviews.DismissReviewAsync(team.Reviewer, request.Id, approval.Id, "mine", Ct);
        var byAuthor = await Reviews.DismissReviewAsync(team.Author, request.Id, approval.Id, "in the way", Ct);
        var blank = await Reviews.DismissReviewAsync(team.Owner, request.Id, approval.Id, "   ", Ct);
        var tooLong = await Reviews.DismissReviewAsync(team.Owner, request.Id, approval.Id, new string('x', 501), Ct);
        var wrongRequest = await Reviews.DismissReviewAsync(team.Owner, other.Id, approval.Id, "elsewhere", Ct);
        var first = await Reviews.DismissReviewAsync(team.Owner, request.Id, approval.Id, new string('x', 500), Ct);
        var again = await Reviews.DismissReviewAsync(team.Owner, request.Id, approval.Id, "again", Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byReviewer.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, byAuthor.Failure?.Kind);
        Assert.Equal("reason", Assert.Single(blank.Failure!.Errors).Path);
        Assert.Equal("reason", Assert.Single(tooLong.Failure!.Errors).Path);
        Assert.Equal(StoreFailureKind.NotFound, wrongRequest.Failure?.Kind);
        Assert.True(first.IsOk);
        Assert.Equal(StoreFailureKind.Conflict, again.Failure?.Kind);
        Assert.Single(await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: team.Policy, Action: "request.review-dismissed"), Ct));
    }
}

public sealed class ReviewGateTestsOnSqlite(SqliteDatabase database) : ReviewGateTests(database), IClassFixture<SqliteDatabase>;

public sealed class ReviewGateTestsOnPostgres(PostgresDatabase database) : ReviewGateTests(database), IClassFixture<PostgresDatabase>;
