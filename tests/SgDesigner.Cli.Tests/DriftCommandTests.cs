using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;

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

    [Fact]
    public void A_terraform_state_whose_network_acl_denies_a_designed_flow_is_drift_exit_1()
    {
        // web (subnet-1) → db (subnet-2, under acl-db) on 5432, designed open; the state's acl-db denies it from subnet-1.
        NetworkAclEntry All() => new(100, IpProtocol.All, -1, -1, Cidr.AnyV4, AclAction.Allow);
        var designed = Policies.Estate(
            [Policies.Group("sg-web", "web", Policies.EgressAll("sgr-web-out")), Policies.Group("sg-db", "db", Policies.Inbound("sgr-db-in", IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-web")))],
            [Policies.Eni("eni-web", "10.0.1.10", "sg-web"), Policies.Eni("eni-db", "10.0.2.20", "sg-db") with { SubnetId = "subnet-2" }]);
        designed = designed with
        {
            Subnets = [.. designed.Subnets, new Subnet("subnet-2", "vpc-1", Policies.Block("10.0.2.0/24"))],
            NetworkAcls = [new NetworkAcl("acl-db", "vpc-1", false, ["subnet-2"], [All()], [All()])],
        };
        var policy = Policies.Write(_folder, "acl.policy.json", designed);
        const string block = """{"protocol": "PROTO", "from_port": PORT, "to_port": PORT, "cidr_blocks": CIDRS, "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": GROUPS, "self": false, "description": ""}""";
        var egressAll = block.Replace("PROTO", "-1").Replace("PORT", "0").Replace("CIDRS", """["0.0.0.0/0"]""").Replace("GROUPS", "[]");
        var fromWeb = block.Replace("PROTO", "tcp").Replace("PORT", "5432").Replace("CIDRS", "[]").Replace("GROUPS", """["sg-web"]""");
        const string entry = """{"rule_no": NUMBER, "action": "ACTION", "protocol": "PROTO", "cidr_block": "CIDR", "ipv6_cidr_block": "", "from_port": PORT, "to_port": PORT, "icmp_type": 0, "icmp_code": 0}""";
        var deny = entry.Replace("NUMBER", "50").Replace("ACTION", "deny").Replace("PROTO", "6").Replace("CIDR", "10.0.1.0/24").Replace("PORT", "5432");
        var allow = entry.Replace("NUMBER", "100").Replace("ACTION", "allow").Replace("PROTO", "-1").Replace("CIDR", "0.0.0.0/0").Replace("PORT", "0");
        var state = _folder.Write("state.json", """
            {"format_version": "1.0", "terraform_version": "1.11.0", "values": {"root_module": {"resources": [
              {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
               "values": {"id": "sg-web", "vpc_id": "vpc-1", "name": "web", "description": "web", "ingress": [], "egress": [EGRESS_ALL]}},
              {"address": "aws_security_group.db", "mode": "managed", "type": "aws_security_group", "name": "db",
               "values": {"id": "sg-db", "vpc_id": "vpc-1", "name": "db", "description": "db", "ingress": [FROM_WEB], "egress": []}},
              {"address": "aws_network_acl.db", "mode": "managed", "type": "aws_network_acl", "name": "db",
               "values": {"id": "acl-db", "vpc_id": "vpc-1", "subnet_ids": ["subnet-2"], "ingress": [DENY, ALLOW], "egress": [ALLOW]}}
            ]}}}
            """.Replace("EGRESS_ALL", egressAll).Replace("FROM_WEB", fromWeb).Replace("DENY", deny).Replace("ALLOW", allow));

        var run = SgdRun.Of("drift", policy, "--deployed", state);

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("designed, not deployed: tcp 5432", run.Stdout);
        Assert.DoesNotContain("deployed, not designed", run.Stdout);
    }

    [Fact]
    public void A_state_whose_acl_rule_names_its_acl_with_a_number_is_exit_2_naming_the_address_and_field()
    {
        var state = _folder.Write("state.json", """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_network_acl_rule.ssh", "mode": "managed", "type": "aws_network_acl_rule", "name": "ssh",
               "values": {"id": "nacl-1", "network_acl_id": 42, "rule_number": 50, "egress": false, "protocol": "6", "rule_action": "deny",
                 "cidr_block": "10.0.1.0/24", "from_port": 22, "to_port": 22}}]}}}
            """);

        var run = SgdRun.Of("drift", ImportedPolicy(), "--deployed", state);

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.StartsWith($"sgd: {state}:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("aws_network_acl_rule.ssh.network_acl_id: expected a string, found a number", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state.json", """{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "values": {"id": "vpc-1", "cidr_block": "10.0.0.0/16"}}]}}}""", "the state holds no aws_security_group or aws_default_security_group")]
    [InlineData("SecurityGroups.json", """{"SecurityGroups": []}""", "the snapshot holds no security group")]
    public void A_snapshot_without_any_security_group_is_exit_2_as_the_upload_refuses_it(string name, string text, string message)
    {
        var snapshot = _folder.Write(name, text);

        var run = SgdRun.Of("drift", ImportedPolicy(), "--deployed", snapshot);

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    public void Dispose() => _folder.Dispose();
}
