using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SgDesigner.Data.Accounts;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>
/// A live Blazor circuit outlasts the request that opened it: every minute it checks the account's security stamp
/// again, so a password change or a disabled account also ends the pages already open (they go back to sign-in).
/// <c>Sessions:RevalidationInterval</c> (a TimeSpan, one minute by default) sets how often.
/// </summary>
internal sealed class SessionRevalidation(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval { get; } =
        configuration.GetValue<TimeSpan?>("Sessions:RevalidationInterval") is { } interval && interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SgUser>>();
        if (await users.GetUserAsync(authenticationState.User) is not { } user)
            return false;
        var stamp = authenticationState.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
