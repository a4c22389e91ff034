using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Accounts;

/// <summary>A token's "last used" is written at most once a minute, so a busy pipeline does not write on every call.</summary>
public abstract class TokenLastUsedTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AccessTokenStore Tokens => database.Get<AccessTokenStore>();

    private async Task<DateTime?> LastUsedAsync(Guid tokenId)
    {
        await using var db = database.CreateContext();
        return await db.PersonalAccessTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedAt).SingleAsync(Ct);
    }

    [Fact]
    public async Task Calls_within_a_minute_write_last_used_once_and_a_later_call_writes_it_again()
    {
        var ci = await TestUsers.CreateAsync(database, "ci");
        var created = (await Tokens.CreateAsync(ci, "busy pipeline", TokenScope.Read, ct: Ct)).Value;

        Assert.True((await Tokens.VerifyAsync(created.Token, Ct)).IsOk);
        var first = await LastUsedAsync(created.Info.Id);
        for (var i = 0; i < 5; i++)
            Assert.True((await Tokens.VerifyAsync(created.Token, Ct)).IsOk);
        var within = await LastUsedAsync(created.Info.Id);
        await using (var db = database.CreateContext())
        {
            var earlier = first!.Value.AddMinutes(-2);
            await db.PersonalAccessTokens.Where(t => t.Id == created.Info.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, earlier), Ct);
        }
        Assert.True((await Tokens.VerifyAsync(created.Token, Ct)).IsOk);
        var later = await LastUsedAsync(created.Info.Id);

        Assert.NotNull(first);
        Assert.Equal(first, within);
        Assert.True(later > first!.Value.AddMinutes(-2), $"{later} was not written again");
    }
}

public sealed class TokenLastUsedTestsOnSqlite(SqliteDatabase database) : TokenLastUsedTests(database), IClassFixture<SqliteDatabase>;

public sealed class TokenLastUsedTestsOnPostgres(PostgresDatabase database) : TokenLastUsedTests(database), IClassFixture<PostgresDatabase>;
