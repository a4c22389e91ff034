using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Accounts;

public abstract class AccountStoreTests(TestDatabase database)
{
    private const string Password = "correct horse battery";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // AccountStore is scoped like a request: each call gets its own scope, as the web app would.
    private async Task<T> WithAccountsAsync<T>(Func<AccountStore, Task<T>> call)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<AccountStore>());
    }

    private async Task<(Guid Policy, AuditActor Owner)> PolicyWithOwnerAsync()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var owner = await TestUsers.CreateAsync(database, "owner");
        await TestUsers.JoinAsync(database, policy, owner, PolicyRole.Owner);
        return (policy, owner);
    }

    private static string Email() => $"dana.{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task AnInvitationToAPolicySignsSomeoneUpWithItsRoleOnce()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var email = Email();
        var invitation = (await WithAccountsAsync(a => a.InviteAsync(owner, email, policy, PolicyRole.Reviewer, ct: Ct))).Value;

        var user = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email.ToUpperInvariant(), Password, "Dana", invitation.Token), "198.51.100.7", Ct));
        var reused = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, Password, "Dana again", invitation.Token), null, Ct));

        Assert.False(user.Value.IsAdministrator);
        Assert.Equal(PolicyRole.Reviewer, await database.Get<PolicyAccess>().RoleAsync(user.Value.Id, policy, Ct));
        Assert.Equal(StoreFailureKind.Forbidden, reused.Failure?.Kind);
        var trail = await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: policy, Action: "user."), Ct);
        Assert.Equal(["user.invited", "user.signed-up"], trail.Select(a => a.Action));
        Assert.Equal((user.Value.Id, "198.51.100.7"), (trail[1].ActorUserId!.Value, trail[1].RemoteAddress));
        await using var db = database.CreateContext();
        Assert.NotEqual(invitation.Token, (await db.Invitations.SingleAsync(i => i.Id == invitation.Id, Ct)).TokenHash);
    }

    [Fact]
    public async Task SignUpWithoutAValidInvitationForThatAddressIsRefused()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var invited = Email();
        var invitation = (await WithAccountsAsync(a => a.InviteAsync(owner, invited, policy, PolicyRole.Viewer, ct: Ct))).Value;
        var expired = (await WithAccountsAsync(a => a.InviteAsync(owner, invited, policy, PolicyRole.Viewer, TimeSpan.FromDays(1), Ct))).Value;
        await using (var db = database.CreateContext())
            await db.Invitations.Where(i => i.Id == expired.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddHours(-1)), Ct);

        var none = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(Email(), Password, "Eve", null), null, Ct));
        var otherAddress = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(Email(), Password, "Eve", invitation.Token), null, Ct));
        var tooLate = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(invited, Password, "Dana", expired.Token), null, Ct));

        Assert.Contains("invitation", none.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("another e-mail", otherAddress.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("expired", tooLate.Failure!.Message, StringComparison.Ordinal);
        Assert.All([none, otherAddress, tooLate], r => Assert.Equal(StoreFailureKind.Forbidden, r.Failure?.Kind));
    }

    [Fact]
    public async Task APasswordMustFollowTheRulesAndNothingIsStoredOtherwise()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var email = Email();
        var invitation = (await WithAccountsAsync(a => a.InviteAsync(owner, email, policy, PolicyRole.Editor, ct: Ct))).Value;

        var tooShort = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, "short pw", "Dana", invitation.Token), null, Ct));
        var repetitive = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, "aaaaaaaaaaaaaaaa", "Dana", invitation.Token), null, Ct));
        var accepted = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, Password, "Dana", invitation.Token), null, Ct));

        Assert.Equal("password", Assert.Single(tooShort.Failure!.Errors).Path);
        Assert.Equal("password", Assert.Single(repetitive.Failure!.Errors).Path);
        Assert.True(accepted.IsOk);
    }

    [Fact]
    public async Task ADisplayNameWithAControlCharacterIsRefusedAtItsFieldAndNothingIsStored()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var email = Email();
        var invitation = (await WithAccountsAsync(a => a.InviteAsync(owner, email, policy, PolicyRole.Editor, ct: Ct))).Value;

        var nul = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, Password, "Da\0na", invitation.Token), null, Ct));
        var control = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, Password, "Da\u0001na", invitation.Token), null, Ct));
        var accepted = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, Password, "Dana", invitation.Token), null, Ct));

        var error = Assert.Single(nul.Failure!.Errors);
        Assert.Equal("displayName", error.Path);
        Assert.Contains("U+0000", error.Message, StringComparison.Ordinal);
        Assert.Equal("displayName", Assert.Single(control.Failure!.Errors).Path);
        Assert.True(accepted.IsOk);
    }

    [Fact]
    public async Task AnEMailOverTheLimitIsRefusedAtItsFieldNamingTheLimitAndNothingIsStored()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var longest = new string('d', 256 - "@example.test".Length - 32) + Guid.NewGuid().ToString("N") + "@example.test";
        var tooLong = new string('d', 300 - "@example.test".Length - 32) + Guid.NewGuid().ToString("N") + "@example.test";

        var invited = await WithAccountsAsync(a => a.InviteAsync(owner, tooLong, policy, PolicyRole.Viewer, ct: Ct));
        var signedUp = await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(tooLong, Password, "Dana", null), null, Ct));
        var atTheLimit = await WithAccountsAsync(a => a.InviteAsync(owner, longest, policy, PolicyRole.Viewer, ct: Ct));

        Assert.All([invited.Failure!, signedUp.Failure!], failure =>
        {
            var error = Assert.Single(failure.Errors);
            Assert.Equal(("email", "an e-mail address has at most 256 characters (this one has 300)"), (error.Path, error.Message));
        });
        Assert.True(atTheLimit.IsOk, atTheLimit.ToString());
        await using var db = database.CreateContext();
        Assert.False(await db.Invitations.AnyAsync(i => i.Email == tooLong, Ct));
        Assert.False(await db.Users.AnyAsync(u => u.Email == tooLong, Ct));
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheAccountForFifteenMinutesAndEveryAttemptIsAudited()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var email = Email();
        var invitation = (await WithAccountsAsync(a => a.InviteAsync(owner, email, policy, PolicyRole.Viewer, ct: Ct))).Value;
        var user = (await WithAccountsAsync(a => a.SignUpAsync(new SignUpRequest(email, Password, "Dana", invitation.Token), null, Ct))).Value;
        var ok = await WithAccountsAsync(a => a.CheckPasswordAsync(email, Password, "203.0.113.5", Ct));

        var failures = new List<SignInResult>();
        for (var i = 0; i < PolicyIdentityExtensions.MaxFailedSignIns; i++)
            failures.Add((await WithAccountsAsync(a => a.CheckPasswordAsync(email, "wrong password!", "203.0.113.5", Ct))).Result);
        var wrongWhileLocked = await WithAccountsAsync(a => a.CheckPasswordAsync(email, "wrong password!", "203.0.113.5", Ct));
        var rightButLocked = await WithAccountsAsync(a => a.CheckPasswordAsync(email, Password, "203.0.113.5", Ct));

        Assert.True(ok.Result.Succeeded);
        // The lockout is told only to whoever gives the right password: to anyone else it is just a wrong password.
        Assert.Equal([false, false, false, false, false], failures.Select(f => f.IsLockedOut));
        Assert.False(wrongWhileLocked.Result.IsLockedOut);
        Assert.False(wrongWhileLocked.Result.Succeeded);
        Assert.True(rightButLocked.Result.IsLockedOut);
        await using var db = database.CreateContext();
        var lockoutEnd = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct)).LockoutEnd!.Value;
        Assert.InRange(lockoutEnd - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), PolicyIdentityExtensions.LockoutDuration);
        var trail = (await database.Get<AuditLog>().QueryAsync(new AuditFilter(ActorUserId: user.Id, Action: "user."), Ct))
            .Where(a => a.Action != "user.signed-up").ToList();
        Assert.Equal(
            ["user.signed-in", "user.sign-in-failed", "user.sign-in-failed", "user.sign-in-failed", "user.sign-in-failed", "user.sign-in-locked-out", "user.sign-in-locked-out", "user.sign-in-locked-out"],
            trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("203.0.113.5", a.RemoteAddress));
    }

    [Fact]
    public async Task OnlyAdministratorsInviteToTheApplicationAndOnlyOwnersToAPolicy()
    {
        var (policy, _) = await PolicyWithOwnerAsync();
        var editor = await TestUsers.CreateAsync(database, "editor");
        await TestUsers.JoinAsync(database, policy, editor, PolicyRole.Editor);
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);

        var toPolicy = await WithAccountsAsync(a => a.InviteAsync(editor, Email(), policy, PolicyRole.Viewer, ct: Ct));
        var toApp = await WithAccountsAsync(a => a.InviteAsync(editor, Email(), ct: Ct));
        var byAdmin = await WithAccountsAsync(a => a.InviteAsync(admin, Email(), ct: Ct));
        var roleWithoutPolicy = await WithAccountsAsync(a => a.InviteAsync(admin, Email(), null, PolicyRole.Owner, ct: Ct));

        Assert.Equal(StoreFailureKind.Forbidden, toPolicy.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, toApp.Failure?.Kind);
        Assert.True(byAdmin.IsOk);
        Assert.Equal(StoreFailureKind.Invalid, roleWithoutPolicy.Failure?.Kind);
    }
}

