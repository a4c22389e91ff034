using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Audit;

public abstract class AuditTrailTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AuditLog Log => database.Get<AuditLog>();

    [Fact]
    public async Task TheDatabaseRefusesToUpdateOrDeleteAuditEntries()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        await using var db = database.CreateContext();
        var entries = db.AuditEntries.Where(a => a.PolicyId == policy);

        await Assert.ThrowsAnyAsync<Exception>(() => entries.ExecuteUpdateAsync(u => u.SetProperty(a => a.Actor, "mallory"), Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => entries.ExecuteDeleteAsync(Ct));
        var tracked = await entries.FirstAsync(Ct);
        tracked.Details = "rewritten";
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        await using var fresh = database.CreateContext();
        var kept = await fresh.AuditEntries.AsNoTracking().SingleAsync(a => a.PolicyId == policy, Ct);
        Assert.Equal(("alice", "policy.created"), (kept.Actor, kept.Action));
        Assert.NotEqual("rewritten", kept.Details);
    }

    [Fact]
    public async Task DeletingAPolicyKeepsItsAuditTrailAndRecordsTheDeletion()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);

        Assert.True((await database.Store.DeletePolicyAsync(policy, admin, ct: Ct)).IsOk);

        var trail = await Log.QueryAsync(new AuditFilter(PolicyId: policy), Ct);
        Assert.Equal(["policy.created", "policy.deleted"], trail.Select(a => a.Action));
        Assert.Equal((admin.UserId, "192.0.2.10"), (trail[1].ActorUserId, trail[1].RemoteAddress));
    }

    [Fact]
    public async Task TheTrailIsFilteredByPolicyActorActionAndTime()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var alice = await TestUsers.CreateAsync(database, "alice");
        var bob = await TestUsers.CreateAsync(database, "bob");
        var first = await Log.AppendAsync(alice, "user.signed-in", "user", alice.UserId.ToString(), null, ct: Ct);
        var second = await Log.AppendAsync(bob, "request.commented", "change-request", "r1", "nice", policy, Ct);
        var third = await Log.AppendAsync(alice, "request.approved", "change-request", "r1", null, policy, Ct);

        Assert.Equal(["request.approved"], (await Log.QueryAsync(new AuditFilter(PolicyId: policy, ActorUserId: alice.UserId), Ct)).Select(a => a.Action));
        Assert.Equal(["request.commented", "request.approved"], (await Log.QueryAsync(new AuditFilter(PolicyId: policy, Action: "request."), Ct)).Select(a => a.Action));
        Assert.Equal(["user.signed-in"], (await Log.QueryAsync(new AuditFilter(ActorUserId: alice.UserId, Action: "user.signed-in"), Ct)).Select(a => a.Action));
        Assert.Equal(["request.commented"], (await Log.QueryAsync(new AuditFilter(From: second.At, To: third.At, Action: "request."), Ct))
            .Where(a => a.At >= first.At).Select(a => a.Action));
        Assert.Equal([third.At], (await Log.QueryAsync(new AuditFilter(PolicyId: policy, Limit: 1), Ct)).Select(a => a.At));
    }

    [Fact]
    public async Task TheExportIsCsvOfTheFilteredEntries()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var bob = await TestUsers.CreateAsync(database, "Bob, \"the reviewer\"");
        await Log.AppendAsync(bob, "request.commented", "change-request", "r1", "line one\nline two", policy, Ct);
        using var writer = new StringWriter();

        await Log.ExportCsvAsync(new AuditFilter(PolicyId: policy), writer, Ct);

        var rows = CsvReader.Parse(writer.ToString());
        Assert.Equal(AuditCsv.Header, rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["alice", "policy.created"], [rows[1][1], rows[1][3]]);
        Assert.Equal(["Bob, \"the reviewer\"", bob.UserId.ToString(), "request.commented", "change-request", "r1", policy.ToString(), "192.0.2.10", "line one\nline two"],
            rows[2].Skip(1));
        Assert.EndsWith("Z", rows[2][0], StringComparison.Ordinal);
    }
}

public sealed class AuditTrailTestsOnSqlite(SqliteDatabase database) : AuditTrailTests(database), IClassFixture<SqliteDatabase>;

public sealed class AuditTrailTestsOnPostgres(PostgresDatabase database) : AuditTrailTests(database), IClassFixture<PostgresDatabase>;
