using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// A signed-in user for bUnit: a real user row in the test's database and bUnit's authentication state carrying its
/// id, so <see cref="CircuitCaller"/> and <see cref="PolicyAccess"/> decide as they do in the app.
/// </summary>
public static class BunitSignIn
{
    /// <summary>Registers what components need to know the caller; call in the constructor, before any service is resolved.</summary>
    public static BunitAuthorizationContext AddCallerServices(this BunitContext context)
    {
        context.Services.AddHttpContextAccessor();
        context.Services.AddScoped<CircuitCaller>();
        return context.AddAuthorization();
    }

    /// <summary>Creates a user (an administrator when asked) and signs the rendered components in as them.</summary>
    public static async Task<AuditActor> SignInNewUserAsync(
        this BunitAuthorizationContext authorization, IServiceProvider services, string displayName, bool administrator = false)
    {
        var email = $"{string.Concat(displayName.Where(char.IsLetter)).ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        var user = new SgUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = displayName, IsAdministrator = administrator, CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
        };
        var contexts = services.GetRequiredService<IDbContextFactory<SgDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        authorization.SetAuthorized(email);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        return new AuditActor(user.Id, $"{displayName} <{email}>");
    }
}
