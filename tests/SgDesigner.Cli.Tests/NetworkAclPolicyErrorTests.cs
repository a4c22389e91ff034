using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// A policy file or AWS CLI output with a network ACL that AWS would never hold is exit 2 with one line naming the
/// file, the place and the problem, whichever command reads it; nothing is written.
/// </summary>
public sealed class NetworkAclPolicyErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string PolicyWith(NetworkAcl acl) => Write(_folder, "acl.json",
        Estate([Group("sg-00000001", "web", EgressAll("sgr-1"))], [Eni("eni-00000001", "10.0.1.10", "sg-00000001")]) with
        {
            NetworkAcls = [new NetworkAcl("acl-00000000", "vpc-1", true, [], [], []), acl],
        });

    private static NetworkAcl Acl(string id = "acl-00000001", string subnet = "subnet-1", int ruleNumber = 100) =>
        new(id, "vpc-1", false, [subnet], [new(ruleNumber, IpProtocol.Tcp, 22, 22, Cidr.AnyV4, AclAction.Allow)], []);

    [Theory]
    [InlineData("lint")]
    [InlineData("export terraform")]
    [InlineData("matrix")]
    public void A_rule_number_out_of_range_is_exit_2_naming_the_acl_and_rule(string command)
    {
        var policy = PolicyWith(Acl(ruleNumber: 40000));
        var output = _folder.File("out.txt");
        var run = SgdRun.Of([.. command.Split(' '), policy, "-o", output]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"sgd: {policy}: $.networkAcls[1].inbound[0].ruleNumber: 40000 is out of range 1–32766", run.ErrorLine);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_id_of_100_kb_is_exit_2_without_repeating_the_id()
    {
        var policy = PolicyWith(Acl(id: "acl-" + new string('a', 100_000)));
        var run = SgdRun.Of("lint", policy);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"sgd: {policy}: $.networkAcls[1].id: the network ACL id is 100004 characters long; the limit is 128", run.ErrorLine);
    }

    [Fact]
    public void An_id_with_a_nul_is_exit_2()
    {
        var policy = PolicyWith(Acl(id: "acl-0000\0"));
        var run = SgdRun.Of("lint", policy);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {policy}: $.networkAcls[1].id: the network ACL id ", run.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_association_with_a_subnet_not_in_the_policy_is_exit_2()
    {
        var policy = PolicyWith(Acl(subnet: "subnet-9"));
        var run = SgdRun.Of("reach", policy, "--from", "eni-00000001", "--to", "10.9.9.9", "--protocol", "tcp", "--port", "22");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"sgd: {policy}: $.networkAcls[1].subnetIds[0]: subnet 'subnet-9' is not in the policy", run.ErrorLine);
    }

    [Fact]
    public void Aws_cli_output_with_a_rule_number_out_of_range_is_refused_and_nothing_written()
    {
        var groups = _folder.Write("SecurityGroups.json", """{ "SecurityGroups": [] }""");
        var acls = _folder.Write("NetworkAcls.json", """
            { "NetworkAcls": [ { "NetworkAclId": "acl-00000001", "VpcId": "vpc-1", "IsDefault": false, "Associations": [],
              "Entries": [ { "RuleNumber": 40000, "Protocol": "6", "PortRange": { "From": 22, "To": 22 }, "Egress": false,
                             "CidrBlock": "0.0.0.0/0", "RuleAction": "allow" } ] } ] }
            """);
        var output = _folder.File("out.json");
        var run = SgdRun.Of("import", "aws", "--security-groups", groups, "--network-acls", acls, "-o", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("networkAcls[0].inbound[0].ruleNumber: 40000 is out of range 1–32766", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Aws_cli_output_associating_a_subnet_it_does_not_describe_is_refused()
    {
        var groups = _folder.Write("SecurityGroups.json", """{ "SecurityGroups": [] }""");
        var acls = _folder.Write("NetworkAcls.json", """
            { "NetworkAcls": [ { "NetworkAclId": "acl-00000001", "VpcId": "vpc-1", "IsDefault": false,
              "Associations": [ { "NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-00000001", "SubnetId": "subnet-9" } ],
              "Entries": [] } ] }
            """);
        var run = SgdRun.Of("import", "aws", "--security-groups", groups, "--network-acls", acls);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("networkAcls[0].subnetIds[0]: subnet 'subnet-9' is not in the policy", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
