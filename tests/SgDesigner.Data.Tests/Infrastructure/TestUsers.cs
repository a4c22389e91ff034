using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Tests.Infrastructure;

/// <summary>Users and memberships written straight into a test database (no password: these never sign in).</summary>
public static class TestUsers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<AuditActor> CreateAsync(TestDatabase database, string name, bool administrator = false)
    {
        var email = $"{name}.{Guid.NewGuid():N}@example.test";
        var user = new SgUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, IsAdministrator = administrator, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow,
        };
        await using var db = database.CreateContext();
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return new AuditActor(user.Id, name, "192.0.2.10");
    }

    public static async Task JoinAsync(TestDatabase database, Guid policyId, AuditActor user, PolicyRole role)
    {
        await using var db = database.CreateContext();
        db.PolicyMemberships.Add(new PolicyMembershipRow
        {
            Id = Guid.CreateVersion7(), PolicyId = policyId, UserId = user.UserId!.Value, Role = role, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }

    public static async Task<Guid> NewPolicyAsync(TestDatabase database) =>
        (await database.Store.CreatePolicyAsync($"policy {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value.Id;

    public static T Get<T>(this TestDatabase database) where T : notnull => database.Services.GetRequiredService<T>();
}
