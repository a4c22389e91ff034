using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Review;

public abstract class ReviewStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ReviewStore Reviews => database.Get<ReviewStore>();
    private PolicyStore Store => database.Store;

    private sealed record Setup(Guid Policy, DraftInfo Draft, ChangeRequestInfo Request, AuditActor Author, AuditActor Reviewer, AuditActor Owner);

    // A policy with an editor (the author), a reviewer and an owner, and a change request for a fresh draft.
    private async Task<Setup> OpenRequestAsync()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var draft = (await Store.CreateDraftAsync(team.Policy, null, "open https", team.Author.Name, Ct)).Value;
        var request = (await Reviews.OpenAsync(team.Author, draft.Id, "Open HTTPS to the web tier", "for the launch", Ct)).Value;
        return new Setup(team.Policy, draft, request, team.Author, team.Reviewer, team.Owner);
    }

    private async Task<DraftInfo> EditAsync(Guid draftId, int port)
    {
        var draft = (await Store.GetDraftAsync(draftId, Ct)).Value;
        var rule = new Rule($"sgr-0e{port:D15}", Direction.Inbound, IpProtocol.Tcp, port, port, new CidrPeer(Cidr.AnyV4), null);
        return (await Store.UpsertRuleAsync(draftId, draft.Info.Version, DemoEstate.Web, rule, AuditActor.Named("test editor"), Ct)).Value;
    }

    private async Task<ChangeRequestDetails> DetailsAsync(Guid requestId) => (await Reviews.GetAsync(requestId, Ct)).Value;

    [Fact]
    public async Task TheAuthorCannotApproveTheirOwnRequest()
    {
        var s = await OpenRequestAsync();

        var approved = await Reviews.ReviewAsync(s.Author, s.Request.Id, ReviewVerdict.Approve, "lgtm", ct: Ct);

        Assert.Equal(StoreFailureKind.Forbidden, approved.Failure?.Kind);
        Assert.Contains("your own change request", approved.Failure!.Message, StringComparison.Ordinal);
        var details = await DetailsAsync(s.Request.Id);
        Assert.Empty(details.Reviews);
        Assert.Equal(ChangeRequestStatus.Open, details.Info.Status);
    }

    [Fact]
    public async Task AnOwnerWhoAuthoredARequestCannotApproveItEither()
    {
        var s = await OpenRequestAsync();
        var draft = (await Store.CreateDraftAsync(s.Policy, null, "owner's change", s.Owner.Name, Ct)).Value;
        var own = (await Reviews.OpenAsync(s.Owner, draft.Id, "Owner's change", null, Ct)).Value;

        var approved = await Reviews.ReviewAsync(s.Owner, own.Id, ReviewVerdict.Approve, null, ct: Ct);

        Assert.Equal(StoreFailureKind.Forbidden, approved.Failure?.Kind);
    }

    [Fact]
    public async Task OnlyReviewersAndOwnersReview()
    {
        var s = await OpenRequestAsync();
        var editor = await TestUsers.CreateAsync(database, "another editor");
        await TestUsers.JoinAsync(database, s.Policy, editor, PolicyRole.Editor);

        var byEditor = await Reviews.ReviewAsync(editor, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);
        var byOwner = await Reviews.ReviewAsync(s.Owner, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byEditor.Failure?.Kind);
        Assert.Contains("reviewer", byEditor.Failure!.Message, StringComparison.Ordinal);
        Assert.True(byOwner.IsOk);
        Assert.Equal(ChangeRequestStatus.Approved, (await DetailsAsync(s.Request.Id)).Info.Status);
    }

    [Fact]
    public async Task AnEditAfterAnApprovalDismissesIt()
    {
        var s = await OpenRequestAsync();
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, "ok", ct: Ct);
        Assert.True((await DetailsAsync(s.Request.Id)).Approvals.CanMerge);

        await EditAsync(s.Draft.Id, 8443);

        var details = await DetailsAsync(s.Request.Id);
        var review = Assert.Single(details.Reviews);
        Assert.True(review.Dismissed);
        Assert.Equal(ReviewApprovals.EditedReason, review.DismissedReason);
        Assert.NotNull(review.DismissedAt);
        Assert.Equal(0, details.Approvals.Approvals);
        Assert.False(details.Approvals.CanMerge);
        Assert.Equal(ChangeRequestStatus.Open, details.Info.Status);
        Assert.Equal(StoreFailureKind.Conflict, (await Reviews.MergeAsync(s.Author, s.Request.Id, null, ct: Ct)).Failure?.Kind);

        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, "still ok", ct: Ct);
        Assert.Equal(ChangeRequestStatus.Approved, (await DetailsAsync(s.Request.Id)).Info.Status);
    }

    [Fact]
    public async Task AnApprovalDismissedByAnEditDoesNotBringBackTheRequestForChangesItAnswered()
    {
        var s = await OpenRequestAsync();
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.RequestChanges, "narrow it", ct: Ct);
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, "narrowed: ok", ct: Ct);

        await EditAsync(s.Draft.Id, 8443);

        var details = await DetailsAsync(s.Request.Id);
        Assert.Empty(details.Approvals.Blocking);
        Assert.Equal(0, details.Approvals.Approvals);
        Assert.Equal(ChangeRequestStatus.Open, details.Info.Status);
    }

    [Fact]
    public async Task AnApprovalOfAnOlderDraftVersionNeverCountsEvenIfNotMarkedDismissed()
    {
        var s = await OpenRequestAsync();
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);

        // A write that goes around the store's edit path still moves the version, and the approval is for the old one.
        await using (var db = database.CreateContext())
            await db.Drafts.Where(d => d.Id == s.Draft.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Version, d => d.Version + 1), Ct);

        var details = await DetailsAsync(s.Request.Id);
        Assert.False(Assert.Single(details.Reviews).Dismissed);
        Assert.Equal(0, details.Approvals.Approvals);
        Assert.Equal(ChangeRequestStatus.Open, details.Info.Status);
        Assert.Equal(StoreFailureKind.Conflict, (await Reviews.MergeAsync(s.Author, s.Request.Id, null, ct: Ct)).Failure?.Kind);
    }

    [Fact]
    public async Task TheRequiredNumberOfApprovalsIsAPolicySetting()
    {
        var s = await OpenRequestAsync();
        var second = await TestUsers.CreateAsync(database, "second reviewer");
        await TestUsers.JoinAsync(database, s.Policy, second, PolicyRole.Reviewer);
        Assert.Equal(StoreFailureKind.Forbidden, (await Reviews.SetRequiredApprovalsAsync(s.Reviewer, s.Policy, 2, ct: Ct)).Failure?.Kind);
        Assert.Equal(StoreFailureKind.Invalid, (await Reviews.SetRequiredApprovalsAsync(s.Owner, s.Policy, 0, ct: Ct)).Failure?.Kind);
        Assert.True((await Reviews.SetRequiredApprovalsAsync(s.Owner, s.Policy, 2, ct: Ct)).IsOk);

        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);
        var one = await DetailsAsync(s.Request.Id);
        var early = await Reviews.MergeAsync(s.Author, s.Request.Id, null, ct: Ct);
        await Reviews.ReviewAsync(second, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);
        var two = await DetailsAsync(s.Request.Id);
        var merged = await Reviews.MergeAsync(s.Author, s.Request.Id, null, ct: Ct);

        Assert.Equal((1, 2, ChangeRequestStatus.Open), (one.Approvals.Approvals, one.Approvals.Required, one.Info.Status));
        Assert.Equal(StoreFailureKind.Conflict, early.Failure?.Kind);
        Assert.Contains("1 of the 2", early.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeRequestStatus.Approved, two.Info.Status);
        Assert.Equal(ChangeRequestStatus.Merged, merged.Value.Status);
        Assert.Equal(2, merged.Value.MergedRevision);
        var revision = (await Store.GetRevisionAsync(s.Policy, null, Ct)).Value.Info;
        Assert.Equal((2, s.Draft.Id), (revision.Number, revision.SourceDraftId));
        Assert.Equal(DraftStatus.Published, (await Store.GetDraftAsync(s.Draft.Id, Ct)).Value.Info.Status);
    }

    [Fact]
    public async Task TheDefaultIsOneApprovalAndTheDatabaseRefusesZero()
    {
        var s = await OpenRequestAsync();
        await using var db = database.CreateContext();

        Assert.Equal(1, await db.Policies.Where(p => p.Id == s.Policy).Select(p => p.RequiredApprovals).SingleAsync(Ct));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Policies.Where(p => p.Id == s.Policy).ExecuteUpdateAsync(u => u.SetProperty(p => p.RequiredApprovals, 0), Ct));
    }

    [Fact]
    public async Task ARequestForChangesBlocksTheMergeUntilThatReviewerApproves()
    {
        var s = await OpenRequestAsync();
        var second = await TestUsers.CreateAsync(database, "second reviewer");
        await TestUsers.JoinAsync(database, s.Policy, second, PolicyRole.Reviewer);
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);
        await Reviews.ReviewAsync(second, s.Request.Id, ReviewVerdict.RequestChanges, "port 8443 too", ct: Ct);

        var blocked = await DetailsAsync(s.Request.Id);
        var refused = await Reviews.MergeAsync(s.Author, s.Request.Id, null, ct: Ct);
        await Reviews.ReviewAsync(second, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);
        var unblocked = await DetailsAsync(s.Request.Id);

        Assert.Equal(ChangeRequestStatus.ChangesRequested, blocked.Info.Status);
        Assert.Equal([second.UserId!.Value], blocked.Approvals.Blocking);
        Assert.Equal(StoreFailureKind.Conflict, refused.Failure?.Kind);
        Assert.Equal((2, true), (unblocked.Approvals.Approvals, unblocked.Approvals.CanMerge));
    }

    [Fact]
    public async Task AnApprovalStopsCountingWhenTheReviewerLosesTheRole()
    {
        var s = await OpenRequestAsync();
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);

        var demoted = await database.Get<SgDesigner.Data.Accounts.MembershipStore>()
            .ChangeRoleAsync(s.Owner, s.Policy, s.Reviewer.UserId!.Value, PolicyRole.Viewer, ct: Ct);

        Assert.True(demoted.IsOk);
        Assert.Equal(0, (await DetailsAsync(s.Request.Id)).Approvals.Approvals);
    }

    [Fact]
    public async Task ADraftUnderReviewIsPublishedOnlyByMergingItsRequest()
    {
        var s = await OpenRequestAsync();

        var published = await Store.PublishDraftAsync(s.Draft.Id, "sneak it in", s.Author.Name, null, Ct);

        Assert.Equal(StoreFailureKind.Conflict, published.Failure?.Kind);
        Assert.Contains($"#{s.Request.Number}", published.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Store.GetPolicyAsync(s.Policy, Ct)).Value.LatestRevision);
    }

    [Fact]
    public async Task CommentsOnTheRequestAndOnARuleAreKeptInOrderWithTheirDraftVersion()
    {
        var s = await OpenRequestAsync();
        var edited = await EditAsync(s.Draft.Id, 8443);

        await Reviews.CommentAsync(s.Reviewer, s.Request.Id, "why 8443?", DemoEstate.Web, "sgr-0e000000000008443", Ct);
        await Reviews.CommentAsync(s.Author, s.Request.Id, "the admin console, see \"runbook\"", null, null, Ct);
        var empty = await Reviews.CommentAsync(s.Author, s.Request.Id, "   ", null, null, Ct);
        var outsider = await Reviews.CommentAsync(await TestUsers.CreateAsync(database, "outsider"), s.Request.Id, "hi", null, null, Ct);

        var comments = (await DetailsAsync(s.Request.Id)).Comments;
        Assert.Equal(["why 8443?", "the admin console, see \"runbook\""], comments.Select(c => c.Body));
        Assert.Equal(("sgr-0e000000000008443", DemoEstate.Web, "reviewer"), (comments[0].RuleId, comments[0].GroupId, comments[0].AuthorName));
        Assert.Equal(edited.Version, comments[0].DraftVersion);
        Assert.Equal(StoreFailureKind.Invalid, empty.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, outsider.Failure?.Kind);
    }

    [Fact]
    public async Task ADraftIsProposedOnceAndRequestsAreNumberedPerPolicy()
    {
        var s = await OpenRequestAsync();
        var again = await Reviews.OpenAsync(s.Author, s.Draft.Id, "again", null, Ct);
        var viewer = await TestUsers.CreateAsync(database, "viewer");
        await TestUsers.JoinAsync(database, s.Policy, viewer, PolicyRole.Viewer);
        var otherDraft = (await Store.CreateDraftAsync(s.Policy, null, "second", s.Author.Name, Ct)).Value;
        var byViewer = await Reviews.OpenAsync(viewer, otherDraft.Id, "viewer's", null, Ct);
        var second = await Reviews.OpenAsync(s.Author, otherDraft.Id, "Second change", null, Ct);

        Assert.Equal(StoreFailureKind.Conflict, again.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, byViewer.Failure?.Kind);
        Assert.Equal((1, 2), (s.Request.Number, second.Value.Number));
        Assert.Equal([2, 1], (await Reviews.ListAsync(s.Policy, false, Ct)).Value.Select(r => r.Number));
    }

    [Fact]
    public async Task ClosingOrAbandoningEndsTheReview()
    {
        var s = await OpenRequestAsync();
        var byReviewer = await Reviews.CloseAsync(s.Reviewer, s.Request.Id, Ct);
        var closed = await Reviews.CloseAsync(s.Author, s.Request.Id, Ct);
        var late = await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);

        var draft = (await Store.CreateDraftAsync(s.Policy, null, "to abandon", s.Author.Name, Ct)).Value;
        var request = (await Reviews.OpenAsync(s.Author, draft.Id, "To abandon", null, Ct)).Value;
        await Store.AbandonDraftAsync(draft.Id, draft.Version, s.Author.Name, Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byReviewer.Failure?.Kind);
        Assert.Equal(ChangeRequestStatus.Closed, closed.Value.Status);
        Assert.Equal(StoreFailureKind.Conflict, late.Failure?.Kind);
        Assert.Equal(ChangeRequestStatus.Closed, (await DetailsAsync(request.Id)).Info.Status);
        Assert.Empty((await Reviews.ListAsync(s.Policy, false, Ct)).Value);
    }

    [Fact]
    public async Task EveryStepOfAReviewIsAudited()
    {
        var s = await OpenRequestAsync();
        await Reviews.CommentAsync(s.Reviewer, s.Request.Id, "looks fine", null, null, Ct);
        await Reviews.ReviewAsync(s.Reviewer, s.Request.Id, ReviewVerdict.Approve, null, ct: Ct);
        await Reviews.MergeAsync(s.Author, s.Request.Id, "Open HTTPS", ct: Ct);

        var trail = await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: s.Policy, Action: "request."), Ct);

        Assert.Equal(["request.opened", "request.commented", "request.approved", "request.merged"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal(("change-request", s.Request.Id.ToString(), "192.0.2.10"), (a.TargetKind, a.TargetId, a.RemoteAddress)));
        Assert.Equal(s.Reviewer.UserId, trail[2].ActorUserId);
    }
}

public sealed class ReviewStoreTestsOnSqlite(SqliteDatabase database) : ReviewStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class ReviewStoreTestsOnPostgres(PostgresDatabase database) : ReviewStoreTests(database), IClassFixture<PostgresDatabase>;
