using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using static SgDesigner.Core.Tests.Validation.SampleEstate;

namespace SgDesigner.Core.Tests.Validation;

public class RuleValidatorTests
{
    private static readonly Peer World = new CidrPeer(Cidr.AnyV4);

    private static Rule Make(IpProtocol protocol, int from, int to, Peer? peer = null, string? description = null) =>
        new("sgr-1", Direction.Inbound, protocol, from, to, peer ?? World, description);

    [Theory]
    [InlineData(6, 22, 22)]
    [InlineData(6, 0, 65535)]
    [InlineData(17, 53, 53)]
    [InlineData(-1, -1, -1)]
    [InlineData(1, 8, 0)]
    [InlineData(1, 8, -1)]
    [InlineData(1, -1, -1)]
    [InlineData(58, -1, -1)]
    [InlineData(50, -1, -1)]
    public void RulesAwsAcceptsHaveNoErrors(int protocol, int from, int to)
    {
        Assert.Empty(RuleValidator.Validate(Make(new IpProtocol(protocol), from, to)));
    }

    [Theory]
    [InlineData(6, -1, 22, "fromPort", "out of range 0..65535")]
    [InlineData(6, 22, 65536, "toPort", "out of range 0..65535")]
    [InlineData(17, 100, 90, "toPort", "ends before it starts")]
    [InlineData(1, 256, 0, "fromPort", "ICMP type 256")]
    [InlineData(1, 8, -2, "toPort", "ICMP code -2")]
    [InlineData(1, -1, 9, "toPort", "needs a specific type")]
    [InlineData(50, 0, 0, "fromPort", "ports do not apply")]
    [InlineData(256, -1, -1, "protocol", "out of range")]
    public void RulesAwsRefusesAreReportedAtTheField(int protocol, int from, int to, string field, string message)
    {
        var error = Assert.Single(RuleValidator.Validate(Make(new IpProtocol(protocol), from, to), "groups[sg-1].rules[sgr-1]"));
        Assert.Equal($"groups[sg-1].rules[sgr-1].{field}", error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ADescriptionWithACharacterAwsRefusesIsReported()
    {
        var error = Assert.Single(RuleValidator.Validate(Make(IpProtocol.Tcp, 22, 22, description: "ssh <admin>")));
        Assert.Equal("rule.description", error.Path);
        Assert.Contains("'<'", error.Message);
    }

    [Fact]
    public void AnIcmpRuleWithAnIpv6PeerIsAcceptedWithAWarning()
    {
        var result = RuleValidator.Check(Make(IpProtocol.Icmp, 8, 0, new CidrPeer(Cidr.AnyV6)), Build());
        Assert.Empty(result.Errors);
        Assert.Contains("only in IPv4", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void CheckingInAnEstateFindsAMissingGroup()
    {
        var result = RuleValidator.Check(Make(IpProtocol.Tcp, 22, 22, new GroupPeer("sg-nope")), Build());
        Assert.Equal("rule.peer", Assert.Single(result.Errors).Path);
        Assert.Empty(RuleValidator.Check(Make(IpProtocol.Tcp, 22, 22, new GroupPeer("sg-web")), Build()).Errors);
    }

    [Fact]
    public void CheckingAnEditInItsGroupReportsOnlyThatRuleAndTheGroupQuota()
    {
        var estate = Build() with { Quotas = new Quotas(RulesPerDirection: 2) };
        var added = Tcp("sgr-new", Direction.Inbound, 22, 22, new GroupPeer("sg-missing"));
        var result = RuleValidator.CheckInGroup(estate, "sg-db", added);
        Assert.Equal(
            ["groups[sg-db].rules", "groups[sg-db].rules[sgr-new].peer"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReplacingARuleWithItsEditedVersionIsNotADuplicate()
    {
        var edited = Tcp("sgr-3", Direction.Inbound, 5433, 5433, new GroupPeer("sg-web"));
        var result = RuleValidator.CheckInGroup(Build(), "sg-db", edited);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void ARuleWithTheTrafficAndPeerOfAnotherRuleOfTheGroupIsRefused()
    {
        var copy = Tcp("sgr-copy", Direction.Inbound, 5432, 5432, new GroupPeer("sg-web"));
        var error = Assert.Single(RuleValidator.CheckInGroup(Build(), "sg-db", copy).Errors);
        Assert.Equal("groups[sg-db].rules[sgr-copy]", error.Path);
        Assert.Contains("duplicates sgr-3", error.Message);
    }

    [Fact]
    public void ARuleIdTakenByAnotherGroupIsRefusedWhicheverGroupComesFirst()
    {
        var reused = Tcp("sgr-3", Direction.Inbound, 80, 80, new CidrPeer(Cidr.AnyV4));
        var error = Assert.Single(RuleValidator.CheckInGroup(Build(), "sg-web", reused).Errors);
        Assert.Equal("groups[sg-web].rules[sgr-3]", error.Path);
        Assert.Contains("more than once", error.Message);
        Assert.Equal("groups[sg-nope]", Assert.Single(RuleValidator.CheckInGroup(Build(), "sg-nope", reused).Errors).Path);
    }
}
