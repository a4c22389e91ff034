using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, configured only through settings, so tests talk
/// HTTP to it exactly as a browser or a script would.
/// </summary>
public sealed class SgDesignerApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>
    /// An app with the given configuration settings (e.g. where its database is; <c>environment</c> picks the host
    /// environment, Development by default) and, when given, services replaced after the app's own.
    /// </summary>
    public SgDesignerApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server when needed and returns the address it listens on.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Uri(addresses.Addresses.First());
        }
    }

    /// <summary>A client for the server over real HTTP.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Tests sign up and sign in far more often than a person; the limiter has its own test with low limits.
        foreach (var limit in (string[])["SignIn", "SignUp", "TokenCreation", "Import"])
            builder.UseSetting($"RateLimits:{limit}", "0");
        // Hundreds of apps start in the suites: none compiles the engine ahead (the warm-up has its own test).
        builder.UseSetting(StartupWarmUp.EnabledSetting, "false");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureTestServices(_services);
    }
}
