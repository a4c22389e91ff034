using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// The services the warm-up's components are given: a service scope of the app, set up as a circuit's is when it starts
/// (<see cref="ForCircuit"/>: nobody signed in, at the draft's address), except for the warm-up's own
/// <see cref="DesignSession"/> and JS interop that answers as a closed circuit does (which components already expect).
/// </summary>
internal sealed class WarmUpServices(IServiceProvider scope, DesignSession session) : IServiceProvider, IKeyedServiceProvider
{
    // A reserved name (RFC 2606): a link built from it can never lead anywhere.
    private const string BaseUri = "http://warm-up.invalid/";

    /// <summary>
    /// Gives <paramref name="scope"/> what the circuit host gives a circuit's scope: its address (MudBlazor's scoped
    /// services listen to its changes) and its user, here nobody (the session needs none: it is shown, not loaded).
    /// </summary>
    public static void ForCircuit(IServiceProvider scope, Guid draftId)
    {
        if (scope.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation)
            navigation.Initialize(BaseUri, $"{BaseUri}drafts/{draftId}");
        if (scope.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider authentication)
            authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType) =>
        serviceType == typeof(DesignSession) ? session
        : serviceType == typeof(IJSRuntime) ? NoBrowser.Instance
        : scope.GetService(serviceType);

    /// <inheritdoc />
    public object? GetKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)scope).GetKeyedService(serviceType, serviceKey);

    /// <inheritdoc />
    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)scope).GetRequiredKeyedService(serviceType, serviceKey);

    private sealed class NoBrowser : IJSRuntime
    {
        public static readonly NoBrowser Instance = new();

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            ValueTask.FromException<TValue>(new JSDisconnectedException("the warm-up renders to no browser"));

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }
}
