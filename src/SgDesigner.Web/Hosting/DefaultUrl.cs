namespace SgDesigner.Web.Hosting;

/// <summary>The documented address the app serves on when nothing else is configured.</summary>
public static class DefaultUrl
{
    /// <summary>http://localhost:5050: fixed so `dotnet run` and running from bin/ give the same, documented URL.</summary>
    public const string Value = "http://localhost:5050";

    /// <summary>
    /// Listens on <see cref="Value"/> unless an address came from configuration (<c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, or a <c>Kestrel:Endpoints</c> section).
    /// Without this, ASP.NET Core would fall back to its own default of port 5000.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrlWhenNoneConfigured(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(config["urls"])
            || !string.IsNullOrWhiteSpace(config["http_ports"])
            || !string.IsNullOrWhiteSpace(config["https_ports"])
            || config.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
            builder.WebHost.UseUrls(Value);
        return builder;
    }

    /// <summary>Prints the addresses the server listens on once it has started, so the user knows where to go.</summary>
    public static WebApplication PrintUrlsOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : Value;
            Console.WriteLine($"SgDesigner is running at {addresses} (Ctrl+C to stop)");
        });
        return app;
    }
}
