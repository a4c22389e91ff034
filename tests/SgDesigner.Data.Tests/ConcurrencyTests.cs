using SgDesigner.Data.Audit;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

public abstract class ConcurrencyTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PolicyStore Store => database.Store;

    private async Task<DraftInfo> NewDraftAsync()
    {
        var policy = (await Store.CreatePolicyAsync($"policy {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value;
        return (await Store.CreateDraftAsync(policy.Id, null, "shared", "alice", Ct)).Value;
    }

    private static Rule OfficeSsh(int port) => new("sgr-0a1b0000000000041", Direction.Inbound, IpProtocol.Tcp, port, port,
        new CidrPeer(Cidr.Parse("203.0.113.0/24").Value), $"SSH on {port}");

    [Fact]
    public async Task TheSecondOfTwoEditsFromTheSameVersionGetsAConflictAndTheFirstIsKept()
    {
        var draft = await NewDraftAsync();
        var alice = (await Store.GetDraftAsync(draft.Id, Ct)).Value;
        var bob = (await Store.GetDraftAsync(draft.Id, Ct)).Value;

        var first = await Store.UpsertRuleAsync(draft.Id, alice.Info.Version, DemoEstate.Bastion, OfficeSsh(2222), AuditActor.Named("test"), Ct);
        var second = await Store.UpsertRuleAsync(draft.Id, bob.Info.Version, DemoEstate.Bastion, OfficeSsh(2200), AuditActor.Named("test"), Ct);

        Assert.True(first.IsOk, first.ToString());
        Assert.Equal(StoreFailureKind.Conflict, second.Failure?.Kind);
        var stored = (await Store.GetDraftAsync(draft.Id, Ct)).Value;
        Assert.Equal(2222, stored.Estate.FindGroup(DemoEstate.Bastion)!.Rules.Single(r => r.Id == "sgr-0a1b0000000000041").FromPort);
        Assert.Equal(first.Value.Version, stored.Info.Version);
    }

    [Fact]
    public async Task EditsRacingInParallelNeverLoseAnUpdate()
    {
        var draft = await NewDraftAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Store.UpsertRuleAsync(draft.Id, draft.Version, DemoEstate.Bastion, OfficeSsh(2000 + i), AuditActor.Named("test"), Ct), Ct)));

        var winner = Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(StoreFailureKind.Conflict, r.Failure!.Kind));
        var stored = (await Store.GetDraftAsync(draft.Id, Ct)).Value;
        Assert.Equal(winner.Value.Version, stored.Info.Version);
        Assert.Equal(draft.Version + 1, stored.Info.Version);
    }

    [Fact]
    public async Task TwoContextsSavingTheSameDraftRowCannotBothWin()
    {
        var draft = await NewDraftAsync();
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Drafts.SingleAsync(d => d.Id == draft.Id, Ct);
        var b = await second.Drafts.SingleAsync(d => d.Id == draft.Id, Ct);

        a.Title = "renamed by the first";
        a.Version++;
        await first.SaveChangesAsync(Ct);
        b.Title = "renamed by the second";
        b.Version++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        Assert.Equal("renamed by the first", (await Store.GetDraftAsync(draft.Id, Ct)).Value.Info.Title);
    }

    [Fact]
    public async Task AnEditOfAMissingDraftIsNotFound()
    {
        var result = await Store.UpsertRuleAsync(Guid.NewGuid(), 1, DemoEstate.Bastion, OfficeSsh(22), AuditActor.Named("test"), Ct);

        Assert.Equal(StoreFailureKind.NotFound, result.Failure?.Kind);
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteDatabase database) : ConcurrencyTests(database), IClassFixture<SqliteDatabase>;

public sealed class ConcurrencyTestsOnPostgres(PostgresDatabase database) : ConcurrencyTests(database), IClassFixture<PostgresDatabase>;
