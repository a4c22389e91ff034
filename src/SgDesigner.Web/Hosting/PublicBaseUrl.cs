using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// The address people reach SgDesigner at, for links that leave the app (invitations): <c>App:PublicBaseUrl</c>. A
/// link is never built from the request's Host header, which a client can forge. Outside Development the setting is
/// required (start-up stops and says so); in Development it falls back to the address the server listens on.
/// </summary>
public sealed class PublicBaseUrl(IConfiguration configuration, IServer? server = null)
{
    /// <summary>The setting's name.</summary>
    public const string Setting = "App:PublicBaseUrl";

    /// <summary>The base address without a trailing slash, e.g. <c>https://sgdesigner.example.com</c>.</summary>
    public string Value => Configured(configuration) ?? ListeningAddress();

    /// <summary>Registers the service; outside Development a missing or malformed setting stops start-up with the reason.</summary>
    public static IServiceCollection Register(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(configured) && Configured(configuration) is null)
            throw new InvalidOperationException($"{Setting}: '{configured}' is not an absolute http or https address such as https://sgdesigner.example.com");
        if (string.IsNullOrWhiteSpace(configured) && !environment.IsDevelopment())
            throw new InvalidOperationException(
                $"{Setting} is not set. Outside Development, invitation links need the address people reach SgDesigner at, " +
                "e.g. https://sgdesigner.example.com (environment variable App__PublicBaseUrl).");
        services.AddSingleton<PublicBaseUrl>();
        return services;
    }

    private static string? Configured(IConfiguration configuration) =>
        Uri.TryCreate(configuration[Setting]?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;

    // Development only: the server's own first address, with a wildcard host made into localhost.
    private string ListeningAddress()
    {
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? DefaultUrl.Value;
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
