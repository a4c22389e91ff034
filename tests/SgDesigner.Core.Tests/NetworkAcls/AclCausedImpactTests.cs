using System.Text.Json;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// A change request's impact names the network-ACL rule behind a flow an ACL edit closes or opens (issue 17): the ACL,
/// the rule number and the leg, as <c>sgd reach</c> does; on the two-subnet estate of <see cref="Support.AclEstates"/>.
/// </summary>
public class AclCausedImpactTests
{
    private static readonly NetworkAcl Open = Acl("acl-b", "subnet-b", AllowAll, AllowAll);
    private static readonly NetworkAcl DeniesPostgres = Acl("acl-b", "subnet-b", [Deny(90, "tcp", 5432, 5432, "10.0.1.0/24"), .. AllowAll], AllowAll);

    [Fact]
    public void AFlowClosedByAnAclDenyNamesTheRuleAndTheRequestLeg()
    {
        var impact = ChangeImpact.Analyze(With(Open), With(DeniesPostgres));
        var flow = Assert.Single(impact.Closed, f => f.From.Outside is null);
        Assert.Equal("tcp 5432", flow.Closed.ToString());
        var rule = Assert.Single(flow.ClosedByAcl);
        Assert.Equal(("acl-b", "subnet-b", Direction.Inbound, (int?)90, AclAction.Deny, ConversationLeg.Request),
            (rule.AclId, rule.SubnetId, rule.Direction, rule.RuleNumber, rule.Action, rule.Leg));
        Assert.Contains("network ACL acl-b (subnet-b) inbound rule #90 denies the request", flow.ToString(), StringComparison.Ordinal);
        // The same rule closes the addresses of 10.0.1.0/24 outside the estate: that line names it too.
        var outside = Assert.Single(impact.Closed, f => f.From.Outside is not null);
        Assert.Equal(90, Assert.Single(outside.ClosedByAcl).RuleNumber);
    }

    [Fact]
    public void AFlowClosedOnTheRepliesNamesTheReplyLegAndTheFinalRule()
    {
        // b answers only to 1024-5000: a Linux client (32768-60999) never gets its replies, whatever the port.
        var narrowReplies = Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 1024, 5000, "0.0.0.0/0")]);
        var diff = ReachabilityDiff.Compare(With(Open), With(narrowReplies));
        var change = Assert.Single(diff.Changes, c => c.From.SampleEniIds.Contains("eni-a1") && c.To.SampleEniIds.Contains("eni-b1"));
        var tcp = Assert.Single(change.ClosedDetail, d => d.Traffic.Protocol == IpProtocol.Tcp);
        var rule = Assert.Single(tcp.NetworkAclRules);
        Assert.Equal(("acl-b", Direction.Outbound, (int?)null, ConversationLeg.Reply), (rule.AclId, rule.Direction, rule.RuleNumber, rule.Leg));
        Assert.Contains("acl-b (subnet-b) outbound the final * rule denies the replies", change.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFlowOpenedByAnAclEditNamesTheRuleThatNowLetsItThrough()
    {
        var impact = ChangeImpact.Analyze(With(DeniesPostgres), With(Open));
        var flow = Assert.Single(impact.Opened, f => f.From.Outside is null);
        Assert.Equal("tcp 5432", flow.Opened.ToString());
        // Where #90 dropped the request, the inbound allow-all #100 lets it through now.
        var rule = Assert.Single(flow.OpenedByAcl);
        Assert.Equal(("acl-b", Direction.Inbound, (int?)100, AclAction.Allow, ConversationLeg.Request),
            (rule.AclId, rule.Direction, rule.RuleNumber, rule.Action, rule.Leg));
        Assert.Empty(flow.ClosedByAcl);
    }

    [Fact]
    public void ASecurityGroupChangeBehindOpenAclsNamesNoAclRule()
    {
        var before = With(Open);
        var after = before with
        {
            Groups = [.. before.Groups.Select(g => g with { Rules = [.. g.Rules.Where(r => r.Direction == Direction.Outbound),
                new Rule("sgr-in-ssh", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4))] })],
        };
        var impact = ChangeImpact.Analyze(before, after);
        Assert.NotEmpty(impact.Closed);
        Assert.All(impact.Flows, f => Assert.Empty(f.ClosedByAcl));
        Assert.All(impact.Flows, f => Assert.Empty(f.OpenedByAcl));
    }

    [Fact]
    public void TheDiffJsonNamesTheAclRuleAsReachDoes()
    {
        var (rules, flows) = DiffAnswer.Compare(With(Open), With(DeniesPostgres));
        using var json = JsonDocument.Parse(DiffAnswer.Json(rules, flows));
        var acl = json.RootElement.GetProperty("reachability").EnumerateArray()
            .Where(c => c.GetProperty("from").GetProperty("outside").ValueKind == JsonValueKind.Null)
            .SelectMany(c => c.GetProperty("closes").EnumerateArray())
            .Select(d => Assert.Single(d.GetProperty("networkAcl").EnumerateArray().ToList()))
            .Single();
        Assert.Equal(("request", "acl-b", "subnet-b", "inbound", "90", "deny"),
            (acl.GetProperty("leg").GetString(), acl.GetProperty("aclId").GetString(), acl.GetProperty("subnetId").GetString(),
             acl.GetProperty("direction").GetString(), acl.GetProperty("rule").GetString(), acl.GetProperty("action").GetString()));
    }
}
