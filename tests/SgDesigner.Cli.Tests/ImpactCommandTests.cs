using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// <c>sgd impact --plan</c> on plans in the shape <c>terraform show -json tfplan</c> prints (plans made by the real
/// Terraform are in SgDesigner.Core.Tests' PlanImpactTerraformTests): exit codes, the resources named, bad input.
/// </summary>
public sealed class ImpactCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // db gains "5432 from web" (a rule resource on a group the plan does not hold); a new group "cache" (the policy's
    // sg-cache by VPC and name) gets "6379 from web", its group id known only after apply.
    private const string Plan = """
        {"format_version": "1.2", "terraform_version": "1.11.0",
         "resource_changes": [
          {"address": "aws_vpc_security_group_ingress_rule.db_from_web", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "db_from_web",
           "change": {"actions": ["create"], "before": null,
             "after": {"security_group_id": "sg-db", "referenced_security_group_id": "sg-web", "ip_protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_ipv4": null, "description": null, "tags": null},
             "after_unknown": {"id": true, "arn": true}}},
          {"address": "aws_security_group.cache", "mode": "managed", "type": "aws_security_group", "name": "cache",
           "change": {"actions": ["create"], "before": null, "after": {"name": "cache", "description": "cache", "vpc_id": "vpc-1", "tags": null},
             "after_unknown": {"id": true, "ingress": true, "egress": true}}},
          {"address": "aws_vpc_security_group_ingress_rule.cache_from_web", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "cache_from_web",
           "change": {"actions": ["create"], "before": null,
             "after": {"referenced_security_group_id": "sg-web", "ip_protocol": "tcp", "from_port": 6379, "to_port": 6379},
             "after_unknown": {"id": true, "security_group_id": true}}},
          {"address": "aws_instance.new", "mode": "managed", "type": "aws_instance", "name": "new",
           "change": {"actions": ["create"], "before": null, "after": {"ami": "ami-1"}, "after_unknown": {"id": true}}}
         ],
         "configuration": {"root_module": {"resources": [
          {"address": "aws_vpc_security_group_ingress_rule.cache_from_web", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "cache_from_web",
           "expressions": {"security_group_id": {"references": ["aws_security_group.cache.id", "aws_security_group.cache"]}}}
         ]}}}
        """;

    private string Policy() => Write(_folder, "policy.json", Estate(
        [Group("sg-web", "web", EgressAll("sgr-web-out")), Group("sg-db", "db"), Group("sg-cache", "cache")],
        [Eni("eni-web", "10.0.1.10", "sg-web"), Eni("eni-db", "10.0.1.20", "sg-db"), Eni("eni-cache", "10.0.1.30", "sg-cache")]));

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_plan_that_opens_flows_exits_1_naming_the_resources_behind_them()
    {
        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", Plan), "--policy", Policy());

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("Plan: 3 security-group/network-ACL resource(s) change (3 create).", run.Stdout);
        Assert.Contains("Not modelled: 1 other resource change(s): aws_instance.new.", run.Stdout);
        Assert.Contains("sg-cache is aws_security_group.cache", run.Stdout);
        Assert.Contains("opens  tcp 5432 by sg-db aws_vpc_security_group_ingress_rule.db_from_web", run.Stdout);
        Assert.Contains("opens  tcp 6379 by sg-cache aws_vpc_security_group_ingress_rule.cache_from_web", run.Stdout);
        Assert.Contains("The plan opens flows: review them.", run.Stdout);
    }

    [Fact]
    public void An_assertion_the_plan_breaks_blocks_it_with_exit_3()
    {
        var assertions = WriteText("flows.jsonl", """{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 5432, "expect": "deny", "name": "db stays closed"}""");
        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", Plan), "--policy", Policy(), "--assertions", assertions, "--json");

        Assert.True(run.ExitCode == 3, run.Stdout + run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var broken = Assert.Single(doc.RootElement.GetProperty("brokenAssertions").EnumerateArray());
        Assert.Equal("db stays closed", broken.GetProperty("name").GetString());
        Assert.Equal("blocked", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("aws_security_group.cache", doc.RootElement.GetProperty("groupAddresses").GetProperty("sg-cache").GetString());
    }

    [Fact]
    public void A_plan_that_only_closes_or_changes_nothing_exits_0()
    {
        var plan = """
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_vpc_security_group_egress_rule.web_out", "mode": "managed", "type": "aws_vpc_security_group_egress_rule", "name": "web_out",
               "change": {"actions": ["delete"], "before": {"id": "sgr-web-out", "security_group_id": "sg-web", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}, "after": null}}]}
            """;
        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", plan), "--policy", Policy());

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("- aws_vpc_security_group_egress_rule.web_out", run.Stdout);
        Assert.Contains("closes all by sg-web aws_vpc_security_group_egress_rule.web_out", run.Stdout);
        Assert.Contains("The plan opens nothing.", run.Stdout);
    }

    [Theory]
    [InlineData("""{"format_version": "1.0", "values": {"root_module": {}}}""", "this is a Terraform state (terraform show -json), not a plan")]
    [InlineData("""{"format_version": "1.2"}""", "not a Terraform plan: expected resource_changes")]
    [InlineData("""{"resource_changes": [{"address": "a.b", "type": "aws_security_group", "change": {"actions": ["explode"]}}]}""", "$.resource_changes[0].change.actions: unknown actions [explode]")]
    [InlineData("{\"resource_changes\": [", "plan.json")]
    public void A_file_that_is_not_a_plan_is_exit_2_naming_the_place(string text, string expected)
    {
        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", text));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void State_and_policy_together_are_exit_2()
    {
        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", Plan), "--policy", Policy(), "--state", WriteText("state.json", "{}"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give --state or --policy, not both", run.Stderr);
    }

    // web (subnet-1) → db (subnet-2, under acl-db) on 5432; the ACL allows all unless acl-db denies 5432 from subnet-1 at #50.
    private string AclPolicy(bool denied)
    {
        var estate = Estate(
            [Group("sg-web", "web", EgressAll("sgr-web-out")), Group("sg-db", "db", Inbound("sgr-db-in", IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-web")))],
            [Eni("eni-web", "10.0.1.10", "sg-web"), Eni("eni-db", "10.0.2.20", "sg-db") with { SubnetId = "subnet-2" }]);
        NetworkAclEntry All(int number, AclAction action) => new(number, IpProtocol.All, -1, -1, Cidr.AnyV4, action);
        var deny = new NetworkAclEntry(50, IpProtocol.Tcp, 5432, 5432, Block("10.0.1.0/24"), AclAction.Deny);
        var acl = new NetworkAcl("acl-db", "vpc-1", false, ["subnet-2"], denied ? [deny, All(100, AclAction.Allow)] : [All(100, AclAction.Allow)], [All(100, AclAction.Allow)]);
        return Write(_folder, "acl.policy.json", estate with { Subnets = [.. estate.Subnets, new Subnet("subnet-2", "vpc-1", Block("10.0.2.0/24"))], NetworkAcls = [acl] });
    }

    private static string AclRulePlan(string action) => """
        {"format_version": "1.2", "resource_changes": [
          {"address": "aws_network_acl_rule.db_deny_web", "mode": "managed", "type": "aws_network_acl_rule", "name": "db_deny_web",
           "change": {"actions": ["ACTION"], "before": BEFORE, "after": AFTER}}]}
        """.Replace("ACTION", action, StringComparison.Ordinal)
        .Replace("BEFORE", action == "create" ? "null" : AclDeny.Replace("{", """{"id": "nacl-1", """, StringComparison.Ordinal), StringComparison.Ordinal)
        .Replace("AFTER", action == "create" ? AclDeny : "null", StringComparison.Ordinal);

    private const string AclDeny = """
        {"network_acl_id": "acl-db", "rule_number": 50, "egress": false, "protocol": "6", "rule_action": "deny", "cidr_block": "10.0.1.0/24", "from_port": 5432, "to_port": 5432}
        """;

    [Fact]
    public void A_network_acl_rule_that_closes_a_flow_exits_0_naming_it_and_3_when_an_assertion_expects_the_flow()
    {
        var plan = WriteText("plan.json", AclRulePlan("create"));
        var run = SgdRun.Of("impact", "--plan", plan, "--policy", AclPolicy(denied: false));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("+ aws_network_acl_rule.db_deny_web", run.Stdout);
        Assert.Contains("closes tcp 5432", run.Stdout);
        Assert.Contains("  by network ACL aws_network_acl_rule.db_deny_web", run.Stdout);
        Assert.DoesNotContain("Not modelled", run.Stdout);

        var assertions = WriteText("flows.jsonl", """{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 5432, "expect": "allow"}""");
        var gated = SgdRun.Of("impact", "--plan", plan, "--policy", AclPolicy(denied: false), "--assertions", assertions, "--json");
        Assert.True(gated.ExitCode == 3, gated.Stdout + gated.Stderr);
        using var doc = JsonDocument.Parse(gated.Stdout);
        Assert.Contains(doc.RootElement.GetProperty("reachability").EnumerateArray(),
            c => c.GetProperty("aclRules").EnumerateArray().Select(a => a.GetString()).SequenceEqual(["aws_network_acl_rule.db_deny_web"]));
    }

    [Fact]
    public void A_deleted_network_acl_deny_rule_opens_the_flow_and_exits_1()
    {
        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", AclRulePlan("delete")), "--policy", AclPolicy(denied: true));

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("- aws_network_acl_rule.db_deny_web", run.Stdout);
        Assert.Contains("opens  tcp 5432", run.Stdout);
        Assert.Contains("  by network ACL aws_network_acl_rule.db_deny_web", run.Stdout);
    }

    [Theory]
    [InlineData("\"network_acl_id\": \"acl-db\"", "\"network_acl_id\": 17", "aws_network_acl_rule.db_deny_web.network_acl_id: expected a string, found a number")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": \"abc\"", "rule_number: expected an integer, found a string")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": 0", "rule_number: rule number 0 is out of range 1–32766")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": 32767", "rule_number: rule number 32767 is out of range 1–32766")]
    public void An_acl_rule_of_the_wrong_type_or_out_of_range_is_exit_2_naming_the_plan_its_address_and_field(string value, string wrong, string problem)
    {
        var plan = WriteText("plan.json", AclRulePlan("create").Replace(value, wrong, StringComparison.Ordinal));

        var run = SgdRun.Of("impact", "--plan", plan, "--policy", AclPolicy(denied: false));

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.StartsWith($"sgd: {plan}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("aws_network_acl_rule.db_deny_web", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_state_whose_acl_association_names_its_subnet_with_a_number_is_exit_2_not_a_warning()
    {
        var state = WriteText("state.json", """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_network_acl_association.db", "mode": "managed", "type": "aws_network_acl_association", "name": "db",
               "values": {"id": "aclassoc-1", "network_acl_id": "acl-db", "subnet_id": 2}}]}}}
            """);

        var run = SgdRun.Of("impact", "--plan", WriteText("plan.json", AclRulePlan("create")), "--state", state);

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"{state}: aws_network_acl_association.db.subnet_id: expected a string, found a number", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
