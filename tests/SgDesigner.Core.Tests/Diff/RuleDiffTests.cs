using SgDesigner.Core.Diff;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Diff;

public class RuleDiffTests
{
    [Fact]
    public void IdenticalEstatesHaveAnEmptyDiff()
    {
        var estate = Of(Group("sg-1", "web", In("sgr-1", "tcp", 443, 443, "0.0.0.0/0")));

        Assert.True(RuleDiff.Compare(estate, estate).IsEmpty);
    }

    [Fact]
    public void RulesAddedRemovedAndChangedAreListedPerGroupWithBeforeAndAfter()
    {
        var before = Of(
            Group("sg-1", "web", In("sgr-keep", "tcp", 443, 443, "0.0.0.0/0"), In("sgr-gone", "tcp", 80, 80, "0.0.0.0/0"), In("sgr-edit", "tcp", 22, 22, "10.0.0.0/16")),
            Group("sg-2", "db", In("sgr-db", "tcp", 5432, 5432, "sg-1")));
        var after = Of(
            Group("sg-1", "web", In("sgr-keep", "tcp", 443, 443, "0.0.0.0/0"), In("sgr-edit", "tcp", 22, 22, "0.0.0.0/0"), In("sgr-new", "tcp", 8443, 8443, "0.0.0.0/0")),
            Group("sg-2", "db", In("sgr-db", "tcp", 5432, 5432, "sg-1")));

        var diff = RuleDiff.Compare(before, after);

        var group = Assert.Single(diff.Groups);
        Assert.Equal("sg-1", group.GroupId);
        Assert.Equal("sgr-new", Assert.Single(group.Added).Id);
        Assert.Equal("sgr-gone", Assert.Single(group.Removed).Id);
        var change = Assert.Single(group.Changed);
        Assert.Equal(("10.0.0.0/16", "0.0.0.0/0"), (change.Before.Peer.ToString(), change.After.Peer.ToString()));
        Assert.True(change.AffectsTraffic);
    }

    [Fact]
    public void ADescriptionOnlyEditIsAChangeThatAffectsNoTraffic()
    {
        var rule = In("sgr-1", "tcp", 443, 443, "0.0.0.0/0");
        var before = Of(Group("sg-1", "web", rule));
        var after = Of(Group("sg-1", "web", rule with { Description = "public https" }));

        var change = Assert.Single(Assert.Single(RuleDiff.Compare(before, after).Groups).Changed);

        Assert.False(change.AffectsTraffic);
    }

    [Fact]
    public void ARuleReimportedUnderANewIdWithTheSameContentIsNotAChange()
    {
        var before = Of(Group("sg-1", "web", In("sgr-old", "-1", -1, -1, "10.0.0.0/16")));
        var after = Of(Group("sg-1", "web", In("sgr-new", "-1", 0, 0, "10.0.0.0/16")));

        Assert.True(RuleDiff.Compare(before, after).IsEmpty);
    }

    [Fact]
    public void GroupsAddedRemovedAndRenamedAreReportedAndTheirRulesCount()
    {
        var before = Of(Group("sg-old", "legacy", In("sgr-1", "tcp", 21, 21, "0.0.0.0/0")), Group("sg-web", "web"));
        var after = Of(Group("sg-new", "api", In("sgr-2", "tcp", 443, 443, "sg-web")), Group("sg-web", "web-public"));

        var diff = RuleDiff.Compare(before, after);

        Assert.Equal("sg-new", Assert.Single(diff.GroupsAdded).Id);
        Assert.Equal("sg-old", Assert.Single(diff.GroupsRemoved).Id);
        Assert.Equal(new GroupRename("sg-web", "web", "web-public"), Assert.Single(diff.GroupsRenamed));
        Assert.Equal(["sg-new", "sg-old"], diff.Groups.Select(g => g.GroupId));
        Assert.Equal("sgr-2", Assert.Single(diff.Groups[0].Added).Id);
        Assert.Equal("sgr-1", Assert.Single(diff.Groups[1].Removed).Id);
    }

    [Fact]
    public void ARepeatedRuleIdInAHandEditedEstateIsComparedByItsFirstHolder()
    {
        var before = Of(Group("sg-1", "web", In("sgr-1", "tcp", 80, 80, "0.0.0.0/0"), In("sgr-1", "tcp", 81, 81, "0.0.0.0/0")));
        var after = Of(Group("sg-1", "web", In("sgr-1", "tcp", 80, 80, "0.0.0.0/0")));

        var group = Assert.Single(RuleDiff.Compare(before, after).Groups);

        Assert.Equal(81, Assert.Single(group.Removed).FromPort);
    }
}
