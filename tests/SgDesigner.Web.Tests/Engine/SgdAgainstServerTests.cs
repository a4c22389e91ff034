using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>
/// <c>sgd … --server URL --token T</c> over real HTTP: reach, matrix, lint, check and diff on a stored policy print what
/// they print on the same revisions exported as files (text and --json, and the exit codes); pull writes a file that
/// lints the same; a refused token, an unknown name and a server that is down are one line and exit 2.
/// </summary>
public sealed class SgdAgainstServerTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly SgdOnExports _files = new(fixture.Client);
    private readonly SgdServer _server = new(fixture);

    /// <summary>Two AWS sample sets and the demo policy.</summary>
    public static TheoryData<string> Policies() => ["batfish-sg-edge-cases", "cloudmapper-demo", "demo"];

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Reach_matrix_lint_check_and_diff_on_the_server_print_what_they_print_on_the_exported_files(string set)
    {
        var token = await _server.NewTokenAsync();
        var policyId = set == "demo" ? await fixture.Client.DemoPolicyIdAsync() : await _files.ImportAsync(set);
        var name = await _server.NameAsync(policyId);
        var first = await _files.ExportAsync(policyId);
        await _server.PublishAsync(policyId, SgdServer.Changed(await File.ReadAllTextAsync(first, TestContext.Current.CancellationToken), SgdServer.AddPrivateRule));
        var latest = await _files.ExportAsync(policyId);
        var revisions = await fixture.Client.AllPagesAsync($"/api/policies/{policyId}/revisions");
        var previous = revisions.Select(r => r.GetProperty("number").GetInt32()).OrderDescending().ElementAt(1);

        void Same(string[] onFile, string[] onServer)
        {
            var expected = SgdOnExports.Run(onFile);
            var actual = _server.Run(token, onServer);
            Assert.True(expected.ExitCode is 0 or 1, $"sgd {string.Join(' ', onFile)}: {expected.Stderr}");
            Assert.Equal((expected.ExitCode, expected.Stdout), (actual.ExitCode, actual.Stdout));
            Assert.Equal("", actual.Stderr);
        }

        Same(["matrix", latest], ["matrix", name]);
        Same(["matrix", latest, "--format", "csv"], ["matrix", $"{name}@latest", "--format", "csv"]);
        Same(["lint", latest], ["lint", name]);
        Same(["lint", latest, "--json", "--fail-on", "info"], ["lint", name, "--json", "--fail-on", "info"]);
        Same(["lint", first, "--fail-on", "warning"], ["lint", $"{name}@{previous}", "--fail-on", "warning"]);

        var enis = SgdOnExports.EnisOf(SgdOnExports.Run("matrix", latest).Stdout);
        var (a, b) = (enis.Count > 0 ? enis[0] : "10.0.0.10", enis.Count > 1 ? enis[1] : "10.0.0.11");
        foreach (var flow in new[] { new[] { "--protocol", "tcp", "--port", "22" }, ["--protocol", "tcp", "--port", "8443"], ["--protocol", "icmp", "--icmp-type", "8"] })
        {
            Same(["reach", latest, "--from", a, "--to", b, .. flow], ["reach", name, "--from", a, "--to", b, .. flow]);
            Same(["reach", latest, "--from", "10.99.0.1", "--to", a, .. flow, "--json"], ["reach", name, "--from", "10.99.0.1", "--to", a, .. flow, "--json"]);
        }
        var batch = _files.Write($"batch-{Guid.NewGuid():N}.jsonl",
            $"{{\"from\": \"{a}\", \"to\": \"{b}\", \"protocol\": \"tcp\", \"port\": 443}}\n{{\"from\": \"10.99.0.1\", \"to\": \"{a}\", \"protocol\": \"tcp\", \"port\": 8443}}\n");
        Same(["reach", latest, "--batch", batch], ["reach", name, "--batch", batch]);

        var assertions = _files.Write($"assertions-{Guid.NewGuid():N}.jsonl",
            $"{{\"from\": \"10.99.0.1\", \"to\": \"{a}\", \"protocol\": \"tcp\", \"port\": 8443, \"expect\": \"deny\", \"name\": \"private 8443\"}}\n" +
            $"{{\"from\": \"{a}\", \"to\": \"{b}\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"allow\"}}\n");
        Same(["check", latest, "--assertions", assertions], ["check", name, "--assertions", assertions]);
        Same(["check", latest, "--assertions", assertions, "--json"], ["check", name, "--assertions", assertions, "--json"]);

        Same(["diff", first, latest], ["diff", $"{name}@{previous}", name]);
        Same(["diff", first, latest, "--json"], ["diff", $"{name}@{previous}", $"{name}@latest", "--json"]);
        Same(["diff", latest, first], ["diff", $"{name}@latest", $"{name}@{previous}"]);
    }

    [Fact]
    public async Task Pull_writes_the_latest_revision_as_a_document_that_lints_as_the_server_does()
    {
        var token = await _server.NewTokenAsync();
        var name = await _server.NameAsync(await fixture.Client.DemoPolicyIdAsync());
        var pulled = _files.Write($"pulled-{Guid.NewGuid():N}.policy.json", "");

        var pull = _server.Run(token, "pull", name, "-o", pulled);

        Assert.True(pull.ExitCode == 0, pull.Stderr);
        Assert.Equal("", pull.Stdout);
        var onFile = SgdOnExports.Run("lint", pulled, "--json");
        var onServer = _server.Run(token, "lint", name, "--json");
        Assert.Equal((onServer.ExitCode, onServer.Stdout), (onFile.ExitCode, onFile.Stdout));
        Assert.Equal(SgdOnExports.Run("lint", pulled).Stdout, _server.Run(token, "lint", name).Stdout);
        Assert.Equal(SgdOnExports.Run("matrix", pulled).Stdout, _server.Run(token, "matrix", name).Stdout);
    }

    [Fact]
    public async Task A_refused_token_is_one_line_naming_the_401_and_never_the_token()
    {
        var name = await _server.NameAsync(await fixture.Client.DemoPolicyIdAsync());
        const string wrong = "sgd_pat_not-a-token-at-all";

        var run = _server.Run(wrong, "lint", name);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("401", run.Stderr);
        Assert.Contains(_server.Url, run.Stderr);
        Assert.DoesNotContain(wrong, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task An_unknown_policy_name_is_exit_2_naming_it_and_the_server()
    {
        var token = await _server.NewTokenAsync();

        var run = _server.Run(token, "matrix", "no such policy here");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"sgd: no policy named 'no such policy here' on {_server.Url}\n", run.Stderr);
    }

    [Fact]
    public async Task An_unknown_revision_is_exit_2_with_the_servers_404()
    {
        var token = await _server.NewTokenAsync();
        var name = await _server.NameAsync(await fixture.Client.DemoPolicyIdAsync());

        var run = _server.Run(token, "lint", $"{name}@999");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("404", run.Stderr);
        Assert.Contains("999", run.Stderr);
    }

    [Fact]
    public void A_server_that_is_down_is_exit_2_saying_it_cannot_be_reached()
    {
        // A port that was free a moment ago: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = SgdOnExports.Run("lint", "demo", "--server", $"http://127.0.0.1:{port}", "--token", "sgd_pat_whatever");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: cannot reach http://127.0.0.1:{port}: ", run.Stderr);
        Assert.DoesNotContain("sgd_pat_whatever", run.Stderr);
    }

    [Fact]
    public async Task SGD_SERVER_and_SGD_TOKEN_in_the_environment_stand_for_the_flags()
    {
        var token = await _server.NewTokenAsync();
        var name = await _server.NameAsync(await fixture.Client.DemoPolicyIdAsync());
        var environment = new Dictionary<string, string> { ["SGD_SERVER"] = _server.Url, ["SGD_TOKEN"] = token };

        var fromEnvironment = SgdOnExports.RunWith(v => environment.GetValueOrDefault(v), "lint", name, "--json");
        var fromFlags = _server.Run(token, "lint", name, "--json");

        Assert.True(fromFlags.ExitCode is 0 or 1, fromFlags.Stderr);
        Assert.Equal((fromFlags.ExitCode, fromFlags.Stdout, ""), (fromEnvironment.ExitCode, fromEnvironment.Stdout, fromEnvironment.Stderr));
        // A flag wins over the environment: a wrong token given on the line is the one used.
        var refused = SgdOnExports.RunWith(v => environment.GetValueOrDefault(v), "lint", name, "--token", "sgd_pat_wrong");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("401", refused.Stderr);
        // SGD_TOKEN alone (set for a shell) leaves sgd on files, not a usage error.
        var onFiles = SgdOnExports.RunWith(v => v == "SGD_TOKEN" ? token : null, "lint", "no-such-file.json");
        Assert.Equal(2, onFiles.ExitCode);
        Assert.DoesNotContain("--token needs --server", onFiles.Stderr);
        Assert.Contains("no-such-file.json", onFiles.Stderr);
    }

    [Fact]
    public async Task A_token_that_may_only_read_is_refused_a_write_with_the_403_and_the_servers_reason()
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/account/tokens", new { name = $"read {Guid.NewGuid():N}", scope = "read" }, TestContext.Current.CancellationToken);
        var readToken = (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("token").GetString()!;
        var name = await _server.NameAsync(await fixture.Client.DemoPolicyIdAsync());
        var file = await _files.ExportAsync(await fixture.Client.DemoPolicyIdAsync());

        var run = _server.Run(readToken, "propose", name, file, "--title", "not allowed");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {_server.Url} refused it (403 Forbidden): ", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain(readToken, run.Stderr);
    }

    [Fact]
    public void A_token_without_a_server_is_a_usage_error()
    {
        var run = SgdOnExports.Run("lint", "policy.json", "--token", "sgd_pat_whatever");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--token needs --server", run.Stderr);
    }

    /// <inheritdoc />
    public void Dispose() => _files.Dispose();
}
