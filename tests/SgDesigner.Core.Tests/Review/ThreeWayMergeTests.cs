using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Review;

public class ThreeWayMergeTests
{
    private static readonly Estate s_base = Of(
        [
            Group("sg-web", "web", In("sgr-https", "tcp", 443, 443, "0.0.0.0/0"), Out("sgr-out", "-1", -1, -1, "0.0.0.0/0")),
            Group("sg-db", "db", In("sgr-pg", "tcp", 5432, 5432, "sg-web")),
            Group("sg-ops", "ops", In("sgr-ssh", "tcp", 22, 22, "198.51.100.0/24")),
        ],
        [Eni("eni-web", "10.0.1.10", "sg-web"), Eni("eni-db", "10.0.2.20", "sg-db")]);

    private static SecurityGroup G(Estate estate, string id) => estate.FindGroup(id)!;

    private static Estate EditRule(Estate estate, string groupId, string ruleId, Func<Rule, Rule> edit)
    {
        var group = G(estate, groupId);
        return estate.WithGroup(group with { Rules = [.. group.Rules.Select(r => r.Id == ruleId ? edit(r) : r)] });
    }

    private static Estate AddRule(Estate estate, string groupId, Rule rule) =>
        estate.WithGroup(G(estate, groupId) with { Rules = G(estate, groupId).Rules.Add(rule) });

    private static Estate RemoveRule(Estate estate, string groupId, string ruleId) =>
        estate.WithGroup(G(estate, groupId) with { Rules = G(estate, groupId).Rules.RemoveAll(r => r.Id == ruleId) });

