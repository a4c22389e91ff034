using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// Rate limits on what an attacker or a runaway script would repeat: signing in, signing up (which is also how an
/// invitation is accepted), creating access tokens and importing. Each is a fixed window per client address (per user
/// for the API calls that have one); a caller over the limit gets 429 with <c>Retry-After</c>. Limits are per minute,
/// from <c>RateLimits:&lt;Name&gt;</c> (0 turns one off).
/// </summary>
public static class RateLimits
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RateLimits";

    // What is limited: the name of its setting, the request it matches, and the default permits per minute.
    private static readonly (string Name, Func<HttpRequest, bool> Matches, int PerMinute)[] Limited =
    [
        ("SignIn", r => HttpMethods.IsPost(r.Method) && r.Path.Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase), 20),
        ("SignUp", r => HttpMethods.IsPost(r.Method) && r.Path.Equals("/account/sign-up", StringComparison.OrdinalIgnoreCase), 10),
        ("TokenCreation", r => HttpMethods.IsPost(r.Method) && r.Path.Equals("/api/account/tokens", StringComparison.OrdinalIgnoreCase), 20),
        ("Import", r => HttpMethods.IsPost(r.Method) && r.Path.StartsWithSegments("/api/policies/import", StringComparison.OrdinalIgnoreCase), 30),
    ];

    /// <summary>Whether a request is one that is limited (by default); the OpenAPI document lists 429 for these.</summary>
    public static bool AppliesTo(HttpRequest request) => Limited.Any(l => l.Matches(request));

    /// <summary>Registers the limiter with the configured limits.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var limits = Limited.Select(l => (l.Name, l.Matches, PerMinute: section.GetValue<int?>(l.Name) ?? l.PerMinute)).ToArray();
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                foreach (var (name, matches, perMinute) in limits)
                {
                    if (perMinute > 0 && matches(http.Request))
                        return RateLimitPartition.GetFixedWindowLimiter($"{name}|{Client(http)}", _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                        });
                }
                return RateLimitPartition.GetNoLimiter("");
            });
            options.OnRejected = RejectAsync;
        });
    }

    // Per signed-in user where the request has one (an office behind one address is not one caller), else per address.
    private static string Client(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } user
            ? $"user:{user}"
            : $"ip:{http.Connection.RemoteIpAddress}";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"too many attempts from you in the last minute; try again in {seconds} s")
            .ExecuteAsync(context.HttpContext);
    }
}
