using System.Diagnostics;
using System.Text.Json;
using SgDesigner.Web.Hosting;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Contract;

/// <summary>
/// The document the running app serves, linted with redocly's recommended rules and spectral's <c>oas</c> ruleset
/// (pinned in tests/openapi/package.json; tests/run.sh installs them with <c>npm ci</c>).
/// </summary>
public sealed class OpenApiLintTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static readonly string LintFolder = RepositoryRoot.Path("tests", "openapi");
    private readonly string _documentFile = Path.Combine(Path.GetTempPath(), $"sgd-openapi-{Guid.NewGuid():N}.json");
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redocly_recommended_rules_find_no_errors_in_the_served_document()
    {
        var output = await LintAsync("redocly", "lint", "--config", "redocly.yaml", "--format", "json", _documentFile);

        var report = FirstJsonValue(output);
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .ToList();
        Assert.True(report.GetProperty("totals").GetProperty("errors").GetInt32() == 0, "redocly:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task Spectral_oas_rules_find_no_warnings_in_the_served_document()
    {
        var output = await LintAsync("spectral", "lint", "--ruleset", ".spectral.yaml", "--format", "json", "--fail-severity", "error", _documentFile);

        // Severity 0 is an error, 1 a warning; 2 and 3 are hints the ruleset does not raise.
        var findings = FirstJsonValue(output).EnumerateArray()
            .Where(f => f.GetProperty("severity").GetInt32() <= 1)
            .Select(f => $"{f.GetProperty("code").GetString()}: {f.GetProperty("message").GetString()} at {string.Join('.', f.GetProperty("path").EnumerateArray())}")
            .ToList();
        Assert.True(findings.Count == 0, $"spectral, {findings.Count} errors and warnings:\n" + string.Join('\n', findings));
    }

    // Writes the served document to a file and runs one linter on it from tests/openapi; skips only without node.
    private async Task<string> LintAsync(params string[] arguments)
    {
        if (!OnPath("node") || !OnPath("npx"))
            Assert.Skip("node and npx are not installed: the OpenAPI lint needs them (CI has them; tests/run.sh installs the linters with npm ci).");
        Assert.True(Directory.Exists(Path.Combine(LintFolder, "node_modules", "@redocly")) && Directory.Exists(Path.Combine(LintFolder, "node_modules", "@stoplight")),
            $"the linters are not installed: run 'npm ci' in {LintFolder} (tests/run.sh does)");
        var document = await fixture.Anonymous.GetStringAsync(OpenApiEndpoints.DocumentPath, Token);
        await File.WriteAllTextAsync(_documentFile, document, Token);

        var start = new ProcessStartInfo("npx") { WorkingDirectory = LintFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--no-install", .. arguments])
            start.ArgumentList.Add(argument);
        // Offline-tolerant: no telemetry and no update check.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        string output, errors;
        int exitCode;
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Token);
            var stderr = process.StandardError.ReadToEndAsync(Token);
            await process.WaitForExitAsync(Token);
            (output, errors, exitCode) = (await stdout, await stderr, process.ExitCode);
        }
        finally
        {
            File.Delete(_documentFile);
        }
        Assert.True(output.Contains('{', StringComparison.Ordinal) || output.Contains('[', StringComparison.Ordinal),
            $"{arguments[0]} printed no report (exit {exitCode}):\n{output}\n{errors}");
        return output;
    }

    // The report, without any notice a tool prints before or after it (spectral adds "No results with a severity of …").
    private static JsonElement FirstJsonValue(string output)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(output[output.IndexOfAny(['{', '['])..]));
        using var report = JsonDocument.ParseValue(ref reader);
        return report.RootElement.Clone();
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));
}
