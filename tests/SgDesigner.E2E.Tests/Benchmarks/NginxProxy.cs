using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SgDesigner.E2E.Tests.Nodes;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// Debian's nginx (<c>/usr/sbin/nginx</c>) in front of app nodes, proxying as deploy/nginx/two-nodes.conf does, with two
/// differences for a benchmark: round robin instead of <c>ip_hash</c> (the load generator is one client address, which
/// <c>ip_hash</c> would pin to one node; API calls need no stickiness) and kept-alive connections to the nodes.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _folder;
    private int _counted;

    private NginxProxy(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the proxy listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// How many requests each node answered since the last call (from nginx's access log of upstream addresses), as
    /// "127.0.0.1:port×count" in port order.
    /// </summary>
    public string TakeRequestsPerNode()
    {
        var log = Path.Combine(_folder, "upstream.log");
        var lines = File.Exists(log) ? File.ReadAllLines(log) : [];
        var counted = lines.Skip(_counted).GroupBy(l => l).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}");
        _counted = lines.Length;
        return string.Join(", ", counted);
    }

    /// <summary>Starts nginx in the foreground with its own prefix folder, proxying to <paramref name="nodes"/>, and waits until it listens.</summary>
    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> nodes, CancellationToken ct)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's nginx package (apt-get install -y nginx-light)");
        var folder = Directory.CreateTempSubdirectory("sgd-nginx-").FullName;
        var port = AppNode.FreePort();
        var servers = string.Concat(nodes.Select(n => $"        server {n.Host}:{n.Port};\n"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                # Which node answered each request: the benchmark counts them per node.
                log_format nodes '$upstream_addr';
                access_log {{folder}}/upstream.log nodes;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                # Answers are kept in memory: the workers may not write to this folder.
                proxy_max_temp_file_size 0;
                upstream sgdesigner {
            {{servers}}        keepalive 64;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 64m;
                    location / {
                        proxy_pass http://sgdesigner;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """, ct);
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-p", folder, "-c", config])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var proxy = new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{port}"));
        await proxy.WaitListeningAsync(port, ct);
        return proxy;
    }

    private async Task WaitListeningAsync(int port, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync(ct)}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct); // nginx reads its configuration and binds
            }
        }
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
        Directory.Delete(_folder, recursive: true);
    }
}
