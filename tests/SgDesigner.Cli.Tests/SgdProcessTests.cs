using System.Diagnostics;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Synthetic;

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

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_during_a_large_matrix_stops_it_cleanly_and_leaves_no_output_file(string signal, int exitCode)
    {
        using var folder = new TempFolder();
        var policy = folder.Write("large.json", PolicyDocumentJson.Write(new PolicyDocument(
            "large", null, EstateGenerator.Generate(new EstateGeneratorOptions(2000, 200, 4000, Seed: 7)))));
        var output = folder.File("matrix.csv");
        using var process = Start("matrix", policy, "--format", "csv", "-o", output);
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);

        // The temporary file appears when the matrix starts being written: that is the long part; interrupt it there.
        await WaitForFileAsync(folder.Path, "*.sgd-tmp", token);
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(token);
        await process.WaitForExitAsync(token);

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Equal("sgd: cancelled", (await stderr).Trim());
        Assert.Empty(await stdout);
        Assert.Equal(["large.json"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName));
    }

    private static async Task WaitForFileAsync(string folder, string pattern, CancellationToken token)
    {
        using var watcher = new FileSystemWatcher(folder, pattern) { EnableRaisingEvents = true };
        var created = new TaskCompletionSource();
        watcher.Created += (_, _) => created.TrySetResult();
        if (!Directory.EnumerateFiles(folder, pattern).Any())
            await created.Task.WaitAsync(token);
    }

    private static Process Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "sgd.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static async Task<SgdRun> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        return new SgdRun(process.ExitCode, await stdout, await stderr);
    }
}
