using SgDesigner.Core.Answers;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Plans;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.Plans;

/// <summary>
/// Network-ACL resources in hand-written plans (the shape <c>terraform show -json tfplan</c> prints) and states, on
/// <see cref="Support.AclEstates"/>: ENIs a1, a2 in subnet-a, b1 in subnet-b, one group allowing everything, so only
/// the ACLs decide. Plans made by the real Terraform are in <see cref="PlanImpactTerraformTests"/>.
/// </summary>
public sealed class PlanImpactAclTests
{
    private static readonly NetworkAcl OpenB = Acl("acl-b", "subnet-b", AllowAll, AllowAll);

    private static PlanImpact Impact(string resourceChanges, Estate policy, string configuration = "[]")
    {
        var plan = TerraformPlanReader.Read($$$"""
            {"format_version": "1.2", "terraform_version": "1.11.0", "resource_changes": [{{{resourceChanges}}}],
             "configuration": {"root_module": {"resources": {{{configuration}}} } } }
            """, "plan.json");
        Assert.True(plan.IsOk, plan.Error);
        var impact = PlanImpact.Of(plan.Value, policy, []);
        Assert.True(impact.IsOk, impact.Error);
        return impact.Value;
    }

    private static string Rule(string action, string before, string after) => $$$"""
        {"address": "aws_network_acl_rule.ssh_from_a", "mode": "managed", "type": "aws_network_acl_rule", "name": "ssh_from_a",
         "change": {"actions": ["{{{action}}}"], "before": {{{before}}}, "after": {{{after}}}, "after_unknown": {"id": {{{(after == "null" ? "false" : "true")}}} } } }
        """;

    private const string DenySsh = """
        {"network_acl_id": "acl-b", "rule_number": 50, "egress": false, "protocol": "tcp", "rule_action": "deny",
         "cidr_block": "10.0.1.0/24", "ipv6_cidr_block": null, "from_port": 22, "to_port": 22, "icmp_type": null, "icmp_code": null}
        """;

