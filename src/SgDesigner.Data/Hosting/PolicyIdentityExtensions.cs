using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;

namespace SgDesigner.Data.Hosting;

/// <summary>
/// ASP.NET Core Identity on the policy database: users only (roles are per policy, see <see cref="PolicyAccess"/>),
/// cookie sign-in, password rules and lockout. Call after <see cref="PolicyStorageExtensions.AddPolicyStorage"/>.
/// </summary>
public static class PolicyIdentityExtensions
{
    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Registers Identity's user manager, sign-in manager and EF stores on <see cref="SgDbContext"/>, the Identity
    /// cookies (as the default authentication scheme; add the access-token scheme beside it) and
    /// <see cref="AccountStore"/> and <see cref="ThemePreferenceStore"/>.
    /// </summary>
    public static IdentityBuilder AddPolicyIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddScoped<AccountStore>();
        services.AddSingleton<ThemePreferenceStore>();
        return services.AddIdentityCore<SgUser>(ConfigureIdentity)
            .AddEntityFrameworkStores<SgDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
    }

    /// <summary>
    /// Password rules after NIST SP 800-63B: length matters, composition rules do not (12 characters, at least 4
    /// different ones). Lockout after <see cref="MaxFailedSignIns"/> failures for <see cref="LockoutDuration"/>,
    /// new accounts included. E-mail is the sign-in name and unique. <c>options.Stores</c> stays at its defaults: it
    /// shapes the tables, and the migrations were made with the defaults.
    /// </summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 4;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
