using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary><c>sgd drift</c> against the AWS CLI samples: in sync with its own import, drift after a console edit.</summary>
public sealed class DriftCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string Sample => RepoPaths.AwsSample("cloudmapper-demo");

    private string ImportedPolicy()
    {
        var policy = _folder.File("policy.json");
        var import = SgdRun.Of("import", "aws", "--dir", Sample, "-o", policy);
        Assert.True(import.ExitCode == 0, import.Stderr);
        return policy;
    }

    [Fact]
    public void A_policy_imported_from_a_snapshot_is_in_sync_with_it()
    {
        var run = SgdRun.Of("drift", ImportedPolicy(), "--deployed", Sample);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("In sync: the deployment allows exactly what is designed.", run.Stdout);
    }

    [Fact]
    public void A_rule_added_in_the_console_is_drift_exit_1_naming_the_rule_and_the_flow()
    {
        var policy = ImportedPolicy();
        var snapshot = _folder.File("snapshot");
        Directory.CreateDirectory(snapshot);
        foreach (var file in Directory.GetFiles(Sample))
            File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)));
        var groupsFile = Path.Combine(snapshot, "ec2-describe-security-groups.json");
        var groups = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(groupsFile))!;
        // Someone opened 3389 to the world on the group of the "Public" instances.
        var target = groups["SecurityGroups"]!.AsArray().First(g => (string)g!["GroupName"]! == "Public")!;
        target["IpPermissions"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
             "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}
            """));
        File.WriteAllText(groupsFile, groups.ToJsonString());

        var run = SgdRun.Of("drift", policy, "--deployed", snapshot);
        var json = SgdRun.Of("drift", policy, "--deployed", snapshot, "--json");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("inbound tcp 3389 from 0.0.0.0/0 (deployed, not designed)", run.Stdout);
        Assert.Contains("deployed, not designed: tcp 3389", run.Stdout);
        Assert.Equal(1, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.False(doc.RootElement.GetProperty("inSync").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("deployedNotDesigned").GetInt32() >= 1);
    }

    [Fact]
    public void A_snapshot_that_is_not_there_or_not_json_is_exit_2_naming_it()
    {
        var policy = ImportedPolicy();
        var missing = SgdRun.Of("drift", policy, "--deployed", _folder.File("nothing.json"));
        var broken = _folder.File("broken.json");
        File.WriteAllText(broken, "{\"SecurityGroups\": [");
        var bad = SgdRun.Of("drift", policy, "--deployed", broken);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nothing.json: file not found", missing.Stderr);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("broken.json", bad.Stderr);
    }

    public void Dispose() => _folder.Dispose();
}
