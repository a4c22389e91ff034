using System.Diagnostics;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary>The built assembly is <c>sgd.dll</c> and its exit codes reach the shell.</summary>
public sealed class SgdProcessTests(Samples samples)
{
    [Fact]
    public async Task The_built_sgd_dll_runs_as_a_process_with_the_contract_exit_codes()
    {
        var ok = await RunAsync("reach", samples.Policy("batfish-test-subnet"), "--from", "8.8.8.8", "--to", "10.10.1.44", "--protocol", "tcp", "--port", "22");
        Assert.Equal(0, ok.ExitCode);
        Assert.StartsWith("ALLOWED", ok.Stdout);

        var bad = await RunAsync("reach", samples.Policy("batfish-test-subnet"), "--bogus");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown option '--bogus'", bad.Stderr);
        Assert.Empty(bad.Stdout);
    }

    private static async Task<SgdRun> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "sgd.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        return new SgdRun(process.ExitCode, await stdout, await stderr);
    }
}
