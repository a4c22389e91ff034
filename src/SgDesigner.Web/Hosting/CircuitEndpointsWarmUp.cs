using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// The first two requests a browser makes to start a circuit, asked once of the server itself over loopback: Blazor's
/// JS initializers and SignalR's negotiate. On the first page after a start they took 129 and 76 ms, against 7 and 10
/// ms on any later page (the browser's resource timings in the aggregated-views benchmark): their code, the endpoint
/// routing to them and the pipeline in front were compiled then; asked here first, 57 and 29 ms (one run; the whole first
/// arrival's figure did not move beyond the machine's noise). The negotiated connection is never opened; the server
/// drops it when unused. Only a plain-HTTP address is used (an HTTPS-only server would need this request to trust its
/// own certificate blindly); without one, nothing is asked.
/// </summary>
internal static class CircuitEndpointsWarmUp
{
    /// <summary>The paths asked, as a browser asks them.</summary>
    internal static readonly (HttpMethod Method, string Path)[] Requests =
    [
        (HttpMethod.Get, "_blazor/initializers"),
        (HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1"),
    ];

    /// <summary>
    /// Asks them; returns how many got an answer (any status: the answer is not the point, its code path is). A request
    /// that fails (the address not reachable from the server itself) ends it: the count says so in <c>/healthz</c>, and
    /// the rest of the warm-up stands.
    /// </summary>
    public static async Task<int> RunAsync(IServer server, CancellationToken ct)
    {
        if (LoopbackAddress(server) is not { } address)
            return 0;
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var answered = 0;
        foreach (var (method, path) in Requests)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
                request.Content = new ByteArrayContent([]);
            try
            {
                using var response = await client.SendAsync(request, ct);
            }
            catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
            {
                break;
            }
            answered++;
        }
        return answered;
    }

    // The first plain-HTTP address the server listens on, as a loopback URL (a wildcard host is asked on 127.0.0.1 or ::1).
    internal static Uri? LoopbackAddress(IServer server)
    {
        foreach (var text in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!Uri.TryCreate(text.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme != Uri.UriSchemeHttp)
                continue;
            var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
                ? ip.Equals(IPAddress.Any) ? "127.0.0.1" : ip.Equals(IPAddress.IPv6Any) ? "[::1]" : uri.Host
                : uri.Host;
            return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
        }
        return null;
    }
}
