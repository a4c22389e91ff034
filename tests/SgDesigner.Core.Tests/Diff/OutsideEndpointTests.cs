using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Diff;

/// <summary>
/// Every CIDR and prefix list a rule names is an outside endpoint of the diff, beside the internet and the declared
/// external endpoints: the address space is cut where verdicts can differ and merged back where they do not.
/// </summary>
public class OutsideEndpointTests
{
    private static readonly SecurityGroup s_web = Group("sg-web", "web", In("sgr-w-https", "tcp", 443, 443, "0.0.0.0/0"));

    private static Estate Estate(params SecurityGroup[] groups) =>
        Of(groups, [Eni("eni-web1", "10.0.1.1", "sg-web"), Eni("eni-web2", "10.0.1.2", "sg-web")]);

    private static Estate WithRules(params Rule[] rules) => Estate(s_web with { Rules = s_web.Rules.AddRange(rules) });

    private static FlowChange Inbound(ReachabilityDiff diff) => Assert.Single(diff.Changes, c => c.From.Outside is not null);

    [Fact]
    public void OpeningTcp443FromACidrListsThatCidrAsTheSource()
    {
        var before = Estate(Group("sg-web", "web"));
        var after = Estate(Group("sg-web", "web", In("sgr-corp", "tcp", 443, 443, "10.20.0.0/16")));

        var change = Inbound(ReachabilityDiff.Compare(before, after));

        Assert.Equal("10.20.0.0/16", change.From.Label);
        Assert.Equal(Cidr.Parse("10.20.0.0/16").Value, change.From.Outside);
        Assert.Equal("sg-web (web)", change.To.Label);
        Assert.Equal("tcp 443", change.Opened.ToString());
        Assert.Equal(2, change.Pairs);
        Assert.Equal("sgr-corp", Assert.Single(Assert.Single(change.OpenedDetail).Rules).Rule.Id);
    }

    [Fact]
    public void ANarrowerRuleInsideAWiderOneOpensOnlyWhereTheWiderDidNotAllowAlready()
    {
        var before = WithRules(In("sgr-wide", "tcp", 22, 22, "10.0.0.0/8"), In("sgr-narrow", "tcp", 5432, 5432, "10.20.0.0/16"));

        // tcp 5432 from the rest of 10.0.0.0/8: the /16 allowed it already, so it is cut out of the label.
        var wider = Inbound(ReachabilityDiff.Compare(before, WithRules([.. before.Groups[0].Rules, In("sgr-pg", "tcp", 5432, 5432, "10.0.0.0/8")])));
        Assert.Equal("10.0.0.0/8 except 10.20.0.0/16", wider.From.Label);
        Assert.Equal("tcp 5432", wider.Opened.ToString());

        // tcp 22 from the /16: 10.0.0.0/8 allowed it already, nothing opens.
        Assert.True(ReachabilityDiff.Compare(before, WithRules([.. before.Groups[0].Rules, In("sgr-ssh", "tcp", 22, 22, "10.20.0.0/16")])).IsEmpty);

        // tcp 8443 from the /16 only: one line for the /16.
        var narrow = Inbound(ReachabilityDiff.Compare(before, WithRules([.. before.Groups[0].Rules, In("sgr-alt", "tcp", 8443, 8443, "10.20.0.0/16")])));
        Assert.Equal("10.20.0.0/16", narrow.From.Label);
    }

    [Fact]
    public void RegionsWithTheSameChangeAreMergedUnderTheirCommonBlock()
    {
        var before = WithRules(In("sgr-a", "tcp", 22, 22, "10.20.0.0/16"), In("sgr-b", "tcp", 22, 22, "10.30.0.0/16"));
        var after = WithRules(In("sgr-a", "tcp", 22, 22, "10.20.0.0/16"), In("sgr-b", "tcp", 22, 22, "10.30.0.0/16"), In("sgr-c", "tcp", 80, 80, "10.0.0.0/8"));

        var change = Inbound(ReachabilityDiff.Compare(before, after));

        Assert.Equal("10.0.0.0/8", change.From.Label);
        Assert.Equal("tcp 80", change.Opened.ToString());
    }

    [Fact]
    public void APrefixListIsShownByItsIdAndNameWhenAllItsEntriesChangeAlike()
    {
        var list = new PrefixList("pl-corp", "corp", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value, Cidr.Parse("198.51.100.0/24").Value]);
        var before = WithRules() with { PrefixLists = [list] };
        var after = WithRules(In("sgr-pl", "tcp", 22, 22, "pl-corp")) with { PrefixLists = [list] };

        var change = Inbound(ReachabilityDiff.Compare(before, after));

