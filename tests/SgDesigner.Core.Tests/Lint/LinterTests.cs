using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Lint;

public class LinterTests
{
    private static List<Finding> Findings(Estate estate, LintCheck check) =>
        [.. Linter.Lint(estate).Where(f => f.Id == check.Id)];

    [Fact]
    public void SshOpenToTheWorldIsAnErrorNamingGroupRuleAndPort()
    {
        var estate = Of(Group("sg-1", "bastion", In("sgr-1", "tcp", 22, 22, "0.0.0.0/0")));

        var finding = Assert.Single(Findings(estate, LintCatalogue.AdminPortOpenToWorld));

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("sg-1", finding.GroupId);
        Assert.Equal("sgr-1", finding.RuleId);
        Assert.Contains("22 (SSH)", finding.Message);
        Assert.Contains("bastion", finding.Message);
        Assert.False(string.IsNullOrWhiteSpace(finding.Why));
    }

    [Fact]
    public void APortRangeCoveringRdpFromIpv6AnywhereCounts()
    {
        var estate = Of(Group("sg-1", "win", In("sgr-1", "tcp", 3000, 4000, "::/0")));

        var finding = Assert.Single(Findings(estate, LintCatalogue.AdminPortOpenToWorld));

        Assert.Contains("3389 (RDP)", finding.Message);
        Assert.Empty(Findings(estate, LintCatalogue.PortOpenToWorld));
    }

    [Fact]
    public void TcpWithPortsMinusOneMeansEveryPortAndSoCoversSsh()
    {
        var estate = Of(Group("sg-1", "x", In("sgr-1", "tcp", -1, -1, "0.0.0.0/0"), In("sgr-2", "tcp", 22, 22, "0.0.0.0/0")));

        Assert.Equal(["sgr-1", "sgr-2"], Findings(estate, LintCatalogue.AdminPortOpenToWorld).Select(f => f.RuleId).Order());
        Assert.Equal("sgr-2", Assert.Single(Findings(estate, LintCatalogue.ShadowedRule)).RuleId);
    }

    [Fact]
    public void SshFromAnOfficeRangeOrOverUdpIsNotAnAdminFinding()
    {
        var estate = Of(Group("sg-1", "bastion",
            In("sgr-1", "tcp", 22, 22, "203.0.113.0/24"),
            In("sgr-2", "udp", 22, 22, "0.0.0.0/0"),
            In("sgr-3", "tcp", 443, 443, "0.0.0.0/0")));

        Assert.Empty(Findings(estate, LintCatalogue.AdminPortOpenToWorld));
        Assert.Equal(["sgr-2", "sgr-3"], Findings(estate, LintCatalogue.PortOpenToWorld).Select(f => f.RuleId).Order());
    }

    [Fact]
    public void DatabasePortsOpenToTheWorldAreErrors()
    {
        var estate = Of(Group("sg-db", "db",
            In("sgr-pg", "tcp", 5432, 5432, "0.0.0.0/0"),
            In("sgr-mongo", "tcp", 27017, 27017, "0.0.0.0/0"),
            In("sgr-app", "tcp", 5432, 5432, "sg-app")));

        var findings = Findings(estate, LintCatalogue.DataPortOpenToWorld);

        Assert.Equal(["sgr-mongo", "sgr-pg"], findings.Select(f => f.RuleId).Order());
        Assert.Contains(findings, f => f.Message.Contains("PostgreSQL", StringComparison.Ordinal));
    }

    [Fact]
    public void APrefixListHoldingZeroSlashZeroIsTheWorld()
    {
        var estate = Of(Group("sg-1", "web", In("sgr-1", "tcp", 22, 22, "pl-any"))) with
        {
            PrefixLists = [new PrefixList("pl-any", "anything", IpFamily.V4, [Cidr.AnyV4])],
        };

        Assert.Single(Findings(estate, LintCatalogue.AdminPortOpenToWorld));
    }

