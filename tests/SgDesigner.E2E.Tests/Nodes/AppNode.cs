using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.E2E.Tests.Nodes;

/// <summary>
/// The built app started as its own operating-system process (<c>dotnet SgDesigner.Web.dll</c>), configured through
/// environment variables as a deployment would be, listening on a free port of 127.0.0.1.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the node listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's operating-system process id (the <c>dotnet</c> host runs the app in its own process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the process wrote so far, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts a node with <paramref name="settings"/> (configuration keys) and waits until its health check answers.</summary>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, CancellationToken ct)
    {
        // The test's own build configuration (bin/Release/net10.0 or bin/Debug/net10.0) built the app too.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var web = RepositoryRoot.Path("src", "SgDesigner.Web");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "SgDesigner.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} was not built");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var limit in (string[])["SignIn", "SignUp", "TokenCreation", "Import"])
            start.Environment[$"RateLimits__{limit}"] = "0";
        // As the suites' in-process apps: no engine compiled ahead beside the test (StartupWarmUpTests covers it).
        start.Environment["WarmUp__Enabled"] = "false";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new AppNode(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => node.Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitHealthyAsync(ct);
        return node;
    }

    private void Append(string name, string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Append(name).Append(": ").AppendLine(line);
    }

    private async Task WaitHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the app node exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/healthz", ct)).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Busy starting.
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"the app node at {BaseAddress} did not answer /healthz within two minutes:\n{Output}");
    }

    /// <summary>A loopback port nothing listens on a moment ago.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
