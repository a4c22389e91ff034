using SgDesigner.Core.Model;
using SgDesigner.Core.Plans;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.Plans;

/// <summary>Plans and states written by hand or tampered with: repeated addresses and ids no provider would hold.</summary>
public sealed class PlanInputTests
{
    private static readonly NetworkAcl OpenB = Acl("acl-b", "subnet-b", AllowAll, AllowAll);

    private static string Rule(string address, string aclId, int number) => $$$$"""
        {"address": "{{{{address}}}}", "mode": "managed", "type": "aws_network_acl_rule", "name": "x",
         "change": {"actions": ["create"], "before": null,
           "after": {"network_acl_id": "{{{{aclId}}}}", "rule_number": {{{{number}}}}, "egress": false, "protocol": "6", "rule_action": "deny", "cidr_block": "10.0.1.0/24", "from_port": 22, "to_port": 22}}}
        """;

    private static string Plan(params string[] changes) => $$"""{"format_version": "1.2", "resource_changes": [{{string.Join(",", changes)}}]}""";

    [Fact]
    public void A_plan_that_lists_one_address_twice_is_an_error_at_the_second()
    {
        var plan = TerraformPlanReader.Read(Plan(Rule("aws_network_acl_rule.x", "acl-b", 50), Rule("aws_network_acl_rule.x", "acl-b", 60)), "plan.json");

        Assert.False(plan.IsOk);
        Assert.Equal("plan.json:$.resource_changes[1].address: this address is given twice (also at $.resource_changes[0].address); Terraform lists each resource once", plan.Error);
    }

    [Fact]
    public void Two_rule_resources_of_one_number_and_direction_on_one_acl_are_an_error_naming_both()
    {
        var plan = TerraformPlanReader.Read(Plan(Rule("aws_network_acl_rule.a", "acl-b", 50), Rule("aws_network_acl_rule.b", "acl-b", 50)), "plan.json");
        Assert.True(plan.IsOk, plan.Error);

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.Equal("aws_network_acl_rule.b: inbound rule #50 of acl-b is also aws_network_acl_rule.a; AWS holds one rule per number and direction", impact.Error);
    }

    [Fact]
    public void Two_inline_rules_of_one_number_are_an_error_naming_the_acl()
    {
        const string entry = """{"rule_no": 100, "action": "ACTION", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}""";
        var acl = $$$$"""
            {"address": "aws_network_acl.b", "mode": "managed", "type": "aws_network_acl", "name": "b",
             "change": {"actions": ["update"], "before": null,
               "after": {"id": "acl-b", "vpc_id": "vpc-1", "subnet_ids": ["subnet-b"], "ingress": [{{{{entry.Replace("ACTION", "allow", StringComparison.Ordinal)}}}}, {{{{entry.Replace("ACTION", "deny", StringComparison.Ordinal)}}}}], "egress": []}}}
            """;
        var plan = TerraformPlanReader.Read(Plan(acl), "plan.json");
        Assert.True(plan.IsOk, plan.Error);

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.Equal("aws_network_acl.b: inbound rule #100 is given twice; AWS holds one rule per number and direction", impact.Error);
    }

    [Theory]
    [InlineData("\"network_acl_id\": \"acl-b\"", "\"network_acl_id\": 7", "aws_network_acl_rule.x.network_acl_id: expected a string")]
    [InlineData("\"rule_action\": \"deny\"", "\"rule_action\": \"maybe\"", "rule_action: unknown rule action 'maybe'")]
    public void An_impact_error_is_placed_at_its_resource_in_the_plan(string value, string wrong, string problem)
    {
        var plan = TerraformPlanReader.Read(Plan(Rule("aws_network_acl_rule.w", "acl-b", 40), Rule("aws_network_acl_rule.x", "acl-b", 50).Replace(value, wrong, StringComparison.Ordinal)), "plan.json");
        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);
        Assert.False(impact.IsOk);

        var error = PlanImpact.ErrorAt(impact, "plan");