        Assert.Equal("pl-corp (corp)", change.From.Label);
        Assert.Equal("sgr-pl", Assert.Single(Assert.Single(change.OpenedDetail).Rules).Rule.Id);
    }

    [Fact]
    public void InternetAndInternetInAnotherCaseAreOneEndpoint()
    {
        var named = new ExternalEndpoint("Internet", Cidr.AnyV4);
        var before = WithRules() with { ExternalEndpoints = [named] };
        var after = WithRules(In("sgr-ssh", "tcp", 22, 22, "0.0.0.0/0")) with { ExternalEndpoints = [named with { Name = "internet" }] };

        var change = Inbound(ReachabilityDiff.Compare(before, after));

        Assert.Equal("internet (0.0.0.0/0)", change.From.Label);
        Assert.Single(OutsideEndpoints.Of(before, after), e => e.Label.StartsWith("internet", StringComparison.OrdinalIgnoreCase) && e.Block == Cidr.AnyV4);
    }

    [Fact]
    public void OpeningTheWholeInternetWhereOneBlockWasAllowedSaysWhichPartOpens()
    {
        var before = WithRules(In("sgr-office", "tcp", 22, 22, "203.0.113.0/24")) with { ExternalEndpoints = [new ExternalEndpoint("Office", Cidr.Parse("203.0.113.0/24").Value)] };
        var after = WithRules(In("sgr-office", "tcp", 22, 22, "203.0.113.0/24"), In("sgr-world", "tcp", 22, 22, "0.0.0.0/0")) with { ExternalEndpoints = before.ExternalEndpoints };

        var change = Inbound(ReachabilityDiff.Compare(before, after));

        Assert.Equal("internet (0.0.0.0/0) except Office (203.0.113.0/24)", change.From.Label);
        Assert.Equal(Cidr.AnyV4, change.From.Outside);
    }

    [Fact]
    public void IPv6BlocksAreEndpointsOfIPv6Enis()
    {
        var web = Group("sg-web", "web");
        NetworkInterface[] enis = [Eni("eni-v6", "2001:db8:1::10", "sg-web")];
        var before = Of([web], enis);
        var after = Of([web with { Rules = [In("sgr-v6", "tcp", 443, 443, "2001:db8:ffff::/48"), In("sgr-v4", "tcp", 443, 443, "10.20.0.0/16")] }], enis);

        var change = Inbound(ReachabilityDiff.Compare(before, after));

        // The IPv4 rule cannot match traffic of an IPv6 ENI (the matrix takes every ENI on its primary address).
        Assert.Equal("2001:db8:ffff::/48", change.From.Label);
        Assert.Equal("tcp 443", change.Opened.ToString());
    }

    [Fact]
    public void OutboundRulesToACidrAreFlowsToThatCidr()
    {
        var before = Estate(Group("sg-web", "web"));
        var after = Estate(Group("sg-web", "web", Out("sgr-out", "udp", 53, 53, "10.0.0.2/32")));

        var change = Assert.Single(ReachabilityDiff.Compare(before, after).Changes, c => c.To.Outside is not null);

        Assert.Equal("10.0.0.2/32", change.To.Label);
        Assert.Equal("udp 53", change.Opened.ToString());
    }

    [Fact]
    public void TheEndpointListNamesNamedBlocksOnceAndListsRuleCidrsAndPrefixLists()
    {
        var list = new PrefixList("pl-corp", "corp", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value]);
        var estate = WithRules(In("sgr-a", "tcp", 22, 22, "10.20.0.0/16"), In("sgr-b", "tcp", 22, 22, "pl-corp"), In("sgr-c", "tcp", 22, 22, "203.0.113.0/24")) with
        {
            PrefixLists = [list],
            ExternalEndpoints = [new ExternalEndpoint("Office", Cidr.Parse("203.0.113.0/24").Value), new ExternalEndpoint("INTERNET", Cidr.AnyV4)],
        };

        var labels = OutsideEndpoints.Of(estate).Select(e => e.Label).ToList();

        Assert.Equal(["Office (203.0.113.0/24)", "INTERNET (0.0.0.0/0)", "internet (::/0)", "10.20.0.0/16", "pl-corp (corp)"], labels);
    }

    [Fact]
    public void TheOutsideReachOfAnEstateListsWhatEachOutsideEndpointMayOpenWithItsRules()
    {
        var estate = WithRules(In("sgr-corp", "tcp", 22, 22, "10.20.0.0/16"));

        var reach = ReachabilityDiff.OutsideReach(ReachabilityEngine.Build(estate), TestContext.Current.CancellationToken);

        Assert.All(reach.Changes, c => Assert.True(c.Closed.IsEmpty));
        var corp = Assert.Single(reach.Changes, c => c.From.Label == "10.20.0.0/16");
        Assert.Equal("tcp 22,443", corp.Opened.ToString());
        var world = Assert.Single(reach.Changes, c => c.From.Label == "internet (0.0.0.0/0) except 10.20.0.0/16");
        Assert.Equal("tcp 443", world.Opened.ToString());
        Assert.Equal("sgr-w-https", Assert.Single(Assert.Single(world.OpenedDetail).Rules).Rule.Id);
    }
}
