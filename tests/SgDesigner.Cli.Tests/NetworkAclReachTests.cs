using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// <c>sgd reach</c> with network ACLs, on the batfish-test-subnet sample (both instances admit tcp/22 from anywhere
/// and allow all out) with Wizard1 moved to a second subnet whose ACL admits ssh but answers only to ports 1024-5000
/// and denies Wizard2 by rule 50.
/// </summary>
public sealed class NetworkAclReachTests(Samples samples) : IDisposable
{
    private const string Wizard2 = "i-08ef86e76fceabd8d";   // 10.10.1.228, stays in subnet-06c8307e34ffadb04
    private const string Wizard1 = "i-07519d6ba3f9497e4";   // 10.10.1.44, moved to subnet-0000000b
    private readonly TempFolder _folder = new();

    private string PolicyWithAcl(bool denyWizard2)
    {
        var estate = PolicyDocumentJson.Read(File.ReadAllText(samples.Policy("batfish-test-subnet"))).Document!.Estate;
        var vpc = estate.Subnets[0].VpcId;
        var moved = estate.NetworkInterfaces.Select(e => e.InstanceId == Wizard1 ? e with { SubnetId = "subnet-0000000b" } : e);
        NetworkAclEntry[] inbound = denyWizard2
            ? [new(50, IpProtocol.Tcp, 22, 22, Block("10.10.1.228/32"), AclAction.Deny), new(100, IpProtocol.Tcp, 22, 22, Block("10.10.0.0/16"), AclAction.Allow)]
            : [new(100, IpProtocol.Tcp, 22, 22, Block("10.10.0.0/16"), AclAction.Allow)];
        var acl = new NetworkAcl("acl-0000000b", vpc, false, ["subnet-0000000b"], [.. inbound],
            [new(100, IpProtocol.Tcp, 1024, 5000, Cidr.AnyV4, AclAction.Allow)]);
        return Write(_folder, denyWizard2 ? "deny.json" : "replies.json", estate with
        {
            Subnets = estate.Subnets.Add(new Subnet("subnet-0000000b", vpc, Block("10.10.2.0/24"))),
            NetworkInterfaces = [.. moved],
            NetworkAcls = [acl, .. estate.NetworkAcls],
        });
    }

    [Fact]
    public void The_text_names_the_acl_the_final_rule_and_the_dropped_replies()
    {
        var run = SgdRun.Of("reach", PolicyWithAcl(denyWizard2: false), "--from", Wizard2, "--to", Wizard1, "--protocol", "tcp", "--port", "22");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DENIED", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("replies allowed only to ports 1024–5000: Linux clients, which use 32768–60999, time out", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("request acl-0000000b (subnet-0000000b) inbound rule #100: allow", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("reply   acl-0000000b (subnet-0000000b) outbound rule *: deny", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("The reply is dropped by the network ACL.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Terraform_export_writes_the_acls_with_one_resource_per_rule()
    {
        var run = SgdRun.Of("export", "terraform", PolicyWithAcl(denyWizard2: true));
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("not exported", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"aws_network_acl\": {", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"acl-0000000b_ingress_50\": {", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rule_action\": \"deny\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_names_the_rule_number_and_the_leg()
    {
        var run = SgdRun.Of("reach", PolicyWithAcl(denyWizard2: true), "--from", Wizard2, "--to", Wizard1, "--protocol", "tcp", "--port", "22", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("allowed").GetBoolean());
        Assert.Equal("networkAcl", root.GetProperty("deniedBy").GetString());
        var acl = root.GetProperty("networkAcl");
        Assert.Equal("denied", acl.GetProperty("outcome").GetString());
        Assert.Equal("request", acl.GetProperty("droppedLeg").GetString());
        var decided = acl.GetProperty("decidedBy");
        Assert.Equal(("acl-0000000b", "subnet-0000000b", "inbound", "50", "deny"),
            (decided.GetProperty("aclId").GetString(), decided.GetProperty("subnetId").GetString(), decided.GetProperty("direction").GetString(),
             decided.GetProperty("rule").GetString(), decided.GetProperty("action").GetString()));
        Assert.Contains("rule #50 denies tcp 22 from 10.10.1.228/32", root.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Within_one_subnet_no_acl_is_crossed()
    {
        var run = SgdRun.Of("reach", samples.Policy("batfish-test-subnet"), "--from", Wizard2, "--to", Wizard1, "--protocol", "tcp", "--port", "22", "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.True(doc.RootElement.GetProperty("allowed").GetBoolean());
        Assert.False(doc.RootElement.TryGetProperty("networkAcl", out _));
    }

    [Fact]
    public void The_matrix_answers_with_the_acls_as_reach_does()
    {
        var policy = PolicyWithAcl(denyWizard2: false);
        var run = SgdRun.Of("matrix", policy);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var classOf = doc.RootElement.GetProperty("enis").EnumerateArray()
            .Where(e => e.TryGetProperty("instance", out var i) && i.ValueKind == JsonValueKind.String)
            .ToDictionary(e => e.GetProperty("instance").GetString()!, e => e.GetProperty("class").GetInt32());
        // Wizard2 → Wizard1 crosses subnet-0000000b's ACL, whose replies reach only ports 1024-5000: no tcp 22 in the cell.
        var cell = doc.RootElement.GetProperty("cells").EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("from").GetInt32() == classOf[Wizard2] && c.GetProperty("to").GetInt32() == classOf[Wizard1]);
        var tcp22 = cell.ValueKind == JsonValueKind.Object && cell.GetProperty("allowed").EnumerateArray().Any(e =>
            e.GetProperty("protocol").GetString() == "all"
            || e.GetProperty("protocol").GetString() == "tcp" && e.GetProperty("ports").EnumerateArray().Any(r => r[0].GetInt32() <= 22 && 22 <= r[1].GetInt32()));
        Assert.False(tcp22);
        var reach = SgdRun.Of("reach", policy, "--from", Wizard2, "--to", Wizard1, "--protocol", "tcp", "--port", "22");
        Assert.StartsWith("DENIED", reach.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_reads_the_network_acls_flag()
    {
        var output = _folder.File("acls.json");
        var sample = RepoPaths.AwsSample("batfish-test-subnet");
        var run = SgdRun.Of("import", "aws", "--security-groups", Path.Combine(sample, "SecurityGroups.json"),
            "--network-acls", Path.Combine(sample, "NetworkAcls.json"), "--subnets", Path.Combine(sample, "Subnets.json"), "-o", output);
        Assert.Equal(0, run.ExitCode);
        var acl = Assert.Single(PolicyDocumentJson.Read(File.ReadAllText(output)).Document!.Estate.NetworkAcls);
        Assert.Equal("acl-07102431133dec52a", acl.Id);
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