public sealed class AccountStoreTestsOnSqlite(SqliteDatabase database) : AccountStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class AccountStoreTestsOnPostgres(PostgresDatabase database) : AccountStoreTests(database), IClassFixture<PostgresDatabase>;

// A database of its own: nobody has signed up yet.
public abstract class FirstUserTests(TestDatabase database)
{
    [Fact]
    public async Task TheFirstUserBecomesAdministratorAndTheNextNeedsAnInvitation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = database.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        Assert.False(await accounts.HasUsersAsync(ct));

        var first = await accounts.SignUpAsync(new SignUpRequest("root@example.test", "a long first password", "Root", null), "127.0.0.1", ct);
        var second = await accounts.SignUpAsync(new SignUpRequest("next@example.test", "a long second password", "Next", null), null, ct);

        Assert.True(first.Value.IsAdministrator);
        Assert.Equal(StoreFailureKind.Forbidden, second.Failure?.Kind);
        Assert.Equal("Root", Assert.Single(await scope.ServiceProvider.GetRequiredService<SgDbContext>().Users.ToListAsync(ct)).DisplayName);
    }
}

// A database of its own too: the policies below exist before anyone signs up.
public abstract class FirstUserAdoptionTests(TestDatabase database)
{
    [Fact]
    public async Task TheFirstUserOwnsThePoliciesThatHadNoMembersAndNoLaterUserDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = database.Services.GetRequiredService<PolicyStore>();
        var before = await store.CreatePolicyAsync($"before accounts {Guid.NewGuid():N}", null, null, AuditActor.System, ct);
        await using var scope = database.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var first = (await accounts.SignUpAsync(new SignUpRequest($"first{Guid.NewGuid():N}@example.test", "a long first password", "First", null), null, ct)).Value;
        var access = database.Services.GetRequiredService<PolicyAccess>();

        Assert.True(first.IsAdministrator);
        Assert.Equal(PolicyRole.Owner, await access.RoleAsync(first.Id, before.Value.Id, ct));
        var later = await store.CreatePolicyAsync($"after accounts {Guid.NewGuid():N}", null, null, AuditActor.System, ct);
        Assert.Null(await access.RoleAsync(first.Id, later.Value.Id, ct));
        var audit = await database.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditFilter(PolicyId: before.Value.Id, Action: "membership.added"), ct);
        Assert.Contains("first administrator", Assert.Single(audit).Details);
    }
}

public sealed class FirstUserTestsOnSqlite(SqliteDatabase database) : FirstUserTests(database), IClassFixture<SqliteDatabase>;

public sealed class FirstUserTestsOnPostgres(PostgresDatabase database) : FirstUserTests(database), IClassFixture<PostgresDatabase>;


public sealed class FirstUserAdoptionTestsOnSqlite(SqliteDatabase database) : FirstUserAdoptionTests(database), IClassFixture<SqliteDatabase>;

public sealed class FirstUserAdoptionTestsOnPostgres(PostgresDatabase database) : FirstUserAdoptionTests(database), IClassFixture<PostgresDatabase>;
