using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Accounts;

public abstract class AccessTokenStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AccessTokenStore Tokens => database.Get<AccessTokenStore>();

    [Fact]
    public async Task ATokenIsShownOnceStoredOnlyAsAHashAndVerifiesToItsGrant()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var ci = await TestUsers.CreateAsync(database, "ci");
        await TestUsers.JoinAsync(database, policy, ci, PolicyRole.Editor);

        var created = (await Tokens.CreateAsync(ci, "nightly import", TokenScope.Write, policy, DateTime.UtcNow.AddDays(30), Ct)).Value;
        var grant = await Tokens.VerifyAsync(created.Token, Ct);

        Assert.Equal(new TokenGrant(created.Info.Id, ci.UserId!.Value, TokenScope.Write, policy, created.Info.ExpiresAt), grant.Value);
        Assert.StartsWith(created.Info.Prefix, created.Token, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var row = await db.PersonalAccessTokens.AsNoTracking().SingleAsync(t => t.Id == created.Info.Id, Ct);
        Assert.NotEqual(created.Token, row.TokenHash);
        Assert.DoesNotContain(created.Token[created.Info.Prefix.Length..], row.TokenHash + row.Prefix + row.Name, StringComparison.Ordinal);
        Assert.NotNull(row.LastUsedAt);
        Assert.True(await database.Get<PolicyAccess>().MayAsync(ci.UserId!.Value, PolicyAction.Edit, policy, grant.Value, Ct));
    }

    [Fact]
    public async Task ARevokedExpiredOrUnknownTokenGrantsNothing()
    {
        var user = await TestUsers.CreateAsync(database, "ci");
        var created = (await Tokens.CreateAsync(user, "deploy", TokenScope.Read, ct: Ct)).Value;
        var expiring = (await Tokens.CreateAsync(user, "short", TokenScope.Read, null, DateTime.UtcNow.AddMinutes(5), Ct)).Value;
        await using (var db = database.CreateContext())
            await db.PersonalAccessTokens.Where(t => t.Id == expiring.Info.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct);

        Assert.True((await Tokens.VerifyAsync(created.Token, Ct)).IsOk);
        var revoked = await Tokens.RevokeAsync(user, created.Info.Id, Ct);

        Assert.NotNull(revoked.Value.RevokedAt);
        Assert.Contains("revoked", (await Tokens.VerifyAsync(created.Token, Ct)).Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("expired", (await Tokens.VerifyAsync(expiring.Token, Ct)).Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(StoreFailureKind.Forbidden, (await Tokens.VerifyAsync(created.Token[..^2] + "xx", Ct)).Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, (await Tokens.VerifyAsync("", Ct)).Failure?.Kind);
    }

    [Fact]
    public async Task ALockedOutOwnersTokenStillVerifiesBecauseLockoutGuardsThePasswordOnly()
    {
        var user = await TestUsers.CreateAsync(database, "ci");
        var created = (await Tokens.CreateAsync(user, "deploy", TokenScope.Write, ct: Ct)).Value;
        await using (var db = database.CreateContext())
            await db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15)), Ct);

        var grant = await Tokens.VerifyAsync(created.Token, Ct);

        Assert.True(grant.IsOk, grant.ToString());
    }

    [Fact]
    public async Task OnlyTheOwnerOrAnAdministratorRevokesAToken()
    {
        var owner = await TestUsers.CreateAsync(database, "owner");
        var other = await TestUsers.CreateAsync(database, "other");
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);
        var created = (await Tokens.CreateAsync(owner, "deploy", TokenScope.Write, ct: Ct)).Value;

        var byOther = await Tokens.RevokeAsync(other, created.Info.Id, Ct);
        var stillValid = await Tokens.VerifyAsync(created.Token, Ct);
        var byAdmin = await Tokens.RevokeAsync(admin, created.Info.Id, Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byOther.Failure?.Kind);
        Assert.True(stillValid.IsOk);
        Assert.True(byAdmin.IsOk);
        Assert.False((await Tokens.VerifyAsync(created.Token, Ct)).IsOk);
        Assert.Single(await Tokens.ListAsync(owner.UserId!.Value, Ct), t => t.RevokedAt is not null);
    }

    [Fact]
    public async Task ATokenForAPolicyNeedsAccessToThatPolicyAndANameAndAFutureExpiry()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var user = await TestUsers.CreateAsync(database, "stranger");

        Assert.Equal(StoreFailureKind.Forbidden, (await Tokens.CreateAsync(user, "x", TokenScope.Read, policy, null, Ct)).Failure?.Kind);
        Assert.Equal("name", Assert.Single((await Tokens.CreateAsync(user, " ", TokenScope.Read, null, null, Ct)).Failure!.Errors).Path);
        Assert.Equal("expiresAt", Assert.Single((await Tokens.CreateAsync(user, "x", TokenScope.Read, null, DateTime.UtcNow.AddDays(-1), Ct)).Failure!.Errors).Path);
        Assert.Empty(await Tokens.ListAsync(user.UserId!.Value, Ct));
    }
}

public sealed class AccessTokenStoreTestsOnSqlite(SqliteDatabase database) : AccessTokenStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class AccessTokenStoreTestsOnPostgres(PostgresDatabase database) : AccessTokenStoreTests(database), IClassFixture<PostgresDatabase>;