    [Fact]
    public void A_created_deny_rule_closes_the_flow_and_names_its_resource()
    {
        var impact = Impact(Rule("create", "null", DenySsh), With(OpenB));

        Assert.False(impact.Opens);
        // Closed from a's ENIs and from the rest of a's block (outside the estate) alike.
        Assert.Equal(2, impact.Flows.Changes.Length);
        Assert.Contains(impact.Flows.Changes, c => c.From.SampleEniIds.SequenceEqual(["eni-a1", "eni-a2"]) && c.To.SampleEniIds.SequenceEqual(["eni-b1"]));
        Assert.All(impact.Flows.Changes, c => Assert.Equal("tcp 22", c.Closed.ToString()));
        Assert.All(impact.AclRulesOfFlows, rules => Assert.Equal(["aws_network_acl_rule.ssh_from_a"], rules));
        Assert.Contains(impact.Changes, c => c.Address == "aws_network_acl_rule.ssh_from_a" && c.Action == PlanAction.Create);
        Assert.Empty(impact.NotRead);
        Assert.Equal(0, PlanImpactAnswer.ExitCode(impact));
        Assert.Contains("\"aclRules\":[\"aws_network_acl_rule.ssh_from_a\"]", PlanImpactAnswer.Json(impact).Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_deny_rule_opens_the_flow_and_names_its_resource()
    {
        var policy = With(OpenB with { Inbound = [Deny(50, "tcp", 22, 22, "10.0.1.0/24"), .. AllowAll] });
        var before = DenySsh.Replace("{", """{"id": "nacl-2f3c", """, StringComparison.Ordinal);

        var impact = Impact(Rule("delete", before, "null"), policy);

        Assert.True(ReachabilityDiff.Compare(policy, impact.Before).IsEmpty, "before the plan is not the policy");
        Assert.Contains(impact.Flows.Changes, c => c.From.SampleEniIds.SequenceEqual(["eni-a1", "eni-a2"]) && c.To.SampleEniIds.SequenceEqual(["eni-b1"]));
        Assert.All(impact.Flows.Changes, c => Assert.Equal("tcp 22", c.Opened.ToString()));
        Assert.All(impact.AclRulesOfFlows, rules => Assert.Equal(["aws_network_acl_rule.ssh_from_a"], rules));
        Assert.Equal(1, PlanImpactAnswer.ExitCode(impact));
        Assert.Empty(impact.After.NetworkAcls.Single(a => a.Id == "acl-b").Inbound.Where(e => e.Action == AclAction.Deny));
    }

    [Fact]
    public void A_deposed_object_at_the_address_of_the_current_one_is_deleted_beside_it_not_read_in_its_place()
    {
        // A create_before_destroy replacement that failed half way: the old rule (deny ssh at #50) is deposed and the
        // new one (deny rdp at #60) is current; the next plan keeps the current one and destroys the deposed one.
        var rdp = DenySsh.Replace("50", "60", StringComparison.Ordinal).Replace("22", "3389", StringComparison.Ordinal).Replace("{", """{"id": "nacl-new", """, StringComparison.Ordinal);
        var ssh = DenySsh.Replace("{", """{"id": "nacl-old", """, StringComparison.Ordinal);
        var deposed = Rule("delete", ssh, "null").Replace("\"mode\"", "\"deposed\": \"1a2b3c4d\", \"mode\"", StringComparison.Ordinal);
        var policy = With(OpenB with { Inbound = [Deny(50, "tcp", 22, 22, "10.0.1.0/24"), Deny(60, "tcp", 3389, 3389, "10.0.1.0/24"), .. AllowAll] });

        var impact = Impact(Rule("update", rdp, rdp) + "," + deposed, policy);

        Assert.True(ReachabilityDiff.Compare(policy, impact.Before).IsEmpty, "before the plan is not the policy: one object replaced the other");
        Assert.All(impact.Flows.Changes, c => Assert.Equal("tcp 22", c.Opened.ToString()));
        Assert.NotEmpty(impact.Flows.Changes);
        Assert.All(impact.AclRulesOfFlows, rules => Assert.Equal(["aws_network_acl_rule.ssh_from_a (deposed object 1a2b3c4d)"], rules));
        var gone = Assert.Single(impact.Changes, c => c.Action == PlanAction.Delete);
        Assert.Equal("aws_network_acl_rule.ssh_from_a (deposed object 1a2b3c4d)", gone.Address);
        Assert.Equal([(60, AclAction.Deny), (100, AclAction.Allow), (101, AclAction.Allow)],
            impact.After.NetworkAcls.Single(a => a.Id == "acl-b").Inbound.Select(e => (e.RuleNumber, e.Action)).Order());
    }

    [Theory]
    [InlineData("create")]
    [InlineData("update")]
    public void A_deposed_object_planned_as_anything_but_its_deletion_is_an_error_at_its_actions(string action)
    {
        var deposed = Rule(action, DenySsh, DenySsh).Replace("\"mode\"", "\"deposed\": \"1a2b3c4d\", \"mode\"", StringComparison.Ordinal);

        var plan = TerraformPlanReader.Read($$$"""{"format_version": "1.2", "resource_changes": [{{{deposed}}}]}""", "plan.json");

        Assert.StartsWith("plan.json:$.resource_changes[0].change.actions: ", plan.Error, StringComparison.Ordinal);
        Assert.Contains("deposed", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_of_an_inline_rule_number_and_of_a_rule_resource_action_open_and_name_each_rule()
    {
        // acl-b inline: deny ssh from a at #50 moves to #150, behind "allow all" #100; a rule resource on the same
        // subnet's outbound replies turns from deny to allow. Both open tcp 22 from a to b.
        var ingress = (int number) => $$$"""
            [{"rule_no": {{{number}}}, "action": "deny", "protocol": "6", "cidr_block": "10.0.1.0/24", "ipv6_cidr_block": "", "from_port": 22, "to_port": 22, "icmp_type": 0, "icmp_code": 0},
             {"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "ipv6_cidr_block": "", "from_port": 0, "to_port": 0, "icmp_type": 0, "icmp_code": 0}]
            """;
        var egress = """[{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "ipv6_cidr_block": "", "from_port": 0, "to_port": 0}]""";
        var acl = (int number) => $$$"""{"id": "acl-b", "vpc_id": "vpc-1", "subnet_ids": ["subnet-b"], "ingress": {{{ingress(number)}}}, "egress": {{{egress}}}, "tags": {"Name": "b"}}""";
        var aclChange = $$$"""
            {"address": "aws_network_acl.b", "mode": "managed", "type": "aws_network_acl", "name": "b",
             "change": {"actions": ["update"], "before": {{{acl(50)}}}, "after": {{{acl(150)}}}, "after_unknown": {} }}
            """;
        var reply = (string action) => $$$"""
            {"id": "nacl-9", "network_acl_id": "acl-b", "rule_number": 40, "egress": true, "protocol": "6", "rule_action": "{{{action}}}",
             "cidr_block": "10.0.1.10/32", "from_port": 1024, "to_port": 65535}
            """;
        var policy = With(OpenB with { Inbound = [Deny(50, "tcp", 22, 22, "10.0.1.0/24"), .. AllowAll], Outbound = [Deny(40, "tcp", 1024, 65535, "10.0.1.10/32"), .. AllowAll] });

        var impact = Impact(aclChange + "," + Rule("update", reply("deny"), reply("allow")).Replace("ssh_from_a", "reply_to_a1", StringComparison.Ordinal), policy);

        Assert.Equal("aws_network_acl.b", impact.AclAddresses["acl-b"]);
        var names = impact.Flows.Changes.Select((c, i) => (c, i)).Where(x => !x.c.Opened.IsEmpty).SelectMany(x => impact.AclRulesOfFlows[x.i]).ToHashSet();
        Assert.Contains("aws_network_acl.b inbound#50", names);
        Assert.Contains("aws_network_acl_rule.reply_to_a1", names);
        Assert.DoesNotContain("aws_network_acl.b inbound#100", names);
        Assert.True(impact.Opens);
        Assert.Empty(impact.Flows.Closing);
        var after = impact.After.NetworkAcls.Single(a => a.Id == "acl-b");
        Assert.Equal([100, 150], after.Inbound.Select(e => e.RuleNumber).Order());
        Assert.Contains(after.Outbound, e => e.RuleNumber == 40 && e.Action == AclAction.Allow);
    }

    [Fact]
    public void A_default_network_acl_whose_vpc_only_the_policy_knows_is_the_policys_default_acl()
    {
        var open = new NetworkAcl("acl-d", "vpc-1", true, ["subnet-a"], AllowAll, AllowAll);
        var block = (string rules) => $$$"""
            {"default_network_acl_id": "acl-d", "subnet_ids": ["subnet-a"], "ingress": [{{{rules}}}],
             "egress": [{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]}
            """;
        const string allow = """{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}""";
        const string denyDns = """{"rule_no": 10, "action": "deny", "protocol": "udp", "cidr_block": "10.0.2.0/24", "from_port": 53, "to_port": 53}""";
        var change = $$$"""
            {"address": "module.net.aws_default_network_acl.main", "module_address": "module.net", "mode": "managed", "type": "aws_default_network_acl", "name": "main",
             "change": {"actions": ["update"], "before": {{{block(allow)}}}, "after": {{{block(denyDns + "," + allow)}}}, "after_unknown": {"vpc_id": true} }}
            """;

        var impact = Impact(change, With(open));

        Assert.Equal("module.net.aws_default_network_acl.main", impact.AclAddresses["acl-d"]);
        Assert.True(impact.After.NetworkAcls.Single(a => a.Id == "acl-d").IsDefault);
        Assert.Contains(impact.Flows.Changes, c => c.From.SampleEniIds.SequenceEqual(["eni-b1"]) && c.To.SampleEniIds.SequenceEqual(["eni-a1", "eni-a2"]));
        Assert.All(impact.Flows.Changes, c => Assert.Equal("udp 53", c.Closed.ToString()));
        Assert.All(impact.AclRulesOfFlows, rules => Assert.Equal(["module.net.aws_default_network_acl.main inbound#10"], rules));
        Assert.Empty(impact.Warnings);
    }

    [Fact]
    public void An_acl_whose_subnet_and_id_are_known_only_after_apply_is_a_warning_naming_it_not_a_crash()
    {
        var changes = """
            {"address": "aws_network_acl.new", "mode": "managed", "type": "aws_network_acl", "name": "new",
             "change": {"actions": ["create"], "before": null,
               "after": {"vpc_id": "vpc-1", "tags": {"Name": "new"}, "ingress": [], "egress": []},
               "after_unknown": {"id": true, "subnet_ids": true, "ingress": true, "egress": true}}},
            {"address": "aws_network_acl_rule.new_in", "mode": "managed", "type": "aws_network_acl_rule", "name": "new_in",
             "change": {"actions": ["create"], "before": null,
               "after": {"rule_number": 100, "egress": false, "protocol": "-1", "rule_action": "allow", "cidr_block": "0.0.0.0/0"},
               "after_unknown": {"id": true, "network_acl_id": true}}},
            {"address": "aws_network_acl_association.new_c", "mode": "managed", "type": "aws_network_acl_association", "name": "new_c",
             "change": {"actions": ["create"], "before": null, "after": {}, "after_unknown": {"id": true, "network_acl_id": true, "subnet_id": true}}},
            {"address": "aws_network_acl_rule.lost", "mode": "managed", "type": "aws_network_acl_rule", "name": "lost",
             "change": {"actions": ["create"], "before": null,
               "after": {"network_acl_id": "acl-gone", "rule_number": 7, "egress": false, "protocol": "-1", "rule_action": "deny", "cidr_block": "0.0.0.0/0"},
               "after_unknown": {"id": true}}}
            """;
        var configuration = """
            [{"address": "aws_network_acl.new", "mode": "managed", "type": "aws_network_acl", "name": "new",
              "expressions": {"subnet_ids": {"references": ["aws_subnet.c.id", "aws_subnet.c"]}}},
             {"address": "aws_network_acl_rule.new_in", "mode": "managed", "type": "aws_network_acl_rule", "name": "new_in",
              "expressions": {"network_acl_id": {"references": ["aws_network_acl.new.id", "aws_network_acl.new"]}}},
             {"address": "aws_network_acl_association.new_c", "mode": "managed", "type": "aws_network_acl_association", "name": "new_c",
              "expressions": {"network_acl_id": {"references": ["aws_network_acl.new.id", "aws_network_acl.new"]}}}]
            """;

        var impact = Impact(changes, With(OpenB), configuration);

        Assert.Contains("aws_network_acl.new: subnet aws_subnet.c is known only after apply; read without it", impact.Warnings);
        Assert.Contains("aws_network_acl_association.new_c: a subnet is known only after apply; read without it", impact.Warnings);
        Assert.Contains("aws_network_acl_rule.lost: its network ACL acl-gone is neither in the plan nor in the policy; skipped", impact.Warnings);
        var created = impact.After.NetworkAcls.Single(a => a.Id == "aws_network_acl.new");
        Assert.Empty(created.SubnetIds);
        Assert.Equal(100, Assert.Single(created.Inbound).RuleNumber);
        Assert.True(impact.Flows.IsEmpty);
        Assert.Equal(4, impact.Changes.Length);
    }

    [Fact]
    public void A_rule_the_provider_would_refuse_is_an_error_naming_its_address_and_field()
    {
        var plan = TerraformPlanReader.Read("""
            {"format_version": "1.2", "resource_changes": [RULE]}
            """.Replace("RULE", Rule("create", "null", DenySsh.Replace("\"deny\"", "\"maybe\"", StringComparison.Ordinal)), StringComparison.Ordinal), "plan.json");

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.False(impact.IsOk);
        Assert.Contains("aws_network_acl_rule.ssh_from_a", impact.Error, StringComparison.Ordinal);
        Assert.Contains("rule_action: unknown rule action 'maybe'", impact.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"rule_number\": 50", "\"rule_number\": 40000", "rule_number: rule number 40000 is out of range 1–32766")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": 0", "rule_number: rule number 0 is out of range 1–32766")]
    [InlineData("\"from_port\": 22", "\"from_port\": -5", "from_port: ")]
    [InlineData("\"to_port\": 22", "\"to_port\": 70000", "from_port: ")]
    [InlineData("\"network_acl_id\": \"acl-b\"", "\"network_acl_id\": 7", "aws_network_acl_rule.ssh_from_a.network_acl_id: expected a string, found a number")]
    [InlineData("\"network_acl_id\": \"acl-b\"", "\"network_acl_id\": [\"acl-b\"]", "aws_network_acl_rule.ssh_from_a.network_acl_id: expected a string, found an array")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": \"abc\"", "rule_number: expected an integer, found a string")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": 32767", "rule_number: rule number 32767 is out of range 1–32766")]
    [InlineData("\"protocol\": \"tcp\"", "\"protocol\": true", "protocol: expected a string, found a boolean")]
    [InlineData("\"egress\": false", "\"egress\": \"no\"", "egress: expected true or false, found a string")]
    public void A_rule_number_or_port_out_of_aws_s_range_or_a_field_of_the_wrong_json_type_is_an_error_naming_its_address_and_field(string value, string wrong, string problem)
    {
        Assert.Contains(value, DenySsh, StringComparison.Ordinal);
        var plan = TerraformPlanReader.Read("""
            {"format_version": "1.2", "resource_changes": [RULE]}
            """.Replace("RULE", Rule("create", "null", DenySsh.Replace(value, wrong, StringComparison.Ordinal)), StringComparison.Ordinal), "plan.json");

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.False(impact.IsOk);
        Assert.Contains("aws_network_acl_rule.ssh_from_a", impact.Error, StringComparison.Ordinal);
        Assert.Contains(problem, impact.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"network_acl_id\": \"acl-b\", \"subnet_id\": 12", "aws_network_acl_association.b.subnet_id: expected a string, found a number")]
    [InlineData("\"network_acl_id\": \"acl-b\", \"subnet_id\": {\"id\": \"subnet-b\"}", "aws_network_acl_association.b.subnet_id: expected a string, found an object")]
    [InlineData("\"subnet_id\": \"subnet-b\", \"network_acl_id\": false", "aws_network_acl_association.b.network_acl_id: expected a string, found a boolean")]
    public void An_association_id_of_the_wrong_json_type_is_an_error_not_a_value_known_after_apply(string fields, string problem)
    {
        var change = """
            {"address": "aws_network_acl_association.b", "mode": "managed", "type": "aws_network_acl_association", "name": "b",
             "change": {"actions": ["create"], "before": null, "after": {FIELDS}, "after_unknown": {"id": true}}}
            """.Replace("FIELDS", fields, StringComparison.Ordinal);
        var plan = TerraformPlanReader.Read($"{{\"format_version\": \"1.2\", \"resource_changes\": [{change}]}}", "plan.json");
        Assert.True(plan.IsOk, plan.Error);

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.False(impact.IsOk);
        Assert.Equal(problem, impact.Error);
    }

    [Fact]
    public void A_state_whose_acl_rule_names_its_acl_with_a_number_is_an_error_not_a_warning()
    {
        var state = """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_network_acl_rule.ssh", "mode": "managed", "type": "aws_network_acl_rule", "name": "ssh",
               "values": {"id": "nacl-1", "network_acl_id": 42, "rule_number": 50, "egress": false, "protocol": "6", "rule_action": "deny",
                 "cidr_block": "10.0.1.0/24", "from_port": 22, "to_port": 22}},
              {"address": "aws_network_acl.b", "mode": "managed", "type": "aws_network_acl", "name": "b",
               "values": {"id": "acl-b", "vpc_id": "vpc-1", "subnet_ids": ["subnet-b", 3], "ingress": [], "egress": []}}
            ]}}}
            """;
        var warnings = new List<string>();

        var read = StateEstate.Read(state, "state.json", warnings);
        var (estate, error) = StateEstate.ReadAt(state, "state.json", warnings);

        Assert.False(read.IsOk);
        Assert.Equal("state.json: aws_network_acl_rule.ssh.network_acl_id: expected a string, found a number", read.Error);
        Assert.Null(estate);
        Assert.Equal(new ValidationError("state.json:$", "aws_network_acl_rule.ssh.network_acl_id: expected a string, found a number"), error);
        var withoutRule = StateEstate.Read(state.Replace("\"network_acl_id\": 42", "\"network_acl_id\": \"acl-b\"", StringComparison.Ordinal), "state.json", warnings);
        Assert.Equal("state.json: aws_network_acl.b.subnet_ids[1]: expected a string, found a number", withoutRule.Error);
    }

    [Fact]
    public void An_association_moves_its_subnet_to_a_closed_acl_and_is_named_for_what_that_closes()
    {
        var closed = new NetworkAcl("acl-c", "vpc-1", false, [], [], []);
        var change = """
            {"address": "aws_network_acl_association.b", "mode": "managed", "type": "aws_network_acl_association", "name": "b",
             "change": {"actions": ["create"], "before": null, "after": {"network_acl_id": "acl-c", "subnet_id": "subnet-b"}, "after_unknown": {"id": true}}}
            """;

        var impact = Impact(change, With(OpenB, closed));

        Assert.Equal(["subnet-b"], impact.After.NetworkAcls.Single(a => a.Id == "acl-c").SubnetIds);
        Assert.Empty(impact.After.NetworkAcls.Single(a => a.Id == "acl-b").SubnetIds);
        Assert.NotEmpty(impact.Flows.Closing);
        Assert.All(impact.Flows.Changes.Select((c, i) => (c, i)), x => Assert.True(impact.AclRulesOfFlows[x.i].Contains("aws_network_acl_association.b"), x.c.ToString()));
    }

    [Fact]
    public void A_state_with_acls_and_acl_rules_drifts_from_the_design_by_the_flow_its_deny_rule_closes()
    {
        // The state lists the rule resource's entry in the ACL's computed ingress too, as AWS reports every entry.
        var state = """
            {"format_version": "1.0", "terraform_version": "1.11.0", "values": {"root_module": {"resources": [
              {"address": "aws_security_group.all", "mode": "managed", "type": "aws_security_group", "name": "all",
               "values": {"id": "sg-all", "vpc_id": "vpc-1", "name": "all", "description": "all", "tags": null,
                 "ingress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": false, "description": ""}],
                 "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": false, "description": ""}]}},
              {"address": "aws_network_acl.b", "mode": "managed", "type": "aws_network_acl", "name": "b",
               "values": {"id": "acl-b", "vpc_id": "vpc-1", "subnet_ids": ["subnet-b"], "tags": null,
                 "ingress": [{"rule_no": 50, "action": "deny", "protocol": "6", "cidr_block": "10.0.1.0/24", "ipv6_cidr_block": "", "from_port": 22, "to_port": 22, "icmp_type": 0, "icmp_code": 0},
                             {"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "ipv6_cidr_block": "", "from_port": 0, "to_port": 0, "icmp_type": 0, "icmp_code": 0}],
                 "egress": [{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "ipv6_cidr_block": "", "from_port": 0, "to_port": 0, "icmp_type": 0, "icmp_code": 0}]}},
              {"address": "aws_network_acl_rule.ssh_from_a", "mode": "managed", "type": "aws_network_acl_rule", "name": "ssh_from_a",
               "values": {"id": "nacl-1", "network_acl_id": "acl-b", "rule_number": 50, "egress": false, "protocol": "6", "rule_action": "deny",
                 "cidr_block": "10.0.1.0/24", "ipv6_cidr_block": "", "from_port": 22, "to_port": 22, "icmp_type": null, "icmp_code": null}}
            ]}}}
            """;
        var warnings = new List<string>();

        var deployed = StateEstate.Read(state, "state.json", warnings);

        Assert.True(deployed.IsOk, deployed.Error);
        Assert.Empty(warnings);
        var acl = Assert.Single(deployed.Value.NetworkAcls);
        Assert.Equal(("acl-b", "vpc-1", false), (acl.Id, acl.VpcId, acl.IsDefault));
        Assert.Equal([50, 100], acl.Inbound.Select(e => e.RuleNumber).Order());
        var drift = DeploymentDrift.Between(With(OpenB), deployed.Value);
        Assert.Equal(0, drift.DeployedNotDesigned);
        Assert.Contains(drift.Flows.Closing, c => c.From.Outside is null && c.To.SampleEniIds.Contains("eni-b1") && c.Closed.ToString() == "tcp 22");
        Assert.All(drift.Flows.Closing, c => Assert.Equal("tcp 22", c.Closed.ToString()));
        Assert.True(DeploymentDrift.Between(With(OpenB with { Inbound = [Deny(50, "tcp", 22, 22, "10.0.1.0/24"), .. AllowAll], Outbound = [Allow(100, "-1", -1, -1, "0.0.0.0/0")] }), deployed.Value).InSync);
    }
}
