using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Plans;
using SgDesigner.Web.Tests.Features.Policies;

namespace SgDesigner.Web.Tests.Features.Plans;

public sealed class PlanImpactPageTests : PolicyPagesTestContext
{
    // SSH from anywhere added to the demo's web group: opens a flow from the internet, and is an error finding.
    private static readonly string SshPlan = """
        {"format_version": "1.2", "terraform_version": "1.11.0", "resource_changes": [
          {"address": "aws_vpc_security_group_ingress_rule.web_ssh", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "web_ssh",
           "change": {"actions": ["create"], "before": null,
             "after": {"security_group_id": "WEB", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0"},
             "after_unknown": {"id": true}}}]}
        """.Replace("WEB", DemoEstate.Web, StringComparison.Ordinal);

    private async Task<IRenderedComponent<PlanImpactPage>> UploadAsync(string text, string name = "plan.json", Core.Model.Estate? estate = null)
    {
        var policy = await Store.CreatePolicyAsync($"plan {Guid.NewGuid():N}", null, estate ?? DemoEstate.Build(), Admin, Token);
        RenderProviders();
        var page = Render<PlanImpactPage>(p => p.Add(x => x.PolicyId, policy.Value.Id));
        page.WaitForElement("[data-testid=choose-plan]", Patience);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));
        return page;
    }

    [Fact]
    public async Task A_plan_is_shown_as_a_change_request_shows_a_change_with_its_verdict_and_resources()
    {
        var page = await UploadAsync(SshPlan);

        var verdict = page.WaitForElement("[data-testid=plan-verdict]", Patience);
        Assert.Equal("blocked", verdict.GetAttribute("data-verdict"));
        Assert.Equal("create", page.Find("[data-testid=plan-resource]").GetAttribute("data-action"));
        Assert.Contains("aws_vpc_security_group_ingress_rule.web_ssh", page.Find("[data-testid=plan-resources]").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=impact-flow][data-kind=opened][data-from-internet=true]")), Patience);
        Assert.Contains(page.FindAll("[data-testid=flow-rules] [data-rule-id]"), r => r.GetAttribute("data-rule-id") == "aws_vpc_security_group_ingress_rule.web_ssh");
    }

    [Fact]
    public async Task A_network_acl_rule_of_the_plan_is_named_under_the_flow_it_closes()
    {
        var page = await UploadAsync(Engine.PlanImpactAclApiTests.Plan, estate: Engine.PlanImpactAclApiTests.Policy());

        Assert.Equal("opens-nothing", page.WaitForElement("[data-testid=plan-verdict]", Patience).GetAttribute("data-verdict"));
        Assert.Contains("aws_network_acl_rule.db_deny_web", page.Find("[data-testid=plan-resources]").TextContent, StringComparison.Ordinal);
        var flow = Assert.Single(page.FindAll("[data-testid=plan-acl-flow]"), f => f.TextContent.Contains("sg-web (web) → sg-db (db)", StringComparison.Ordinal));
        Assert.Contains("closes tcp 5432 by network ACL", flow.TextContent, StringComparison.Ordinal);
        Assert.Contains("aws_network_acl_rule.db_deny_web", flow.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=plan-not-read]"));
    }

    [Fact]
    public async Task The_change_tabs_list_the_acl_resource_behind_each_network_acl_change()
    {
        var page = await UploadAsync(Engine.PlanImpactAclApiTests.Plan, estate: Engine.PlanImpactAclApiTests.Policy());

        page.WaitForElement("[data-testid=plan-tabs]", Patience);
        var change = page.WaitForElement("[data-testid=acl-change]", Patience);
        Assert.StartsWith("acl-db inbound#50 added: ", change.TextContent, StringComparison.Ordinal);
        Assert.EndsWith(" · aws_network_acl_rule.db_deny_web", change.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_plan_is_said_with_its_place()
    {
        var page = await UploadAsync("""{"format_version": "1.0", "values": {}}""", "state.json");

        var error = page.WaitForElement("[data-testid=plan-error]", Patience);
        Assert.Contains("state.json", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("this is a Terraform state", error.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=plan-verdict]"));
    }
}
