using SgDesigner.Data.Audit;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

public abstract class RevisionTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PolicyStore Store => database.Store;

    private static readonly Rule Metrics =
        new("sgr-metrics00000001", Direction.Inbound, IpProtocol.Tcp, 9100, 9100, new GroupPeer(DemoEstate.Web), "node exporter");

    private async Task<PolicySummary> NewPolicyAsync() =>
        (await Store.CreatePolicyAsync($"policy {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value;

    [Fact]
    public async Task PublishingNumbersRevisionsOneAfterAnother()
    {
        var policy = await NewPolicyAsync();

        for (var i = 0; i < 2; i++)
        {
            var draft = (await Store.CreateDraftAsync(policy.Id, null, $"change {i}", "bob", Ct)).Value;
            var published = await Store.PublishDraftAsync(draft.Id, $"publish {i}", "bob", draft.Version, Ct);
            Assert.True(published.IsOk, published.ToString());
        }
        var revisions = (await Store.ListRevisionsAsync(policy.Id, Ct)).Value;
        var summary = (await Store.GetPolicyAsync(policy.Id, Ct)).Value;

        Assert.Equal([3, 2, 1], revisions.Select(r => r.Number));
        Assert.Equal([2, 1, null], revisions.Select(r => r.ParentNumber));
        Assert.Equal((3, 3, 0), (summary.RevisionCount, summary.LatestRevision, summary.OpenDrafts));
    }

    [Fact]
    public async Task APublishedRevisionNeverChangesAfterLaterDraftsAndPublishes()
    {
        var policy = await NewPolicyAsync();
        var before = EstateText.Describe((await Store.GetRevisionAsync(policy.Id, 1, Ct)).Value.Estate);

        var draft = (await Store.CreateDraftAsync(policy.Id, 1, "metrics", "bob", Ct)).Value;
        var edited = (await Store.UpsertRuleAsync(draft.Id, draft.Version, DemoEstate.App, Metrics, AuditActor.Named("test"), Ct)).Value;
        var deleted = (await Store.DeleteRuleAsync(draft.Id, edited.Version, "sgr-0a1b0000000000041", AuditActor.Named("test"), Ct)).Value;
        await Store.PublishDraftAsync(draft.Id, "metrics and no office SSH", "bob", deleted.Version, Ct);
        var next = (await Store.CreateDraftAsync(policy.Id, 2, "more", "carol", Ct)).Value;
        Assert.True((await Store.DeleteNetworkInterfaceAsync(next.Id, next.Version, "eni-0ba000000000ba571", AuditActor.Named("test"), Ct)).IsOk);

        var revision1 = (await Store.GetRevisionAsync(policy.Id, 1, Ct)).Value;
        var revision2 = (await Store.GetRevisionAsync(policy.Id, 2, Ct)).Value;
        Assert.Equal(before, EstateText.Describe(revision1.Estate));
        Assert.Contains(revision1.Estate.NetworkInterfaces, n => n.Id == "eni-0ba000000000ba571");
        Assert.Contains(revision2.Estate.FindGroup(DemoEstate.App)!.Rules, r => r.Id == Metrics.Id);
        Assert.DoesNotContain(revision1.Estate.FindGroup(DemoEstate.App)!.Rules, r => r.Id == Metrics.Id);
    }

    [Fact]
    public async Task RulesKeepTheirIdsAcrossRevisionsSoRevisionsDiffRuleByRule()
    {
        var policy = await NewPolicyAsync();
        var draft = (await Store.CreateDraftAsync(policy.Id, null, "widen", "bob", Ct)).Value;
        var widened = DemoEstate.Build().FindGroup(DemoEstate.Db)!.Rules.First(r => r.Id == "sgr-0a1b0000000000031") with { ToPort = 5433 };
        var edited = (await Store.UpsertRuleAsync(draft.Id, draft.Version, DemoEstate.Db, widened, AuditActor.Named("test"), Ct)).Value;
        await Store.PublishDraftAsync(draft.Id, "widen", "bob", edited.Version, Ct);

        var one = (await Store.GetRevisionAsync(policy.Id, 1, Ct)).Value.Estate.Groups.SelectMany(g => g.Rules).ToDictionary(r => r.Id);
        var two = (await Store.GetRevisionAsync(policy.Id, 2, Ct)).Value.Estate.Groups.SelectMany(g => g.Rules).ToDictionary(r => r.Id);

        Assert.Equal(one.Keys.Order(), two.Keys.Order());
        Assert.Equal(["sgr-0a1b0000000000031"], one.Keys.Where(id => one[id] != two[id]));
    }

    [Fact]
    public async Task APublishedDraftCanNoLongerBeEdited()
    {
        var policy = await NewPolicyAsync();
        var draft = (await Store.CreateDraftAsync(policy.Id, null, "once", "bob", Ct)).Value;
        await Store.PublishDraftAsync(draft.Id, "done", "bob", draft.Version, Ct);
        var published = (await Store.GetDraftAsync(draft.Id, Ct)).Value.Info;

        var edit = await Store.UpsertRuleAsync(draft.Id, published.Version, DemoEstate.App, Metrics, AuditActor.Named("test"), Ct);

        Assert.Equal(StoreFailureKind.Conflict, edit.Failure?.Kind);
        Assert.Equal(DraftStatus.Published, published.Status);
        Assert.DoesNotContain((await Store.GetRevisionAsync(policy.Id, 2, Ct)).Value.Estate.FindGroup(DemoEstate.App)!.Rules, r => r.Id == Metrics.Id);
    }

    [Fact]
    public async Task ChangingARevisionsRowsDirectlyIsRefusedBeforeReachingTheDatabase()
    {
        var policy = await NewPolicyAsync();
        await using var db = database.CreateContext();
        var snapshotId = await db.Revisions.Where(r => r.PolicyId == policy.Id && r.Number == 1).Select(r => r.SnapshotId).SingleAsync(Ct);
        var rule = await db.Rules.FirstAsync(r => r.SnapshotId == snapshotId, Ct);

        db.Remove(rule);
        await Assert.ThrowsAsync<SealedSnapshotException>(() => db.SaveChangesAsync(Ct));

        await using var fresh = database.CreateContext();
        Assert.True(await fresh.Rules.AnyAsync(r => r.SnapshotId == snapshotId && r.Id == rule.Id, Ct));
    }

    [Fact]
    public async Task ADraftBasedOnAnOlderRevisionCannotBePublishedOverANewerOne()
    {
        var policy = await NewPolicyAsync();
        var first = (await Store.CreateDraftAsync(policy.Id, null, "first", "bob", Ct)).Value;
        var second = (await Store.CreateDraftAsync(policy.Id, null, "second", "carol", Ct)).Value;
        await Store.PublishDraftAsync(first.Id, "first", "bob", first.Version, Ct);

        var late = await Store.PublishDraftAsync(second.Id, "second", "carol", second.Version, Ct);

        Assert.Equal(StoreFailureKind.Conflict, late.Failure?.Kind);
        Assert.Equal(2, (await Store.GetPolicyAsync(policy.Id, Ct)).Value.LatestRevision);
        Assert.Equal(DraftStatus.Open, (await Store.GetDraftAsync(second.Id, Ct)).Value.Info.Status);
    }

    [Fact]
    public async Task TheAuditTrailRecordsCreationDraftsAndPublishing()
    {
        var policy = await NewPolicyAsync();
        var draft = (await Store.CreateDraftAsync(policy.Id, null, "audited", "bob", Ct)).Value;
        await Store.PublishDraftAsync(draft.Id, "audited", "carol", draft.Version, Ct);

        var trail = (await Store.ListAuditAsync(policy.Id, Ct)).Value;

        Assert.Equal(["policy.created", "draft.created", "draft.published"], trail.Select(a => a.Action));
        Assert.Equal(["alice", "bob", "carol"], trail.Select(a => a.Actor));
    }
}

public sealed class RevisionTestsOnSqlite(SqliteDatabase database) : RevisionTests(database), IClassFixture<SqliteDatabase>;

public sealed class RevisionTestsOnPostgres(PostgresDatabase database) : RevisionTests(database), IClassFixture<PostgresDatabase>;
