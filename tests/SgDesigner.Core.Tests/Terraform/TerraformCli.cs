using System.Diagnostics;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>
/// Runs the real <c>terraform</c> offline: a CLI config of its own whose provider installation is the local
/// filesystem mirror of hashicorp/aws, no version check, no input.
/// </summary>
internal sealed class TerraformCli
{
    private readonly string _executable;
    private readonly string _configFile;

    private TerraformCli(string executable, string configFile)
    {
        _executable = executable;
        _configFile = configFile;
    }

    /// <summary>An AWS provider that never calls AWS: fake credentials, every endpoint on 127.0.0.1:9 (plans run with -refresh=false).</summary>
    public const string FakeProvider = """
        {"provider": {"aws": {
          "region": "us-east-1", "access_key": "AKIAFAKEFAKEFAKEFAKE", "secret_key": "fake",
          "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": true,
          "skip_region_validation": true, "max_retries": 1,
          "endpoints": [{"ec2": "http://127.0.0.1:9", "sts": "http://127.0.0.1:9", "iam": "http://127.0.0.1:9"}]
        }}}
        """;

    /// <summary>The provider mirror: the folder holding <c>registry.terraform.io</c> (SGD_TF_PLUGIN_MIRROR overrides it).</summary>
    public static string Mirror => Environment.GetEnvironmentVariable("SGD_TF_PLUGIN_MIRROR") is { Length: > 0 } m ? m : "/opt/tf-plugins";

    /// <summary>The <c>terraform</c> on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "terraform"))
            .FirstOrDefault(File.Exists);

    /// <summary>A runner whose CLI config is written into <paramref name="folder"/>.</summary>
    public static TerraformCli Create(string executable, string folder)
    {
        var config = Path.Combine(folder, "terraform.rc");
        File.WriteAllText(config, $$"""
            provider_installation {
              filesystem_mirror {
                path    = "{{Mirror}}"
                include = ["registry.terraform.io/*/*"]
              }
            }
            """);
        return new TerraformCli(executable, config);
    }

    /// <summary>Runs terraform with <paramref name="arguments"/> in <paramref name="directory"/>; returns the exit code and all output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string directory, CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["TF_CLI_CONFIG_FILE"] = _configFile;
        start.Environment["CHECKPOINT_DISABLE"] = "1";
        start.Environment["TF_IN_AUTOMATION"] = "1";
        start.Environment.Remove("TF_PLUGIN_CACHE_DIR");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