        Assert.Equal("plan:$.resource_changes[1]", error.Path);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    // The reader that refuses a resource names it as data: an address that starts another (web, web2; x[1], x[10]) or ends
    // inside it does not move the error, whichever is listed first and whichever of the two message forms the error has
    // ("ADDRESS.field: …" from the type check, "TYPE[ADDRESS].field: …" from the importer).
    [Theory]
    [InlineData("aws_network_acl_rule.web", "aws_network_acl_rule.web2", "\"network_acl_id\": 7")]
    [InlineData("aws_network_acl_rule.web2", "aws_network_acl_rule.web", "\"network_acl_id\": 7")]
    [InlineData("aws_network_acl_rule.x[1]", "aws_network_acl_rule.x[10]", "\"network_acl_id\": 7")]
    [InlineData("aws_network_acl_rule.x[10]", "aws_network_acl_rule.x[1]", "\"network_acl_id\": 7")]
    [InlineData("aws_network_acl_rule.web", "aws_network_acl_rule.web2", "\"rule_action\": \"maybe\"")]
    [InlineData("aws_network_acl_rule.web2", "aws_network_acl_rule.web", "\"rule_action\": \"maybe\"")]
    [InlineData("aws_network_acl_rule.x[1]", "aws_network_acl_rule.x[10]", "\"rule_action\": \"maybe\"")]
    [InlineData("aws_network_acl_rule.x[10]", "aws_network_acl_rule.x[1]", "\"rule_action\": \"maybe\"")]
    public void An_impact_error_is_placed_at_its_resource_not_at_one_whose_address_starts_the_same(string wrongAddress, string otherAddress, string wrong)
    {
        var right = wrong.StartsWith("\"network_acl_id\"", StringComparison.Ordinal) ? "\"network_acl_id\": \"acl-b\"" : "\"rule_action\": \"deny\"";
        var bad = Rule(wrongAddress, "acl-b", 50).Replace(right, wrong, StringComparison.Ordinal);
        foreach (var (changes, at) in new[] { ((string[])[Rule(otherAddress, "acl-b", 40), bad], 1), ([bad, Rule(otherAddress, "acl-b", 40)], 0) })
        {
            var plan = TerraformPlanReader.Read(Plan(changes), "plan.json");
            Assert.True(plan.IsOk, plan.Error);
            var impact = PlanImpact.Of(plan.Value, With(OpenB), []);
            Assert.False(impact.IsOk);

            var error = PlanImpact.ErrorAt(impact, "plan");

            Assert.Equal($"plan:$.resource_changes[{at}]", error.Path);
            Assert.Contains(wrongAddress + (wrong.Contains("maybe", StringComparison.Ordinal) ? "]" : "."), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_error_of_the_prior_state_is_placed_in_the_prior_state_though_the_plan_changes_a_resource_of_that_address()
    {
        var plan = TerraformPlanReader.Read("""
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_network_acl_association.a", "mode": "managed", "type": "aws_network_acl_association", "name": "a",
               "change": {"actions": ["update"], "before": {"network_acl_id": "acl-b", "subnet_id": "subnet-b"}, "after": {"network_acl_id": "acl-b", "subnet_id": "subnet-b"}}}],
             "prior_state": {"values": {"root_module": {"resources": [
              {"address": "aws_network_acl_association.a", "mode": "managed", "type": "aws_network_acl_association", "name": "a", "values": {"network_acl_id": "acl-b", "subnet_id": 5}}]}}}}
            """, "plan.json");
        Assert.True(plan.IsOk, plan.Error);
        var impact = PlanImpact.Of(plan.Value, null, []);

        var error = PlanImpact.ErrorAt(impact, "plan");

        Assert.Equal(new ValidationError("plan:$.prior_state.values.root_module.resources[0]",
            "prior_state: aws_network_acl_association.a.subnet_id: expected a string, found a number"), error);
    }

    [Fact]
    public void An_error_of_the_prior_state_is_placed_in_the_prior_state()
    {
        var plan = TerraformPlanReader.Read("""
            {"format_version": "1.2", "resource_changes": [], "prior_state": {"values": {"root_module": {"resources": [
              {"address": "aws_network_acl_association.a", "mode": "managed", "type": "aws_network_acl_association", "name": "a", "values": {"network_acl_id": "acl-b", "subnet_id": 5}}]}}}}
            """, "plan.json");
        var impact = PlanImpact.Of(plan.Value, null, []);

        var error = PlanImpact.ErrorAt(impact, "plan");

        Assert.Equal(new ValidationError("plan:$.prior_state.values.root_module.resources[0]",
            "prior_state: aws_network_acl_association.a.subnet_id: expected a string, found a number"), error);
    }

    [Theory]
    [InlineData("\"after\": {\"network_acl_id\"", "\"after\": [], \"x\": {\"network_acl_id\"", "plan.json:$.resource_changes[0].change.after: expected an object, found an array")]
    [InlineData("\"before\": null", "\"before\": \"gone\"", "plan.json:$.resource_changes[0].change.before: expected an object, found a string")]
    public void A_before_or_after_that_is_not_an_object_is_an_error_not_an_absent_side(string value, string wrong, string message)
    {
        var text = Plan(Rule("aws_network_acl_rule.x", "acl-b", 50));
        Assert.Contains(value, text, StringComparison.Ordinal);

        var plan = TerraformPlanReader.Read(text.Replace(value, wrong, StringComparison.Ordinal), "plan.json");

        Assert.StartsWith(message, plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deposed_object_may_share_its_address_with_the_current_one()
    {
        // The deposed object is the old one, which the plan destroys (the only thing Terraform plans for it).
        const string deposed = """
            {"address": "aws_network_acl_rule.x", "deposed": "00000001", "mode": "managed", "type": "aws_network_acl_rule", "name": "x",
             "change": {"actions": ["delete"], "after": null,
               "before": {"id": "nacl-1", "network_acl_id": "acl-b", "rule_number": 50, "egress": false, "protocol": "6", "rule_action": "deny", "cidr_block": "10.0.1.0/24", "from_port": 22, "to_port": 22}}}
            """;

        var plan = TerraformPlanReader.Read(Plan(Rule("aws_network_acl_rule.x", "acl-b", 60), deposed), "plan.json");

        Assert.True(plan.IsOk, plan.Error);
        Assert.Equal(["aws_network_acl_rule.x", "aws_network_acl_rule.x (deposed object 00000001)"], plan.Value.Resources.Select(r => r.Address));
        Assert.Equal([PlanAction.Create, PlanAction.Delete], plan.Value.Resources.Select(r => r.Action));
    }

    [Fact]
    public void A_state_that_lists_one_address_twice_in_two_modules_is_an_error()
    {
        const string state = """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_network_acl.b", "mode": "managed", "type": "aws_network_acl", "name": "b", "values": {"id": "acl-b", "vpc_id": "vpc-1"}}],
              "child_modules": [{"resources": [
              {"address": "aws_network_acl.b", "mode": "managed", "type": "aws_network_acl", "name": "b", "values": {"id": "acl-c", "vpc_id": "vpc-1"}}]}]}}}
            """;

        var (_, error) = TerraformStateReader.ReadAt(state, "state.json");

        Assert.Equal(new ValidationError("state.json:$.values.root_module.child_modules[0].resources[0].address",
            "this address is given twice (also at $.values.root_module.resources[0].address); Terraform lists each resource once"), error);
    }

    [Theory]
    [InlineData("acl-\\u202Eb", @"aws_network_acl_rule.x.network_acl_id: 'acl-\u202eb' holds a control or format character; an id has none")]
    [InlineData("acl-\\u0000", @"aws_network_acl_rule.x.network_acl_id: 'acl-\u0000' holds a control or format character; an id has none")]
    public void An_acl_id_with_a_hidden_character_is_an_error_quoting_it_escaped(string aclId, string message)
    {
        var plan = TerraformPlanReader.Read(Plan(Rule("aws_network_acl_rule.x", aclId, 50)), "plan.json");
        Assert.True(plan.IsOk, plan.Error);

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.Equal(message, impact.Error);
    }

    [Fact]
    public void A_100_000_character_subnet_id_is_an_error_that_does_not_echo_it()
    {
        var change = $$$$"""
            {"address": "aws_network_acl_association.b", "mode": "managed", "type": "aws_network_acl_association", "name": "b",
             "change": {"actions": ["create"], "before": null, "after": {"network_acl_id": "acl-b", "subnet_id": "subnet-{{{{new string('b', 100_000)}}}}"}}}
            """;
        var plan = TerraformPlanReader.Read(Plan(change), "plan.json");

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.Equal("aws_network_acl_association.b.subnet_id: the id is 100007 characters long; an id or a reference is at most 1030", impact.Error);
    }

    [Fact]
    public void An_acl_of_a_subnet_neither_the_plan_nor_the_policy_knows_is_a_warning_naming_its_association()
    {
        var change = """
            {"address": "aws_network_acl_association.z", "mode": "managed", "type": "aws_network_acl_association", "name": "z",
             "change": {"actions": ["create"], "before": null, "after": {"network_acl_id": "acl-b", "subnet_id": "subnet-zzz"}}}
            """;
        var plan = TerraformPlanReader.Read(Plan(change), "plan.json");

        var impact = PlanImpact.Of(plan.Value, With(OpenB), []);

        Assert.True(impact.IsOk, impact.Error);
        Assert.Contains("aws_network_acl_association.z: subnet subnet-zzz is not in the state or the policy, so no ENI is known in it", impact.Value.Warnings);
        Assert.True(impact.Value.Flows.IsEmpty);
    }
}
