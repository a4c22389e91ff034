using SgDesigner.Data.Accounts;
using SgDesigner.Data.Hosting;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>Registers sign-in (cookie and personal access token), the caller of a circuit and the account stores.</summary>
public static class AccountServices
{
    /// <summary>Identity, both authentication schemes, authorization and <see cref="CircuitCaller"/>.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddPolicyIdentity();
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddScoped<CircuitCaller>();
        return services;
    }
}
