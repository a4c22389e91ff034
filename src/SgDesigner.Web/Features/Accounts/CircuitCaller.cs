using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>
/// The <see cref="Caller"/> of a Blazor circuit (or a prerender): the user the circuit was opened for, loaded once per
/// circuit. The remote address is the one the circuit's connection came from.
/// </summary>
public sealed class CircuitCaller(AuthenticationStateProvider authentication, IDbContextFactory<SgDbContext> contexts, IHttpContextAccessor http)
{
    private Task<Caller?>? _caller;

    /// <summary>The signed-in caller, or null when nobody is (pages that need one redirect to sign-in before this).</summary>
    public Task<Caller?> GetAsync() => _caller ??= LoadAsync();

    /// <summary>The caller, or an exception for code that only runs behind [Authorize].</summary>
    public async Task<Caller> RequireAsync() =>
        await GetAsync() ?? throw new InvalidOperationException("this page needs a signed-in user");

    private async Task<Caller?> LoadAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await Caller.FromPrincipalAsync(contexts, state.User, http.HttpContext?.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
    }
}
