using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Accounts;

public abstract class PolicyAccessTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PolicyAccess Access => database.Get<PolicyAccess>();

    private async Task<IReadOnlyList<PolicyAction>> AllowedAsync(Guid userId, Guid policyId, TokenGrant? token = null)
    {
        var allowed = new List<PolicyAction>();
        foreach (var action in Enum.GetValues<PolicyAction>())
        {
            if (await Access.MayAsync(userId, action, policyId, token, Ct))
                allowed.Add(action);
        }
        return allowed;
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(PolicyRole.Viewer, "View")]
    [InlineData(PolicyRole.Editor, "View Edit Comment Merge")]
    [InlineData(PolicyRole.Reviewer, "View Edit Comment Merge Review")]
    [InlineData(PolicyRole.Owner, "View Edit Comment Merge Review ManageMembers ManageSettings Publish OverrideAssertions")]
    public async Task EachRoleAllowsItsOwnActionsAndThoseOfTheRolesBelow(PolicyRole? role, string expected)
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var other = await TestUsers.NewPolicyAsync(database);
        var user = await TestUsers.CreateAsync(database, "member");
        if (role is { } r)
            await TestUsers.JoinAsync(database, policy, user, r);

        Assert.Equal(expected, string.Join(' ', await AllowedAsync(user.UserId!.Value, policy)));
        Assert.Empty(await AllowedAsync(user.UserId!.Value, other));
        Assert.Equal(role, await Access.RoleAsync(user.UserId!.Value, policy, Ct));
    }

    [Fact]
    public async Task AnAdministratorManagesEveryPolicyButReviewsAndEditsOnlyThroughAMembership()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);

        Assert.Equal([PolicyAction.View, PolicyAction.ManageMembers, PolicyAction.ManageSettings], await AllowedAsync(admin.UserId!.Value, policy));

        await TestUsers.JoinAsync(database, policy, admin, PolicyRole.Reviewer);
        Assert.Equal(Enum.GetValues<PolicyAction>().Except([PolicyAction.Publish, PolicyAction.OverrideAssertions]), await AllowedAsync(admin.UserId!.Value, policy));
        Assert.Contains(policy, await Access.VisiblePoliciesAsync(admin.UserId!.Value, ct: Ct));
    }

    [Fact]
    public async Task AReadTokenOnlyViewsAndAPolicyBoundTokenWorksOnThatPolicyOnly()
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var other = await TestUsers.NewPolicyAsync(database);
        var owner = await TestUsers.CreateAsync(database, "owner");
        await TestUsers.JoinAsync(database, policy, owner, PolicyRole.Owner);
        await TestUsers.JoinAsync(database, other, owner, PolicyRole.Owner);
        var id = owner.UserId!.Value;

        Assert.Equal([PolicyAction.View], await AllowedAsync(id, policy, new TokenGrant(Guid.NewGuid(), id, TokenScope.Read, null)));
        var bound = new TokenGrant(Guid.NewGuid(), id, TokenScope.Write, policy);
        Assert.Equal(Enum.GetValues<PolicyAction>(), await AllowedAsync(id, policy, bound));
        Assert.Empty(await AllowedAsync(id, other, bound));
        Assert.Equal([policy], await Access.VisiblePoliciesAsync(id, bound, Ct));
    }

    [Fact]
    public async Task NobodyMayActOnAPolicyThatDoesNotExist()
    {
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);

        Assert.False(await Access.MayAsync(admin.UserId!.Value, PolicyAction.View, Guid.NewGuid(), ct: Ct));
    }
}

public sealed class PolicyAccessTestsOnSqlite(SqliteDatabase database) : PolicyAccessTests(database), IClassFixture<SqliteDatabase>;

public sealed class PolicyAccessTestsOnPostgres(PostgresDatabase database) : PolicyAccessTests(database), IClassFixture<PostgresDatabase>;
