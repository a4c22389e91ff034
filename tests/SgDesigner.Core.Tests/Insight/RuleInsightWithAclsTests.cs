using SgDesigner.Core.Insight;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.Insight;

/// <summary>
/// <c>sgd explain-rule</c>'s flows with the outside cross the carrier's subnet network ACL both ways, as the engine's
/// verdicts do: sg-all admits everything from 0.0.0.0/0 (sgr-in), subnet a's ACL denies ssh from 203.0.113.0/24.
/// </summary>
public sealed class RuleInsightWithAclsTests
{
    private static readonly Estate SshDeniedFromOneBlock =
        With(Acl("acl-a", "subnet-a", [Deny(10, "tcp", 22, 22, "203.0.113.0/24"), .. AllowAll], AllowAll));

    private static RuleInsight InsightOfTheInboundRule(Estate estate) =>
        RuleInsight.Of(ReachabilityEngine.Build(estate), "sgr-in", TestContext.Current.CancellationToken);

    private static IEnumerable<RuleFlow> FromOutsideInto(RuleInsight insight, string eniId) =>
        insight.OnlyThis.Concat(insight.AlsoAllowed).Where(f => f.From.Outside is not null && f.To.SampleEniIds.Contains(eniId));

    [Fact]
    public void Outside_flows_into_a_subnet_leave_out_what_its_network_acl_denies()
    {
        var insight = InsightOfTheInboundRule(SshDeniedFromOneBlock);

        var denied = Assert.Single(FromOutsideInto(insight, "eni-a1"), f => f.From.Outside == Block("203.0.113.0/24"));
        Assert.False(denied.Traffic.Contains(Traffic.Tcp(22)), denied.ToString());
        Assert.True(denied.Traffic.Contains(Traffic.Tcp(80)), denied.ToString());
        // Subnet b has no ACL: ssh from that block still reaches b1, through this rule alone.
        Assert.Contains(FromOutsideInto(insight, "eni-b1"), f => f.From.Outside is { } block && block.Contains(Block("203.0.113.0/24").First) && f.Traffic.Contains(Traffic.Tcp(22)));
    }

    [Fact]
    public void Every_outside_flow_of_the_rule_is_one_the_engine_allows_at_its_first_address()
    {
        var insight = InsightOfTheInboundRule(SshDeniedFromOneBlock);
        var engine = ReachabilityEngine.Build(SshDeniedFromOneBlock);

        var flows = insight.OnlyThis.Concat(insight.AlsoAllowed).Where(f => f.From.Outside is not null).ToList();

        Assert.NotEmpty(flows);
        foreach (var flow in flows)
        {
            foreach (var eni in flow.To.SampleEniIds)
            {
                foreach (var traffic in new[] { Traffic.Tcp(22), Traffic.Tcp(80) }.Where(flow.Traffic.Contains))
                {
                    var verdict = engine.Query(new ExternalEndpointIp(flow.From.Outside!.Value.First), At(SshDeniedFromOneBlock, eni), traffic);
                    Assert.True(verdict.Allowed, $"{flow} lists {traffic} to {eni}, the engine denies it: {verdict.NetworkAcl?.Text}");
                }
            }
        }
    }
}