    private static Estate RemoveGroup(Estate estate, string groupId) => estate with
    {
        Groups = estate.Groups.RemoveAll(g => g.Id == groupId),
        NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e with { GroupIds = e.GroupIds.Remove(groupId) })],
    };

    private static Estate EditEni(Estate estate, string eniId, Func<NetworkInterface, NetworkInterface> edit) =>
        estate with { NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e.Id == eniId ? edit(e) : e)] };

    private static Rule RuleOf(Estate estate, string groupId, string ruleId) => G(estate, groupId).Rules.Single(r => r.Id == ruleId);

    private static Dictionary<string, MergeSide> Choose(MergeConflict conflict, MergeSide side) => new() { [conflict.Key] = side };

    [Fact]
    public void ARuleChangedOnOurSideOnlyIsTakenFromOurs()
    {
        var ours = EditRule(s_base, "sg-web", "sgr-https", r => r with { FromPort = 8443, ToPort = 8443 });

        var result = ThreeWayMerge.Merge(s_base, ours, s_base);

        Assert.Empty(result.Conflicts);
        Assert.Equal(8443, RuleOf(result.Merged, "sg-web", "sgr-https").FromPort);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void ARuleChangedOnTheirSideOnlyIsTakenFromTheirs()
    {
        var theirs = EditRule(s_base, "sg-db", "sgr-pg", r => r with { Description = "app tier" });

        var result = ThreeWayMerge.Merge(s_base, s_base, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal("app tier", RuleOf(result.Merged, "sg-db", "sgr-pg").Description);
    }

    [Fact]
    public void RulesAddedToTheSameGroupOnBothSidesBothSurviveAndEditsOfOtherRulesToo()
    {
        var ours = AddRule(EditRule(s_base, "sg-web", "sgr-https", r => r with { Description = "public" }), "sg-web", In("sgr-ours", "tcp", 80, 80, "0.0.0.0/0"));
        var theirs = AddRule(RemoveRule(s_base, "sg-web", "sgr-out"), "sg-web", In("sgr-theirs", "tcp", 8080, 8080, "10.0.0.0/16"));

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sgr-https", "sgr-theirs", "sgr-ours"], G(result.Merged, "sg-web").Rules.Select(r => r.Id));
        Assert.Equal("public", RuleOf(result.Merged, "sg-web", "sgr-https").Description);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void TheSameChangeOnBothSidesIsTakenOnceWithoutConflict()
    {
        Estate Edit(Estate e) => AddRule(EditRule(e, "sg-db", "sgr-pg", r => r with { ToPort = 5433 }), "sg-db", In("sgr-new", "tcp", 6379, 6379, "sg-web"));

        var result = ThreeWayMerge.Merge(s_base, Edit(s_base), Edit(s_base));

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sgr-pg", "sgr-new"], G(result.Merged, "sg-db").Rules.Select(r => r.Id));
        Assert.Equal(5433, RuleOf(result.Merged, "sg-db", "sgr-pg").ToPort);
    }

    [Fact]
    public void ARuleChangedDifferentlyOnBothSidesIsAConflictLeftAtTheirValueUntilResolved()
    {
        var ours = EditRule(s_base, "sg-ops", "sgr-ssh", r => r with { Peer = Peer("198.51.100.7/32") });
        var theirs = EditRule(s_base, "sg-ops", "sgr-ssh", r => r with { FromPort = 2222, ToPort = 2222 });

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal((MergeEntityKind.Rule, "sgr-ssh", "sg-ops", null), (conflict.Kind, conflict.Id, conflict.GroupId, conflict.Field));
        Assert.Equal("rule:sg-ops/sgr-ssh", conflict.Key);
        Assert.Equal("inbound tcp 22 from 198.51.100.0/24", conflict.Base);
        Assert.Equal("inbound tcp 22 from 198.51.100.7/32", conflict.Ours);
        Assert.Equal("inbound tcp 2222 from 198.51.100.0/24", conflict.Theirs);
        Assert.Null(conflict.Resolution);
        Assert.Equal(RuleOf(theirs, "sg-ops", "sgr-ssh"), RuleOf(result.Merged, "sg-ops", "sgr-ssh"));
        Assert.False(result.IsClean);

        var resolved = ThreeWayMerge.Resolve(s_base, ours, theirs, Choose(conflict, MergeSide.Ours));

        Assert.Equal(RuleOf(ours, "sg-ops", "sgr-ssh"), RuleOf(resolved.Merged, "sg-ops", "sgr-ssh"));
        Assert.Equal(MergeSide.Ours, Assert.Single(resolved.Conflicts).Resolution);
        Assert.Empty(resolved.Unresolved);
        Assert.True(resolved.IsClean);
    }

    [Fact]
    public void ARuleDeletedOnOneSideAndChangedOnTheOtherIsAConflictEitherWayRound()
    {
        var deleted = RemoveRule(s_base, "sg-db", "sgr-pg");
        var changed = EditRule(s_base, "sg-db", "sgr-pg", r => r with { Description = "keep me" });

        var weDeleted = ThreeWayMerge.Merge(s_base, deleted, changed);
        var theyDeleted = ThreeWayMerge.Merge(s_base, changed, deleted);

        var conflict = Assert.Single(weDeleted.Conflicts);
        Assert.Null(conflict.Ours);
        Assert.Contains("keep me", conflict.Theirs);
        Assert.Equal("keep me", RuleOf(weDeleted.Merged, "sg-db", "sgr-pg").Description);
        Assert.Null(Assert.Single(theyDeleted.Conflicts).Theirs);
        Assert.DoesNotContain(G(theyDeleted.Merged, "sg-db").Rules, r => r.Id == "sgr-pg");

        var keepOurs = ThreeWayMerge.Resolve(s_base, deleted, changed, Choose(conflict, MergeSide.Ours));
        Assert.Empty(G(keepOurs.Merged, "sg-db").Rules);
    }

    [Fact]
    public void AGroupDeletedByThemWhileWeChangedItsRulesIsAConflictOverTheWholeGroup()
    {
        var ours = EditRule(s_base, "sg-ops", "sgr-ssh", r => r with { Description = "bastion" });
        var theirs = RemoveGroup(s_base, "sg-ops");

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal((MergeEntityKind.SecurityGroup, "sg-ops", "sg-ops", null), (conflict.Kind, conflict.Id, conflict.GroupId, conflict.Field));
        Assert.Equal("group:sg-ops", conflict.Key);
        Assert.Null(conflict.Theirs);
        Assert.Contains("sgr-ssh inbound tcp 22 from 198.51.100.0/24 \"bastion\"", conflict.Ours);
        Assert.Null(result.Merged.FindGroup("sg-ops"));

        var restored = ThreeWayMerge.Resolve(s_base, ours, theirs, Choose(conflict, MergeSide.Ours));
        Assert.Equal("bastion", RuleOf(restored.Merged, "sg-ops", "sgr-ssh").Description);
    }

    [Fact]
    public void AGroupDeletedByUsWhileTheyAddedARuleToItKeepsTheirGroupUntilResolved()
    {
        var ours = RemoveGroup(s_base, "sg-ops");
        var theirs = AddRule(s_base, "sg-ops", In("sgr-rdp", "tcp", 3389, 3389, "198.51.100.0/24"));

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        Assert.Equal("group:sg-ops", Assert.Single(result.Conflicts).Key);
        Assert.Equal(["sgr-ssh", "sgr-rdp"], G(result.Merged, "sg-ops").Rules.Select(r => r.Id));
    }

    [Fact]
    public void AGroupRenamedOnOneSideWhileItsDescriptionChangedOnTheOtherKeepsBoth()
    {
        var ours = s_base.WithGroup(G(s_base, "sg-web") with { Name = "frontend" });
        var theirs = s_base.WithGroup(G(s_base, "sg-web") with { Description = "public web tier" });

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(("frontend", "public web tier"), (G(result.Merged, "sg-web").Name, G(result.Merged, "sg-web").Description));
    }

    [Fact]
    public void AGroupRenamedDifferentlyOnBothSidesIsAConflictOnItsName()
    {
        var ours = s_base.WithGroup(G(s_base, "sg-web") with { Name = "frontend" });
        var theirs = s_base.WithGroup(G(s_base, "sg-web") with { Name = "edge" });

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("group:sg-web.name", "web", "frontend", "edge"), (conflict.Key, conflict.Base, conflict.Ours, conflict.Theirs));
        Assert.Equal("edge", G(result.Merged, "sg-web").Name);
    }

    [Fact]
    public void OurNewRuleReferencingAGroupTheyDeletedIsAValidationErrorOfTheMerge()
    {
        var ours = AddRule(s_base, "sg-web", Out("sgr-to-ops", "tcp", 22, 22, "sg-ops"));
        var theirs = RemoveGroup(s_base, "sg-ops");

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

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
        var stale = AddRule(s_base, "sg-db", In("sgr-stale", "tcp", 1, 1, "sg-gone"));
        var ours = EditRule(stale, "sg-web", "sgr-https", r => r with { Description = "public" });

        var result = ThreeWayMerge.Merge(stale, ours, stale);

        Assert.Empty(result.Errors);
        Assert.True(result.IsClean);
    }

    [Fact]
    public void AnEniGainingAGroupOnOneSideAndAnAddressOnTheOtherKeepsBoth()
    {
        var ours = EditEni(s_base, "eni-web", e => e with { GroupIds = e.GroupIds.Add("sg-ops") });
        var theirs = EditEni(s_base, "eni-web", e => e with { PrivateIps = e.PrivateIps.Add(IpAddress.Parse("10.0.1.11").Value) });

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        Assert.Empty(result.Conflicts);
        var eni = result.Merged.NetworkInterfaces.Single(e => e.Id == "eni-web");
        Assert.Equal(["sg-web", "sg-ops"], eni.GroupIds);
        Assert.Equal(["10.0.1.10", "10.0.1.11"], eni.PrivateIps.Select(ip => ip.ToString()));
    }

    [Fact]
    public void GroupsAttachedAndDetachedOnBothSidesAllTakeEffect()
    {
        var ours = EditEni(s_base, "eni-web", e => e with { GroupIds = ["sg-ops"] });
        var theirs = EditEni(s_base, "eni-web", e => e with { GroupIds = ["sg-web", "sg-db"] });

        var result = ThreeWayMerge.Merge(s_base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sg-db", "sg-ops"], result.Merged.NetworkInterfaces.Single(e => e.Id == "eni-web").GroupIds);
    }

    [Fact]
    public void AnEniGivenDifferentAddressesOnBothSidesIsAConflictOnItsAddresses()
    {
        var ours = EditEni(s_base, "eni-db", e => e with { PrivateIps = [IpAddress.Parse("10.0.2.21").Value] });
        var theirs = EditEni(s_base, "eni-db", e => e with { PrivateIps = [IpAddress.Parse("10.0.2.22").Value] });

        var conflict = Assert.Single(ThreeWayMerge.Merge(s_base, ours, theirs).Conflicts);

        Assert.Equal((MergeEntityKind.NetworkInterface, "eni:eni-db.privateIps"), (conflict.Kind, conflict.Key));
        Assert.Equal(("10.0.2.20", "10.0.2.21", "10.0.2.22"), (conflict.Base, conflict.Ours, conflict.Theirs));
    }

    [Fact]
    public void AnEniDeletedOnOneSideAndMovedToAnotherSubnetOnTheOtherIsAConflictOverTheEni()
    {
        var ours = s_base with { NetworkInterfaces = s_base.NetworkInterfaces.RemoveAll(e => e.Id == "eni-db") };
        var theirs = EditEni(s_base, "eni-db", e => e with { SubnetId = "subnet-2" });

        var conflict = Assert.Single(ThreeWayMerge.Merge(s_base, ours, theirs).Conflicts);

        Assert.Equal(("eni:eni-db", null), (conflict.Key, conflict.Ours));
        Assert.Contains("subnet-2", conflict.Theirs);
    }

    [Fact]
    public void PrefixListEntriesAddedOnBothSidesAllSurvive()
    {
        var list = new PrefixList("pl-1", "partners", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value]);
        var b = s_base with { PrefixLists = [list] };
        var ours = b with { PrefixLists = [list with { Entries = list.Entries.Add(Cidr.Parse("198.51.100.0/24").Value) }] };
        var theirs = b with { PrefixLists = [list with { Entries = list.Entries.Add(Cidr.Parse("203.0.113.0/24").Value) }] };

        var result = ThreeWayMerge.Merge(b, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["192.0.2.0/24", "203.0.113.0/24", "198.51.100.0/24"], Assert.Single(result.Merged.PrefixLists).Entries.Select(c => c.ToString()));
    }

    [Fact]
    public void ASubnetChangedDifferentlyOnBothSidesIsAConflictOverTheSubnet()
    {
        var subnet = Assert.Single(s_base.Subnets);
        var ours = s_base with { Subnets = [subnet with { Name = "app" }] };
        var theirs = s_base with { Subnets = [subnet with { AvailabilityZone = "eu-west-1a" }] };

        var conflict = Assert.Single(ThreeWayMerge.Merge(s_base, ours, theirs).Conflicts);

        Assert.Equal((MergeEntityKind.Subnet, "subnet-1"), (conflict.Kind, conflict.Id));
        Assert.Contains("\"app\"", conflict.Ours);
        Assert.Contains("eu-west-1a", conflict.Theirs);
    }

    [Fact]
    public void TagsMergeKeyByKeyAndConflictOnlyOnAKeyBothSidesSetDifferently()
    {
        static Estate Tagged(Estate e, params (string Key, string Value)[] tags) => e.WithGroup(G(e, "sg-db") with
        {
            Tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, tags.Select(t => KeyValuePair.Create(t.Key, t.Value))),
        });
        var b = Tagged(s_base, ("Owner", "dba"));
        var ours = Tagged(s_base, ("Owner", "platform"), ("Env", "prod"));
        var theirs = Tagged(s_base, ("Owner", "data"), ("Cost", "42"));

        var result = ThreeWayMerge.Merge(b, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("group:sg-db.tags[Owner]", "dba", "platform", "data"), (conflict.Key, conflict.Base, conflict.Ours, conflict.Theirs));
        Assert.Equal(["Cost=42", "Env=prod", "Owner=data"], G(result.Merged, "sg-db").Tags.Select(t => $"{t.Key}={t.Value}"));
    }

    [Fact]
    public void AChoiceForAConflictThatDoesNotExistIsReportedAsIgnored()
    {
        var ours = EditRule(s_base, "sg-web", "sgr-https", r => r with { Description = "public" });

        var result = ThreeWayMerge.Resolve(s_base, ours, s_base, new Dictionary<string, MergeSide> { ["rule:sg-web/sgr-gone"] = MergeSide.Ours });

        Assert.Equal(["rule:sg-web/sgr-gone"], result.IgnoredChoices);
        Assert.True(result.IsClean);
    }
}
