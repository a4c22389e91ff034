using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Diff;

/// <summary>
/// A range asked about as a whole: cut where a rule's block starts, one part per verdict, the remainder of the range
/// last; one part when the whole range has one verdict.
/// </summary>
public class RangeVerdictsTests
{
    private static readonly Traffic Https = new(IpProtocol.Tcp, 443);

    private static ReachabilityEngine Engine(params Rule[] rules) =>
        ReachabilityEngine.Build(Of([Group("sg-web", "web", rules)], [Eni("eni-web1", "10.0.1.1", "sg-web")]));

    private static Endpoint Web(ReachabilityEngine engine) => EndpointResolver.Resolve(engine.Estate, "eni-web1").Value;

    private static Cidr Block(string text) => Cidr.Parse(text).Value;

    [Fact]
    public void ARangeAllowedOnlyInANarrowerBlockIsSplitIntoThatBlockAndTheRest()
    {
        var engine = Engine(In("sgr-corp", "tcp", 443, 443, "172.16.5.0/24"));

        var parts = RangeVerdicts.Split(engine, Block("172.16.0.0/12"), Web(engine), Https, rangeIsSource: true);

        Assert.Equal(2, parts.Length);
        Assert.Equal(("172.16.5.0/24", true, false), (parts[0].Label, parts[0].Explanation.Verdict.Allowed, parts[0].IsRest));
        Assert.Equal("sgr-corp", Assert.Single(parts[0].Explanation.Verdict.Ingress).Rule.Id);
        Assert.True(Block("172.16.5.0/24").Contains(parts[0].Sample));
        Assert.Equal(("172.16.0.0/12 except 172.16.5.0/24", false, true), (parts[1].Label, parts[1].Explanation.Verdict.Allowed, parts[1].IsRest));
        Assert.False(Block("172.16.5.0/24").Contains(parts[1].Sample));
    }

    [Fact]
    public void ARangeInsideAnAllowedBlockHasOnePartWhateverItsFirstAddress()
    {
        var engine = Engine(In("sgr-wide", "tcp", 443, 443, "172.16.0.0/12"), In("sgr-ssh", "tcp", 22, 22, "172.16.5.0/24"));

        var part = Assert.Single(RangeVerdicts.Split(engine, Block("172.16.0.0/16"), Web(engine), Https, rangeIsSource: true));

        Assert.Equal("172.16.0.0/16", part.Label);
        Assert.True(part.Explanation.Verdict.Allowed);
    }

    [Fact]
    public void ADestinationRangeIsSplitByTheSourcesOutboundRules()
    {
        var engine = Engine(Out("sgr-out", "tcp", 443, 443, "198.51.100.0/25"));

        var parts = RangeVerdicts.Split(engine, Block("198.51.100.0/24"), Web(engine), Https, rangeIsSource: false);

        Assert.Equal(["198.51.100.0/25 allowed", "198.51.100.0/24 except 198.51.100.0/25 denied"],
            parts.Select(p => $"{p.Label} {(p.Explanation.Verdict.Allowed ? "allowed" : "denied")}"));
    }
}
