using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Idempotency;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Idempotency;

public abstract class IdempotencyStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IdempotencyStore Keys => database.Get<IdempotencyStore>();

    private static IdempotentRequest Request(Guid userId, string key, string hash = "aa", Guid? tokenId = null) =>
        new(userId, tokenId, key, "POST /api/policies/", hash);

    private static IdempotencyRecordRow Row(Guid userId, string key) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, Key = key, Endpoint = "POST /api/policies/", RequestHash = "aa",
        State = IdempotencyState.Pending, CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(1),
    };

    [Fact]
    public async Task The_database_refuses_a_second_record_for_the_same_user_and_key_but_not_for_another_user_or_key()
    {
        var ada = (await TestUsers.CreateAsync(database, "ada")).UserId!.Value;
        var bob = (await TestUsers.CreateAsync(database, "bob")).UserId!.Value;
        await using (var db = database.CreateContext())
        {
            db.IdempotencyRecords.AddRange(Row(ada, "k-1"), Row(bob, "k-1"), Row(ada, "K-1"));
            await db.SaveChangesAsync(Ct);
        }

        await using var again = database.CreateContext();
        again.IdempotencyRecords.Add(Row(ada, "k-1"));
        await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task The_first_request_runs_the_same_one_waits_then_replays_and_another_request_or_credential_is_refused()
    {
        var ada = (await TestUsers.CreateAsync(database, "ada")).UserId!.Value;

        var first = await Keys.BeginAsync(Request(ada, "key"), Ct);
        var whileRunning = await Keys.BeginAsync(Request(ada, "key"), Ct);
        await Keys.CompleteAsync(first.RecordId, new StoredResponse(201, "application/json", "/api/policies/1", null, [1, 2, 3]), Ct);
        var replay = await Keys.BeginAsync(Request(ada, "key"), Ct);
        var other = await Keys.BeginAsync(Request(ada, "key", "bb"), Ct);
        var fromAToken = await Keys.BeginAsync(Request(ada, "key", tokenId: Guid.NewGuid()), Ct);

        Assert.Equal(IdempotencyOutcome.Run, first.Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, whileRunning.Outcome);
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal((201, "/api/policies/1"), (replay.Response!.StatusCode, replay.Response.Location));
        Assert.Equal([1, 2, 3], replay.Response.ProtectedBody);
        Assert.Equal(IdempotencyOutcome.Mismatch, other.Outcome);
        Assert.Equal(IdempotencyOutcome.OtherCredential, fromAToken.Outcome);
    }

    [Fact]
    public async Task An_abandoned_key_runs_again_and_an_expired_one_is_replaced_and_purged()
    {
        var ada = (await TestUsers.CreateAsync(database, "ada")).UserId!.Value;
        var failed = await Keys.BeginAsync(Request(ada, "retry"), Ct);
        await Keys.AbandonAsync(failed.RecordId, Ct);
        Assert.Equal(IdempotencyOutcome.Run, (await Keys.BeginAsync(Request(ada, "retry", "other body"), Ct)).Outcome);

        var old = await Keys.BeginAsync(Request(ada, "old"), Ct);
        await Keys.CompleteAsync(old.RecordId, new StoredResponse(201, null, null, null, [9]), Ct);
        await using (var db = database.CreateContext())
            await db.IdempotencyRecords.Where(r => r.Id == old.RecordId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct);
        var renewed = await Keys.BeginAsync(Request(ada, "old", "a new request"), Ct);

        Assert.Equal(IdempotencyOutcome.Run, renewed.Outcome);
        Assert.NotEqual(old.RecordId, renewed.RecordId);
        await using (var db = database.CreateContext())
            await db.IdempotencyRecords.Where(r => r.Id == renewed.RecordId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct);
        Assert.True(await Keys.PurgeExpiredAsync(DateTime.UtcNow, Ct) >= 1);
        await using var check = database.CreateContext();
        Assert.False(await check.IdempotencyRecords.AnyAsync(r => r.UserId == ada && r.Key == "old", Ct));
    }

    [Fact]
    public async Task Racing_claims_of_one_key_let_exactly_one_run()
    {
        var ada = (await TestUsers.CreateAsync(database, "ada")).UserId!.Value;

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Keys.BeginAsync(Request(ada, "race"), Ct), Ct)));

        Assert.Single(claims, c => c.Outcome == IdempotencyOutcome.Run);
        Assert.All(claims.Where(c => c.Outcome != IdempotencyOutcome.Run), c => Assert.Equal(IdempotencyOutcome.InProgress, c.Outcome));
    }
}

public sealed class IdempotencyStoreTestsOnSqlite(SqliteDatabase database) : IdempotencyStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class IdempotencyStoreTestsOnPostgres(PostgresDatabase database) : IdempotencyStoreTests(database), IClassFixture<PostgresDatabase>;
