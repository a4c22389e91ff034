using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Lint.TestEstate;
using static SgDesigner.Core.Tests.Review.MergeSamples;

namespace SgDesigner.Core.Tests.Review;

/// <summary>Merging rules and groups: one-sided, identical and conflicting edits, deletions, resolution and validation.</summary>
public class ThreeWayMergeTests
{
    [Fact]
    public void ARuleChangedOnOurSideOnlyIsTakenFromOurs()
    {
        var ours = EditRule(Base, "sg-web", "sgr-https", r => r with { FromPort = 8443, ToPort = 8443 });

        var result = ThreeWayMerge.Merge(Base, ours, Base);

        Assert.Empty(result.Conflicts);
        Assert.Equal(8443, RuleOf(result.Merged, "sg-web", "sgr-https").FromPort);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void ARuleChangedOnTheirSideOnlyIsTakenFromTheirs()
    {
        var theirs = EditRule(Base, "sg-db", "sgr-pg", r => r with { Description = "app tier" });

        var result = ThreeWayMerge.Merge(Base, Base, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal("app tier", RuleOf(result.Merged, "sg-db", "sgr-pg").Description);
    }

    [Fact]
    public void RulesAddedToTheSameGroupOnBothSidesBothSurviveAndEditsOfOtherRulesToo()
    {
        var ours = AddRule(EditRule(Base, "sg-web", "sgr-https", r => r with { Description = "public" }), "sg-web", In("sgr-ours", "tcp", 80, 80, "0.0.0.0/0"));
        var theirs = AddRule(RemoveRule(Base, "sg-web", "sgr-out"), "sg-web", In("sgr-theirs", "tcp", 8080, 8080, "10.0.0.0/16"));

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sgr-https", "sgr-theirs", "sgr-ours"], G(result.Merged, "sg-web").Rules.Select(r => r.Id));
        Assert.Equal("public", RuleOf(result.Merged, "sg-web", "sgr-https").Description);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void TheSameChangeOnBothSidesIsTakenOnceWithoutConflict()
    {
        Estate Edit(Estate e) => AddRule(EditRule(e, "sg-db", "sgr-pg", r => r with { ToPort = 5433 }), "sg-db", In("sgr-new", "tcp", 6379, 6379, "sg-web"));

        var result = ThreeWayMerge.Merge(Base, Edit(Base), Edit(Base));

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sgr-pg", "sgr-new"], G(result.Merged, "sg-db").Rules.Select(r => r.Id));
        Assert.Equal(5433, RuleOf(result.Merged, "sg-db", "sgr-pg").ToPort);
    }

    [Fact]
    public void ARuleChangedDifferentlyOnBothSidesIsAConflictLeftAtTheirValueUntilResolved()
    {
        var ours = EditRule(Base, "sg-ops", "sgr-ssh", r => r with { Peer = Peer("198.51.100.7/32") });
        var theirs = EditRule(Base, "sg-ops", "sgr-ssh", r => r with { FromPort = 2222, ToPort = 2222 });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal((MergeEntityKind.Rule, "sgr-ssh", "sg-ops", null), (conflict.Kind, conflict.Id, conflict.GroupId, conflict.Field));
        Assert.Equal("rule:sg-ops/sgr-ssh", conflict.Key);
        Assert.Equal("inbound tcp 22 from 198.51.100.0/24", conflict.Base);
        Assert.Equal("inbound tcp 22 from 198.51.100.7/32", conflict.Ours);
        Assert.Equal("inbound tcp 2222 from 198.51.100.0/24", conflict.Theirs);
        Assert.Null(conflict.Resolution);
        Assert.Equal(RuleOf(theirs, "sg-ops", "sgr-ssh"), RuleOf(result.Merged, "sg-ops", "sgr-ssh"));
        Assert.False(result.IsClean);

        var resolved = ThreeWayMerge.Resolve(Base, ours, theirs, Choose(conflict, MergeSide.Ours));

        Assert.Equal(RuleOf(ours, "sg-ops", "sgr-ssh"), RuleOf(resolved.Merged, "sg-ops", "sgr-ssh"));
        Assert.Equal(MergeSide.Ours, Assert.Single(resolved.Conflicts).Resolution);
        Assert.Empty(resolved.Unresolved);
        Assert.True(resolved.IsClean);
    }

    [Fact]
    public void ARuleDeletedOnOneSideAndChangedOnTheOtherIsAConflictEitherWayRound()
    {
        var deleted = RemoveRule(Base, "sg-db", "sgr-pg");
        var changed = EditRule(Base, "sg-db", "sgr-pg", r => r with { Description = "keep me" });

        var weDeleted = ThreeWayMerge.Merge(Base, deleted, changed);
        var theyDeleted = ThreeWayMerge.Merge(Base, changed, deleted);

        var conflict = Assert.Single(weDeleted.Conflicts);
        Assert.Null(conflict.Ours);
        Assert.Contains("keep me", conflict.Theirs);
        Assert.Equal("keep me", RuleOf(weDeleted.Merged, "sg-db", "sgr-pg").Description);
        Assert.Null(Assert.Single(theyDeleted.Conflicts).Theirs);
        Assert.DoesNotContain(G(theyDeleted.Merged, "sg-db").Rules, r => r.Id == "sgr-pg");

        var keepOurs = ThreeWayMerge.Resolve(Base, deleted, changed, Choose(conflict, MergeSide.Ours));
        Assert.Empty(G(keepOurs.Merged, "sg-db").Rules);
    }

    [Fact]
    public void AGroupDeletedByThemWhileWeChangedItsRulesIsAConflictOverTheWholeGroup()
    {
        var ours = EditRule(Base, "sg-ops", "sgr-ssh", r => r with { Description = "bastion" });
        var theirs = RemoveGroup(Base, "sg-ops");

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal((MergeEntityKind.SecurityGroup, "sg-ops", "sg-ops", null), (conflict.Kind, conflict.Id, conflict.GroupId, conflict.Field));
        Assert.Equal("group:sg-ops", conflict.Key);
        Assert.Null(conflict.Theirs);
        Assert.Contains("sgr-ssh inbound tcp 22 from 198.51.100.0/24 \"bastion\"", conflict.Ours);
        Assert.Null(result.Merged.FindGroup("sg-ops"));

        var restored = ThreeWayMerge.Resolve(Base, ours, theirs, Choose(conflict, MergeSide.Ours));
        Assert.Equal("bastion", RuleOf(restored.Merged, "sg-ops", "sgr-ssh").Description);
    }

    [Fact]
    public void AGroupDeletedByUsWhileTheyAddedARuleToItKeepsTheirGroupUntilResolved()
    {
        var ours = RemoveGroup(Base, "sg-ops");
        var theirs = AddRule(Base, "sg-ops", In("sgr-rdp", "tcp", 3389, 3389, "198.51.100.0/24"));

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Equal("group:sg-ops", Assert.Single(result.Conflicts).Key);
        Assert.Equal(["sgr-ssh", "sgr-rdp"], G(result.Merged, "sg-ops").Rules.Select(r => r.Id));
    }

    [Fact]
    public void AGroupRenamedOnOneSideWhileItsDescriptionChangedOnTheOtherKeepsBoth()
    {
        var ours = Base.WithGroup(G(Base, "sg-web") with { Name = "frontend" });
        var theirs = Base.WithGroup(G(Base, "sg-web") with { Description = "public web tier" });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(("frontend", "public web tier"), (G(result.Merged, "sg-web").Name, G(result.Merged, "sg-web").Description));
    }

    [Fact]
    public void AGroupRenamedDifferentlyOnBothSidesIsAConflictOnItsName()
    {
        var ours = Base.WithGroup(G(Base, "sg-web") with { Name = "frontend" });
        var theirs = Base.WithGroup(G(Base, "sg-web") with { Name = "edge" });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("group:sg-web.name", "web", "frontend", "edge"), (conflict.Key, conflict.Base, conflict.Ours, conflict.Theirs));
        Assert.Equal("edge", G(result.Merged, "sg-web").Name);
    }

    [Fact]
    public void OurNewRuleReferencingAGroupTheyDeletedIsAValidationErrorOfTheMerge()
    {
        var ours = AddRule(Base, "sg-web", Out("sgr-to-ops", "tcp", 22, 22, "sg-ops"));
        var theirs = RemoveGroup(Base, "sg-ops");

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Contains(RuleOf(result.Merged, "sg-web", "sgr-to-ops"), G(ours, "sg-web").Rules);
        var error = Assert.Single(result.Errors);
        Assert.Equal("groups[sg-web].rules[sgr-to-ops].peer", error.Path);
        Assert.Contains("sg-ops", error.Message);
        Assert.False(result.IsClean);
    }

    [Fact]
    public void ErrorsEitherSideAlreadyHadAreNotBlamedOnTheMerge()
    {
        var stale = AddRule(Base, "sg-db", In("sgr-stale", "tcp", 1, 1, "sg-gone"));
        var ours = EditRule(stale, "sg-web", "sgr-https", r => r with { Description = "public" });

        var result = ThreeWayMerge.Merge(stale, ours, stale);

        Assert.Empty(result.Errors);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void AChoiceForAConflictThatDoesNotExistIsReportedAsIgnored()
    {
        var ours = EditRule(Base, "sg-web", "sgr-https", r => r with { Description = "public" });

        var result = ThreeWayMerge.Resolve(Base, ours, Base, new Dictionary<string, MergeSide> { ["rule:sg-web/sgr-gone"] = MergeSide.Ours });

        Assert.Equal(["rule:sg-web/sgr-gone"], result.IgnoredChoices);
        Assert.True(result.IsClean);
    }
}
