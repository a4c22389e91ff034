using Bunit;
using MudBlazor.Services;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Engine;

namespace SgDesigner.Web.Tests.Review;

/// <summary>A change request's impact panel names the network-ACL rule behind a flow the change closes or opens.</summary>
public sealed class AclFlowImpactTests : BunitContext
{
    public AclFlowImpactTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    // acl-db (subnet-2) allows everything; the change puts "deny tcp 5432 from web's subnet" at #90 in front of it.
    private static (Estate Before, Estate After) DenyAt90()
    {
        var before = PlanImpactAclApiTests.Policy();
        var acl = before.NetworkAcls.Single();
        var deny = new NetworkAclEntry(90, IpProtocol.Tcp, 5432, 5432, Cidr.Parse("10.0.1.0/24").Value, AclAction.Deny);
        return (before, before with { NetworkAcls = [acl with { Inbound = [deny, .. acl.Inbound] }] });
    }

    [Fact]
    public void A_closed_flow_lists_the_acl_rule_that_now_denies_the_request()
    {
        var (before, after) = DenyAt90();

        var view = ImpactView.From(ChangeImpact.Analyze(before, after), 1, 2);
        var panel = Render<RequestImpactPanel>(p => p.Add(x => x.Impact, view));

        var flow = Assert.Single(panel.FindAll("[data-testid=impact-flow][data-kind=closed]"));
        Assert.Contains("tcp 5432", flow.TextContent, StringComparison.Ordinal);
        var acl = Assert.Single(flow.QuerySelectorAll("[data-testid=flow-acl-rule]"));
        Assert.Equal("network ACL acl-db (subnet-2) inbound rule #90 denies the request", acl.TextContent.Trim());
        Assert.Contains(panel.FindAll("[data-testid=acl-change]"), c => c.TextContent.StartsWith("acl-db inbound#90 added", StringComparison.Ordinal));
    }

    [Fact]
    public void An_opened_flow_lists_the_acl_rule_that_now_lets_it_through()
    {
        var (before, after) = DenyAt90();

        var view = ImpactView.From(ChangeImpact.Analyze(after, before), 1, 2);
        var panel = Render<RequestImpactPanel>(p => p.Add(x => x.Impact, view));

        var flow = Assert.Single(panel.FindAll("[data-testid=impact-flow][data-kind=opened]"));
        var acl = Assert.Single(flow.QuerySelectorAll("[data-testid=flow-acl-rule]"));
        Assert.StartsWith("network ACL acl-db (subnet-2) inbound rule #100 allows", acl.TextContent.Trim(), StringComparison.Ordinal);
    }
}
