using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Accounts;

public abstract class MembershipStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private MembershipStore Members => database.Get<MembershipStore>();

    private async Task<(Guid Policy, AuditActor Owner)> PolicyWithOwnerAsync()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var owner = await TestUsers.CreateAsync(database, "owner");
        Assert.True((await Members.AddFirstOwnerAsync(owner, policy, Ct)).IsOk);
        return (policy, owner);
    }

    [Fact]
    public async Task AUserIsAMemberOfAPolicyOnlyOnce()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var bob = await TestUsers.CreateAsync(database, "bob");
        Assert.True((await Members.AddAsync(owner, policy, bob.UserId!.Value, PolicyRole.Editor, Ct)).IsOk);

        var again = await Members.AddAsync(owner, policy, bob.UserId!.Value, PolicyRole.Reviewer, Ct);

        Assert.Equal(StoreFailureKind.Invalid, again.Failure?.Kind);
        Assert.Contains("already a member", again.Failure!.Message, StringComparison.Ordinal);
        var listed = Assert.Single((await Members.ListAsync(policy, Ct)).Value, m => m.UserId == bob.UserId);
        Assert.Equal(PolicyRole.Editor, listed.Role);
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondMembershipThatBypassesTheStore()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();

        await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => TestUsers.JoinAsync(database, policy, owner, PolicyRole.Viewer));
    }

    [Fact]
    public async Task OnlyOwnersAndAdministratorsManageMembers()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();
        var editor = await TestUsers.CreateAsync(database, "editor");
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);
        var carol = await TestUsers.CreateAsync(database, "carol");
        await Members.AddAsync(owner, policy, editor.UserId!.Value, PolicyRole.Editor, Ct);

        var byEditor = await Members.AddAsync(editor, policy, carol.UserId!.Value, PolicyRole.Viewer, Ct);
        var byAnonymous = await Members.AddAsync(AuditActor.Named("someone"), policy, carol.UserId!.Value, PolicyRole.Viewer, Ct);
        var byAdmin = await Members.AddAsync(admin, policy, carol.UserId!.Value, PolicyRole.Viewer, Ct);
        var promoted = await Members.ChangeRoleAsync(owner, policy, carol.UserId!.Value, PolicyRole.Reviewer, ct: Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byEditor.Failure?.Kind);
        Assert.Contains("owner", byEditor.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(StoreFailureKind.Forbidden, byAnonymous.Failure?.Kind);
        Assert.True(byAdmin.IsOk);
        Assert.Equal(PolicyRole.Reviewer, promoted.Value.Role);
        var audit = await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: policy, Action: "membership."), Ct);
        Assert.Equal(["membership.added", "membership.added", "membership.added", "membership.changed"], audit.Select(a => a.Action));
        Assert.Equal(admin.UserId, audit[2].ActorUserId);
    }

    [Fact]
    public async Task APolicyKeepsAtLeastOneOwner()
    {
        var (policy, owner) = await PolicyWithOwnerAsync();

        var demoted = await Members.ChangeRoleAsync(owner, policy, owner.UserId!.Value, PolicyRole.Editor, ct: Ct);
        var removed = await Members.RemoveAsync(owner, policy, owner.UserId!.Value, Ct);

        Assert.Equal(StoreFailureKind.Conflict, demoted.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Conflict, removed.Failure?.Kind);
        Assert.Equal(PolicyRole.Owner, Assert.Single((await Members.ListAsync(policy, Ct)).Value).Role);
    }

    [Fact]
    public async Task ASignedInCreatorOwnsTheNewPolicy()
    {
        var creator = await TestUsers.CreateAsync(database, "creator");

        var policy = (await database.Store.CreatePolicyAsync($"mine {Guid.NewGuid()}", null, null, creator, Ct)).Value;

        var member = Assert.Single((await Members.ListAsync(policy.Id, Ct)).Value);
        Assert.Equal((creator.UserId!.Value, PolicyRole.Owner), (member.UserId, member.Role));
        var trail = await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: policy.Id), Ct);
        // One transaction, one instant: the two entries have no order between them.
        Assert.Equal(["membership.added", "policy.created"], trail.Select(a => a.Action).Order());
        Assert.All(trail, a => Assert.Equal(creator.UserId, a.ActorUserId));
    }

    [Fact]
    public async Task OnlyThePolicysFirstMemberBecomesOwnerUnasked()
    {
        var (policy, _) = await PolicyWithOwnerAsync();
        var intruder = await TestUsers.CreateAsync(database, "intruder");

        var claimed = await Members.AddFirstOwnerAsync(intruder, policy, Ct);

        Assert.Equal(StoreFailureKind.Forbidden, claimed.Failure?.Kind);
        Assert.Null(await database.Get<PolicyAccess>().RoleAsync(intruder.UserId!.Value, policy, Ct));
    }
}

public sealed class MembershipStoreTestsOnSqlite(SqliteDatabase database) : MembershipStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class MembershipStoreTestsOnPostgres(PostgresDatabase database) : MembershipStoreTests(database), IClassFixture<PostgresDatabase>;