    [Fact]
    public void AllTrafficFromTheWorldIsReportedAndCountsForEveryListedPort()
    {
        var estate = Of(Group("sg-1", "open", In("sgr-1", "-1", -1, -1, "0.0.0.0/0")));

        Assert.Single(Findings(estate, LintCatalogue.AllTrafficFromWorld));
        Assert.Contains("22 (SSH)", Assert.Single(Findings(estate, LintCatalogue.AdminPortOpenToWorld)).Message);
        var data = Assert.Single(Findings(estate, LintCatalogue.DataPortOpenToWorld)).Message;
        Assert.Contains("5432 (PostgreSQL)", data);
        Assert.Contains("and 13 more", data);
    }

    [Fact]
    public void AllTrafficOutboundToTheWorldIsNotAnInboundExposure()
    {
        var estate = Of(Group("sg-1", "default-egress", Out("sgr-1", "-1", -1, -1, "0.0.0.0/0")));

        Assert.DoesNotContain(Linter.Lint(estate), f => f.Id is "SGD001" or "SGD002" or "SGD003" or "SGD004");
    }

    [Fact]
    public void ARuleInsideABroaderRuleOfTheSameGroupAndDirectionIsShadowed()
    {
        var estate = Of(Group("sg-1", "app",
            In("sgr-narrow", "tcp", 443, 443, "10.0.1.0/24"),
            In("sgr-broad", "tcp", 0, 65535, "10.0.0.0/16"),
            Out("sgr-out", "tcp", 443, 443, "10.0.1.0/24")));

        var finding = Assert.Single(Findings(estate, LintCatalogue.ShadowedRule));

        Assert.Equal("sgr-narrow", finding.RuleId);
        Assert.Contains("sgr-broad", finding.Message);
    }

    [Fact]
    public void OverlappingButNotContainedRulesAreNotShadowed()
    {
        var estate = Of(Group("sg-1", "app",
            In("sgr-1", "tcp", 80, 443, "10.0.1.0/24"),
            In("sgr-2", "tcp", 443, 8443, "10.0.0.0/16"),
            In("sgr-3", "udp", 443, 443, "10.0.0.0/16"),
            In("sgr-4", "tcp", 443, 443, "sg-other")));

        Assert.Empty(Findings(estate, LintCatalogue.ShadowedRule));
    }

    [Fact]
    public void AllTrafficShadowsAnyRuleWithAContainedPeerAndIcmpAnyShadowsASpecificType()
    {
        var estate = Of(Group("sg-1", "app",
            In("sgr-all", "-1", -1, -1, "sg-peer"),
            In("sgr-tcp", "tcp", 22, 22, "sg-peer"),
            In("sgr-icmp-any", "icmp", -1, -1, "10.0.0.0/8"),
            In("sgr-ping", "icmp", 8, 0, "10.1.0.0/16")));

        Assert.Equal(["sgr-ping", "sgr-tcp"], Findings(estate, LintCatalogue.ShadowedRule).Select(f => f.RuleId).Order());
    }

    [Fact]
    public void IdenticalRulesAreDuplicatesNotShadowsAndOnlyTheLaterCopyIsReported()
    {
        var estate = Of(Group("sg-1", "app",
            In("sgr-1", "tcp", 443, 443, "10.0.0.0/16"),
            In("sgr-2", "tcp", 443, 443, "10.0.0.0/16"),
            In("sgr-3", "50", -1, -1, "10.0.0.0/16"),
            In("sgr-4", "50", 0, 0, "10.0.0.0/16"),
            Out("sgr-5", "tcp", 443, 443, "10.0.0.0/16")));

        var duplicates = Findings(estate, LintCatalogue.DuplicateRule);

        Assert.Equal(["sgr-2", "sgr-4"], duplicates.Select(f => f.RuleId).Order());
        Assert.Empty(Findings(estate, LintCatalogue.ShadowedRule));
    }

