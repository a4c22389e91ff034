using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.Review;

/// <summary>Merging network ACLs: by ACL id, rules by (direction, rule number), subnets as a set.</summary>
public class ThreeWayMergeAclTests
{
    private static readonly Estate Start = With(Acl("acl-b", "subnet-b",
        [Allow(100, "tcp", 443, 443, "0.0.0.0/0"), Deny(200, "tcp", 22, 22, "10.0.1.0/24")],
        [Allow(100, "tcp", 1024, 65535, "0.0.0.0/0")]));

    private static Estate EditAcl(Estate e, Func<NetworkAcl, NetworkAcl> edit) =>
        e with { NetworkAcls = [.. e.NetworkAcls.Select(a => a.Id == "acl-b" ? edit(a) : a)] };

    [Fact]
    public void RulesAddedOnBothSidesUnderOtherNumbersAreAllKeptInNumberOrder()
    {
        var ours = EditAcl(Start, a => a with { Inbound = a.Inbound.Add(Allow(150, "udp", 53, 53, "10.0.0.0/16")) });
        var theirs = EditAcl(Start, a => a with { Inbound = a.Inbound.Add(Allow(50, "icmp", 8, -1, "0.0.0.0/0")) });

        var result = ThreeWayMerge.Merge(Start, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Empty(result.Errors);
        Assert.Equal([50, 100, 150, 200], result.Merged.NetworkAcls.Single().Inbound.Select(r => r.RuleNumber));
    }

    [Fact]
    public void BothSidesChangingTheSameRuleDifferentlyIsAConflictOnThatRule()
    {
        var ours = EditAcl(Start, a => a with { Outbound = [Allow(100, "tcp", 32768, 60999, "0.0.0.0/0")] });
        var theirs = EditAcl(Start, a => a with { Outbound = [Allow(100, "tcp", 1024, 5000, "0.0.0.0/0")] });

        var result = ThreeWayMerge.Merge(Start, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal((MergeEntityKind.NetworkAclEntry, "outbound#100", "acl-b"), (conflict.Kind, conflict.Id, conflict.GroupId));
        Assert.Contains("32768-60999", conflict.Ours, StringComparison.Ordinal);
        Assert.Contains("1024-5000", conflict.Theirs, StringComparison.Ordinal);
        var resolved = ThreeWayMerge.Resolve(Start, ours, theirs, new Dictionary<string, MergeSide> { [conflict.Key] = MergeSide.Ours });
        Assert.Equal(32768, resolved.Merged.NetworkAcls.Single().Outbound.Single().FromPort);
    }

    [Fact]
    public void ADeletedRuleOnOneSideAndAnUntouchedOneOnTheOtherIsDeleted()
    {
        var ours = EditAcl(Start, a => a with { Inbound = a.Inbound.RemoveAt(1) });
        var theirs = EditAcl(Start, a => a with { Name = "web tier" });

        var result = ThreeWayMerge.Merge(Start, ours, theirs);

        Assert.Empty(result.Conflicts);
        var acl = result.Merged.NetworkAcls.Single();
        Assert.Equal([100], acl.Inbound.Select(r => r.RuleNumber));
        Assert.Equal("web tier", acl.Name);
    }

    [Fact]
    public void AnAclAddedOnOurSideSurvivesAndTheirInstancePortsChangeToo()
    {
        var ours = Start with { NetworkAcls = Start.NetworkAcls.Add(new NetworkAcl("acl-c", "vpc-1", false, [], [], [])) };
        var theirs = Start with { Instances = [.. Start.Instances.Select((i, n) => n == 0 ? i with { EphemeralPorts = EphemeralPorts.Windows } : i)] };

        var result = ThreeWayMerge.Merge(Start, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["acl-b", "acl-c"], result.Merged.NetworkAcls.Select(a => a.Id));
        Assert.Equal(EphemeralPorts.Windows, result.Merged.Instances[0].EphemeralPorts);
    }

    [Fact]
    public void TheChangeImpactListsEachAclRuleAddedRemovedOrChanged()
    {
        var proposed = EditAcl(Start, a => a with
        {
            Inbound = [Allow(100, "tcp", 443, 443, "0.0.0.0/0"), Allow(300, "udp", 53, 53, "10.0.0.0/16")],
            Outbound = [Allow(100, "tcp", 32768, 60999, "0.0.0.0/0")],
        });

        var changes = ObjectChanges.Between(Start, proposed).Where(c => c.Kind == "network-acl-rule").ToList();

        Assert.Equal(
            [("inbound#300", ObjectChangeKind.Added), ("outbound#100", ObjectChangeKind.Changed), ("inbound#200", ObjectChangeKind.Removed)],
            changes.Select(c => (c.Id, c.Change)));
        Assert.All(changes, c => Assert.Equal("acl-b", c.GroupId));
    }
}
