using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// Running behind a reverse proxy and over HTTPS. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed
/// only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (IP addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDRs); without either, only from loopback. So the audit's "from where" is
/// the client, never the proxy, and never what a client claims about itself. Outside Development, plain-HTTP
/// requests are redirected to HTTPS and answers carry HSTS; <c>Https:Redirect=false</c> turns both off for an
/// installation that cannot be reached over HTTPS at all (a TLS-terminating proxy does not need that: it sends
/// <c>X-Forwarded-Proto: https</c>).
/// </summary>
public static class ProxyAndHttps
{
    /// <summary>Where the proxy settings live.</summary>
    public const string ForwardedSection = "ForwardedHeaders";

    /// <summary>The switch for HTTPS redirection and HSTS (default: on outside Development).</summary>
    public const string RedirectSetting = "Https:Redirect";

    /// <summary>Whether plain-HTTP requests go to HTTPS (with HSTS): <see cref="RedirectSetting"/>, on by default outside Development.</summary>
    public static bool RedirectsToHttps(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue(RedirectSetting, !environment.IsDevelopment());

    /// <summary>Reads the settings; a bad address or network stops start-up naming the setting.</summary>
    public static IServiceCollection AddProxyAndHttps(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, "KnownProxies").Select(p => IPAddress.TryParse(p, out var ip) ? ip
            : throw new InvalidOperationException($"{ForwardedSection}:KnownProxies: '{p}' is not an IP address")).ToList();
        var networks = Values(configuration, "KnownNetworks").Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net
            : throw new InvalidOperationException($"{ForwardedSection}:KnownNetworks: '{n}' is not a network in CIDR notation (10.0.0.0/8)")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework's defaults are loopback; named proxies replace them.
            if (proxies.Count + networks.Count == 0)
                return;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddHttpsRedirection(options => options.HttpsPort = configuration.GetValue<int?>("https_port") ?? 443);
        return services;
    }

    /// <summary>Forwarded headers first (everything after sees the client), then HTTPS when it applies.</summary>
    public static WebApplication UseProxyAndHttps(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!RedirectsToHttps(app.Configuration, app.Environment))
            return app;
        app.UseHsts();
        // A load balancer's health probe usually speaks plain HTTP inside the network.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(HealthEndpoints.Route), branch => branch.UseHttpsRedirection());
        return app;
    }

    // A list (KnownProxies:0, KnownProxies:1 …) or one comma-separated value (handy in an environment variable).
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{ForwardedSection}:{key}");
        return section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
