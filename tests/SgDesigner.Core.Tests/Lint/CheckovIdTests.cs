using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.AwsCli;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Lint;

/// <summary>Each finding names the Checkov checks that fail on the same rule or group once exported (issue 13).</summary>
public class CheckovIdTests
{
    private static Finding Only(Estate estate, LintCheck check, string? ruleId) =>
        Assert.Single(Linter.Lint(estate), f => f.Id == check.Id && f.RuleId == ruleId);

    [Fact]
    public void WorldOpenPortsCarryCheckovsPerPortIdsOncePerRule()
    {
        var estate = Of(Group("sg-1", "x",
            In("sgr-ssh", "tcp", 22, 22, "0.0.0.0/0"),
            In("sgr-rdp", "tcp", 3389, 3389, "::/0"),
            In("sgr-web", "tcp", 80, 80, "0.0.0.0/0"),
            In("sgr-all", "-1", -1, -1, "0.0.0.0/0"),
            In("sgr-wide", "tcp", 0, 65535, "0.0.0.0/0")));

        Assert.Equal(["CKV_AWS_24"], Only(estate, LintCatalogue.AdminPortOpenToWorld, "sgr-ssh").Checkov);
        Assert.Equal(["CKV_AWS_25"], Only(estate, LintCatalogue.AdminPortOpenToWorld, "sgr-rdp").Checkov);
        Assert.Equal(["CKV_AWS_260"], Only(estate, LintCatalogue.PortOpenToWorld, "sgr-web").Checkov);
        Assert.Equal(["CKV_AWS_277", "CKV_AWS_260"], Only(estate, LintCatalogue.AllTrafficFromWorld, "sgr-all").Checkov);
        Assert.Equal(["CKV_AWS_24", "CKV_AWS_25"], Only(estate, LintCatalogue.AdminPortOpenToWorld, "sgr-all").Checkov);
        Assert.Empty(Only(estate, LintCatalogue.DataPortOpenToWorld, "sgr-all").Checkov);
        Assert.Equal(["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"], Only(estate, LintCatalogue.AdminPortOpenToWorld, "sgr-wide").Checkov);
        Assert.Empty(Only(estate, LintCatalogue.DataPortOpenToWorld, "sgr-wide").Checkov);
    }

    [Fact]
    public void EgressToTheWorldOnAllPortsIsCkvAws382()
    {
        var estate = Of(Group("sg-1", "x", Out("sgr-1", "-1", -1, -1, "0.0.0.0/0"), Out("sgr-2", "-1", -1, -1, "::/0"),
            Out("sgr-3", "tcp", 443, 443, "0.0.0.0/0"), Out("sgr-4", "-1", -1, -1, "10.0.0.0/8")));

        var findings = Linter.Lint(estate).Where(f => f.Id == LintCatalogue.EgressAllToWorld.Id).ToList();

        Assert.Equal(["sgr-1", "sgr-2"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.Equal(["CKV_AWS_382"], f.Checkov));
    }

    [Fact]
    public void MissingDescriptionsAreOneFindingPerGroupAsCkvAws23()
    {
        var group = Group("sg-1", "x", In("sgr-1", "tcp", 443, 443, "10.0.0.0/8"), In("sgr-2", "tcp", 80, 80, "10.0.0.0/8") with { Description = "web" }) with { Description = "" };

        var finding = Only(Of(group), LintCatalogue.MissingDescription, null);

        Assert.Equal(["CKV_AWS_23"], finding.Checkov);
        Assert.Contains("the group has no description", finding.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 2 rule(s) have none (sgr-1)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefaultGroupWithRulesIsCkv2Aws12AndAnEmptyOneIsNot()
    {
        var estate = Of(Group("sg-d", "default", In("sgr-1", "-1", -1, -1, "sg-d")), Group("sg-e", "default") with { VpcId = "vpc-2" });

        Assert.Equal(["CKV2_AWS_12"], Only(estate, LintCatalogue.DefaultGroupAllowsTraffic, null).Checkov);
        Assert.DoesNotContain(Linter.Lint(estate), f => f.Id == LintCatalogue.DefaultGroupAllowsTraffic.Id && f.GroupId == "sg-e");
    }

    [Fact]
    public void EveryRealSampleWithADefaultGroupGetsCkv2Aws12AndEgressToTheWorldIsFound()
    {
        foreach (var dataset in AwsSamples.Datasets)
        {
            var estate = AwsSamples.Import(dataset).Estate!;
            var findings = Linter.Lint(estate);
            foreach (var group in estate.Groups.Where(g => g.Name == "default" && !g.Rules.IsEmpty))
                Assert.Contains(findings, f => f.GroupId == group.Id && f.Checkov.Contains("CKV2_AWS_12"));
            var open = estate.Groups.Where(g => g.Outbound.Any(r => r.Protocol.IsAll && r.Peer is CidrPeer { Block.PrefixLength: 0 })).Select(g => g.Id).ToHashSet();
            Assert.Equal(open, findings.Where(f => f.Checkov.Contains("CKV_AWS_382")).Select(f => f.GroupId!).ToHashSet());
        }
    }
}
