using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>
/// The figures issue 12 asks for, over real HTTP: the impact of a change request on a 30,000-rule policy (first request and
/// cached), eight reviewers opening the impact of a new draft version at once, and requests per second on the policy list with
/// an access token against a session cookie. Explicit: it measures time (which tests never assert) and takes minutes:
/// <c>dotnet run --project tests/SgDesigner.Web.Tests -c Release -- -class "*EdgeFiguresBenchmark*" -explicit only -showLiveOutput</c>.
/// Figures go to the test output and to <c>edge-figures-&lt;provider&gt;.txt</c> beside the test assembly, with the load average.
/// </summary>
public abstract class EdgeFiguresBenchmark(AppFixture fixture, string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private readonly List<string> _figures = [];

    [Fact(Explicit = true)]
    public async Task Impact_of_a_30000_rule_change_and_requests_per_second_with_a_token_and_a_cookie()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(Instances: 2000, Groups: 1000, Rules: 30_000, Seed: 12));
        Figure($"{provider}: {estate.Groups.Length:N0} groups, {estate.Groups.Sum(g => g.Rules.Length):N0} rules, {estate.NetworkInterfaces.Length:N0} ENIs");
        await LoadAsync("before");

        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await Measure("store the policy (revision 1)",
            () => policies.CreatePolicyAsync($"impact bench {Guid.NewGuid():N}", null, estate, fixture.Admin.Actor, Token))).Value.Id;
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var reviewer = await fixture.NewUserAsync("Rita Reviewer", policyId, PolicyRole.Reviewer);
        using var viewer = new HttpClient { BaseAddress = fixture.App.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        viewer.DefaultRequestHeaders.Authorization = reviewer.Client.DefaultRequestHeaders.Authorization;

        var draftId = (await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ssh from anywhere" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await AddRuleAsync(editor, draftId, estate.Groups[0].Id, 22);
        var requestId = (await (await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "ssh from anywhere" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var impact = $"/api/requests/{requestId}/impact";

        var first = await Measure("impact, first request (computed)", () => viewer.GetAsync(impact, Token));
        await first.ReadAsync(HttpStatusCode.OK);
        var cached = await Measure("impact, same draft version again (cached)", () => viewer.GetAsync(impact, Token));
        await cached.ReadAsync(HttpStatusCode.OK);

        // A new draft version (the same kind of change, to the same group) misses the cache: eight reviewers open it at once
        // and share one computation.
        await AddRuleAsync(editor, draftId, estate.Groups[0].Id, 23);
        var eight = await Measure("impact, eight viewers at once of a new version (until the last answer)",
            () => Task.WhenAll(Enumerable.Range(0, 8).Select(_ => viewer.GetAsync(impact, Token))));
        foreach (var response in eight)
            await response.ReadAsync(HttpStatusCode.OK);

        await RequestsPerSecondAsync(reviewer);
        await LoadAsync("after");
        var text = string.Join(Environment.NewLine, _figures);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"edge-figures-{provider}.txt"), text + Environment.NewLine, Token);
    }

    // The same list, the same user: once with an access token, once with the session cookie of a browser sign-in; token and
    // cookie alternate over two rounds so that a change in the machine's load touches both.
    private async Task RequestsPerSecondAsync(TestUser user)
    {
        using var browser = await fixture.SignedInBrowserAsync(user);
        using var cookie = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies }) { BaseAddress = fixture.App.BaseAddress };
        var clients = new[] { ("token", user.Client), ("cookie", cookie) };
        foreach (var (_, client) in clients)
            await (await client.GetAsync("/api/policies", Token)).ReadAsync(HttpStatusCode.OK);
        const int Requests = 2000, Parallel = 8;
        for (var round = 1; round <= 2; round++)
        {
            foreach (var (kind, client) in clients)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
                {
                    for (var i = 0; i < Requests / Parallel; i++)
                    {
                        using var response = await client.GetAsync("/api/policies", Token);
                        response.EnsureSuccessStatusCode();
                    }
                }));
                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Figure(string.Create(CultureInfo.InvariantCulture,
                    $"GET /api/policies with a {kind}, round {round}: {Requests / clock.Elapsed.TotalSeconds:F0} requests/s ({Requests} requests, {Parallel} at a time, {used.TotalMilliseconds / Requests:F2} ms CPU each)"));
            }
        }
    }

    private static async Task AddRuleAsync(TestUser editor, Guid draftId, string groupId, int port)
    {
        var (_, version) = await editor.Client.DraftAsync(draftId);
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{groupId}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = port, cidr = "0.0.0.0/0" });
        await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
    }

    // Wall time includes the database server's work; the CPU time of this process (client and server both) shows how much
    // work was done when the shared machine is busy.
    private async Task<T> Measure<T>(string what, Func<Task<T>> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await action();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Figure(string.Create(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU in the app's process"));
        return result;
    }

    private async Task LoadAsync(string when)
    {
        if (File.Exists("/proc/loadavg"))
            Figure($"load average {when}: {(await File.ReadAllTextAsync("/proc/loadavg", Token)).Trim()} on {Environment.ProcessorCount} cores");
    }

    private void Figure(string line)
    {
        _figures.Add(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}

public sealed class EdgeFiguresBenchmarkOnSqlite(SqliteApp fixture) : EdgeFiguresBenchmark(fixture, "SQLite"), IClassFixture<SqliteApp>;

public sealed class EdgeFiguresBenchmarkOnPostgres(PostgresApp fixture) : EdgeFiguresBenchmark(fixture, "PostgreSQL"), IClassFixture<PostgresApp>;