    [Fact]
    public void ReferencesToMissingGroupsAndPrefixListsAreStale()
    {
        var estate = Of(
            Group("sg-1", "app", In("sgr-1", "tcp", 80, 80, "sg-gone"), In("sgr-2", "tcp", 80, 80, "pl-gone"), In("sgr-3", "tcp", 80, 80, "sg-2")),
            Group("sg-2", "lb"));

        var stale = Findings(estate, LintCatalogue.StaleReference);

        Assert.Equal(["sgr-1", "sgr-2"], stale.Select(f => f.RuleId).Order());
        Assert.Contains(stale, f => f.Message.Contains("sg-gone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void AGroupReferenceIntoAnotherVpcNeedsAConnectionWithGroupReferencing(bool? groupReferencing, bool reported)
    {
        var estate = Of(Group("sg-1", "app", In("sgr-1", "tcp", 443, 443, "sg-2"), In("sgr-2", "tcp", 443, 443, "sg-3")),
            Group("sg-2", "peer-app") with { VpcId = "vpc-2" }, Group("sg-3", "same-vpc"));
        if (groupReferencing is { } enabled)
            estate = estate with { VpcConnections = [new VpcConnection("vpc-2", "vpc-1", VpcConnectionKind.Peering, enabled)] };

        var findings = Findings(estate, LintCatalogue.CrossVpcGroupReference);

        Assert.Equal(reported ? ["sgr-1"] : [], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void GroupsNoEniCarriesAreReportedExceptTheDefaultGroup()
    {
        var estate = Of(
            [Group("sg-used", "web"), Group("sg-unused", "old", In("sgr-1", "tcp", 22, 22, "sg-used")), Group("sg-default", "default")],
            [Eni("eni-1", "10.0.0.5", "sg-used")]);

        var finding = Assert.Single(Findings(estate, LintCatalogue.UnattachedGroup));

        Assert.Equal("sg-unused", finding.GroupId);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void AnUnattachedGroupThatOthersReferenceSaysThoseRulesMatchNothing()
    {
        var estate = Of(
            [Group("sg-web", "web", In("sgr-1", "tcp", 80, 80, "sg-lb")), Group("sg-lb", "lb")],
            [Eni("eni-1", "10.0.0.5", "sg-web")]);

        Assert.Contains("match nothing", Assert.Single(Findings(estate, LintCatalogue.UnattachedGroup)).Message);
    }

    [Fact]
    public void AnEniWithMoreGroupsThanTheQuotaIsAnErrorOnThatEni()
    {
        var groups = Enumerable.Range(1, 6).Select(i => Group($"sg-{i}", $"g{i}")).ToArray();
        var estate = Of(groups, [Eni("eni-many", "10.0.0.5", [.. groups.Select(g => g.Id)]), Eni("eni-five", "10.0.0.6", [.. groups.Take(5).Select(g => g.Id)])]);

        var finding = Assert.Single(Findings(estate, LintCatalogue.EniOverGroupQuota));

        Assert.Equal("eni-many", finding.EniId);
        Assert.Contains("6 groups", finding.Message);
    }

    [Fact]
    public void RuleQuotaIsCountedPerDirectionWithAWarningAtTheQuotaAndAnErrorOverIt()
    {
        var estate = Of(Group("sg-1", "big",
            [
                .. Enumerable.Range(1, 3).Select(i => In($"sgr-i{i}", "tcp", i, i, "10.0.0.0/16")),
                .. Enumerable.Range(1, 2).Select(i => Out($"sgr-o{i}", "tcp", i, i, "10.0.0.0/16")),
            ])) with { Quotas = new Quotas(RulesPerDirection: 2) };

        Assert.Contains("3 inbound", Assert.Single(Findings(estate, LintCatalogue.GroupOverRuleQuota)).Message);
        Assert.Contains("2 outbound", Assert.Single(Findings(estate, LintCatalogue.GroupAtRuleQuota)).Message);
    }

    [Fact]
    public void PrivateRangesWiderThanSlash16OrThanTheVpcAreTooWideForInternalTraffic()
    {
        var estate = Of([Group("sg-1", "app",
            In("sgr-8", "tcp", 443, 443, "10.0.0.0/8"),
            In("sgr-12", "tcp", 443, 443, "172.16.0.0/12"),
            In("sgr-vpc", "tcp", 443, 443, "10.0.0.0/16"),
            In("sgr-subnet", "tcp", 443, 443, "10.0.1.0/24"))], vpcCidr: "10.0.1.0/24");

        var wide = Findings(estate, LintCatalogue.WideInternalCidr);

        Assert.Equal(["sgr-12", "sgr-8", "sgr-vpc"], wide.Select(f => f.RuleId).Order());
        Assert.Contains("wider than its VPC", wide.Single(f => f.RuleId == "sgr-vpc").Message);
    }

    [Fact]
    public void PublicBlocksFromSlash1ToSlash23AreTooWideButSlash24AndTheWorldAreNot()
    {
        var estate = Of(Group("sg-1", "app",
            In("sgr-16", "tcp", 443, 443, "52.0.0.0/16"),
            In("sgr-24", "tcp", 443, 443, "52.0.1.0/24"),
            In("sgr-world", "tcp", 443, 443, "0.0.0.0/0")));

        Assert.Equal("sgr-16", Assert.Single(Findings(estate, LintCatalogue.WidePublicCidr)).RuleId);
    }

    [Fact]
    public void IcmpTypeAnyWithACodeAndIcmpWithTheWrongFamilyMatchNothing()
    {
        var estate = Of(Group("sg-1", "app",
            In("sgr-bad-code", "icmp", -1, 3, "10.0.0.0/16"),
            In("sgr-v6-peer", "icmp", 8, 0, "2001:db8::/32"),
            In("sgr-v4-peer", "icmpv6", -1, -1, "10.0.0.0/16"),
            In("sgr-ok", "icmp", 3, -1, "10.0.0.0/16"),
            In("sgr-ok6", "icmpv6", 128, -1, "2001:db8::/32")));

        var findings = Findings(estate, LintCatalogue.IcmpMatchesNothing);

        Assert.Equal(["sgr-bad-code", "sgr-v4-peer", "sgr-v6-peer"], findings.Select(f => f.RuleId).Order());
        Assert.Contains("invalid", findings.Single(f => f.RuleId == "sgr-bad-code").Message);
    }

    [Fact]
    public void GroupNamesThatDifferOnlyInCaseClashWithinAVpc()
    {
        var other = Group("sg-3", "Web") with { VpcId = "vpc-2" };
        var estate = Of(Group("sg-1", "web"), Group("sg-2", "WEB"), other, Group("sg-4", "db"));

        var finding = Assert.Single(Findings(estate, LintCatalogue.DuplicateGroupName));

        Assert.Equal("sg-2", finding.GroupId);
        Assert.Contains("sg-1", finding.Message);
    }

    [Fact]
    public void AnEniCarryingAGroupMissingFromThePolicyIsReported()
    {
        var estate = Of([Group("sg-1", "web")], [Eni("eni-1", "10.0.0.5", "sg-1", "sg-missing")]);

        var finding = Assert.Single(Findings(estate, LintCatalogue.EniUnknownGroup));

        Assert.Equal(("eni-1", "sg-missing"), (finding.EniId, finding.GroupId));
    }

    [Fact]
    public void ACleanEstateHasNoFindings()
    {
        var estate = Of(
            [
                Group("sg-web", "web", In("sgr-1", "tcp", 443, 443, "0.0.0.0/0") with { Description = "HTTPS" },
                    Out("sgr-2", "tcp", 5432, 5432, "sg-db") with { Description = "to the database" }),
                Group("sg-db", "db", In("sgr-3", "tcp", 5432, 5432, "sg-web") with { Description = "from web" }),
            ],
            [Eni("eni-1", "10.0.0.5", "sg-web"), Eni("eni-2", "10.0.0.6", "sg-db")]);

        var finding = Assert.Single(Linter.Lint(estate));
        Assert.Equal(LintCatalogue.PortOpenToWorld.Id, finding.Id);
    }

    [Fact]
    public void FindingsComeMostSevereFirst()
    {
        var estate = Of(Group("sg-1", "x", In("sgr-1", "tcp", 22, 22, "0.0.0.0/0"), In("sgr-2", "tcp", 22, 22, "0.0.0.0/0")));

        var severities = Linter.Lint(estate).Select(f => f.Severity).ToList();

        Assert.Equal(severities.OrderByDescending(s => s), severities);
        Assert.Contains(Severity.Info, severities);
    }

    [Fact]
    public void TheCatalogueHasUniqueIdsAndEveryReportedIdIsCatalogued()
    {
        Assert.Equal(LintCatalogue.All.Length, LintCatalogue.All.Select(c => c.Id).Distinct().Count());
        Assert.All(LintCatalogue.All, c => Assert.Matches("^SGD[0-9]{3}$", c.Id));
        Assert.NotNull(LintCatalogue.Find("sgd001"));
    }
}
