using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Lint.TestEstate;
using static SgDesigner.Core.Tests.Review.MergeSamples;

namespace SgDesigner.Core.Tests.Review;

/// <summary>Merging ENIs, prefix lists, subnets and tags.</summary>
public class ThreeWayMergeNetworkTests
{
    [Fact]
    public void AnEniWeAttachToAGroupTheyDeletedIsAValidationErrorOfTheMerge()
    {
        var ours = EditEni(Base, "eni-db", e => e with { GroupIds = e.GroupIds.Add("sg-ops") });
        var theirs = RemoveGroup(Base, "sg-ops");

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sg-db", "sg-ops"], result.Merged.NetworkInterfaces.Single(e => e.Id == "eni-db").GroupIds);
        var error = Assert.Single(result.Errors);
        Assert.Equal("networkInterfaces[eni-db].groupIds", error.Path);
        Assert.Contains("sg-ops", error.Message);
    }

    [Fact]
    public void AnEniGainingAGroupOnOneSideAndAnAddressOnTheOtherKeepsBoth()
    {
        var ours = EditEni(Base, "eni-web", e => e with { GroupIds = e.GroupIds.Add("sg-ops") });
        var theirs = EditEni(Base, "eni-web", e => e with { PrivateIps = e.PrivateIps.Add(IpAddress.Parse("10.0.1.11").Value) });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        var eni = result.Merged.NetworkInterfaces.Single(e => e.Id == "eni-web");
        Assert.Equal(["sg-web", "sg-ops"], eni.GroupIds);
        Assert.Equal(["10.0.1.10", "10.0.1.11"], eni.PrivateIps.Select(ip => ip.ToString()));
    }

    [Fact]
    public void GroupsAttachedAndDetachedOnBothSidesAllTakeEffect()
    {
        var ours = EditEni(Base, "eni-web", e => e with { GroupIds = ["sg-ops"] });
        var theirs = EditEni(Base, "eni-web", e => e with { GroupIds = ["sg-web", "sg-db"] });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["sg-db", "sg-ops"], result.Merged.NetworkInterfaces.Single(e => e.Id == "eni-web").GroupIds);
    }

    [Fact]
    public void AnEniGivenDifferentAddressesOnBothSidesIsAConflictOnItsAddresses()
    {
        var ours = EditEni(Base, "eni-db", e => e with { PrivateIps = [IpAddress.Parse("10.0.2.21").Value] });
        var theirs = EditEni(Base, "eni-db", e => e with { PrivateIps = [IpAddress.Parse("10.0.2.22").Value] });

        var conflict = Assert.Single(ThreeWayMerge.Merge(Base, ours, theirs).Conflicts);

        Assert.Equal((MergeEntityKind.NetworkInterface, "eni:eni-db.privateIps"), (conflict.Kind, conflict.Key));
        Assert.Equal(("10.0.2.20", "10.0.2.21", "10.0.2.22"), (conflict.Base, conflict.Ours, conflict.Theirs));
    }

    [Fact]
    public void AnEniDeletedOnOneSideAndMovedToAnotherSubnetOnTheOtherIsAConflictOverTheEni()
    {
        var ours = Base with { NetworkInterfaces = Base.NetworkInterfaces.RemoveAll(e => e.Id == "eni-db") };
        var theirs = EditEni(Base, "eni-db", e => e with { SubnetId = "subnet-2" });

        var conflict = Assert.Single(ThreeWayMerge.Merge(Base, ours, theirs).Conflicts);

        Assert.Equal(("eni:eni-db", null), (conflict.Key, conflict.Ours));
        Assert.Contains("subnet-2", conflict.Theirs);
    }

    [Fact]
    public void PrefixListEntriesAddedOnBothSidesAllSurvive()
    {
        var list = new PrefixList("pl-1", "partners", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value]);
        var b = Base with { PrefixLists = [list] };
        var ours = b with { PrefixLists = [list with { Entries = list.Entries.Add(Cidr.Parse("198.51.100.0/24").Value) }] };
        var theirs = b with { PrefixLists = [list with { Entries = list.Entries.Add(Cidr.Parse("203.0.113.0/24").Value) }] };

        var result = ThreeWayMerge.Merge(b, ours, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["192.0.2.0/24", "203.0.113.0/24", "198.51.100.0/24"], Assert.Single(result.Merged.PrefixLists).Entries.Select(c => c.ToString()));
    }

    [Fact]
    public void ASubnetChangedDifferentlyOnBothSidesIsAConflictOverTheSubnet()
    {
        var subnet = Assert.Single(Base.Subnets);
        var ours = Base with { Subnets = [subnet with { Name = "app" }] };
        var theirs = Base with { Subnets = [subnet with { AvailabilityZone = "eu-west-1a" }] };

        var conflict = Assert.Single(ThreeWayMerge.Merge(Base, ours, theirs).Conflicts);

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
        var b = Tagged(Base, ("Owner", "dba"));
        var ours = Tagged(Base, ("Owner", "platform"), ("Env", "prod"));
        var theirs = Tagged(Base, ("Owner", "data"), ("Cost", "42"));

        var result = ThreeWayMerge.Merge(b, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("group:sg-db.tags[Owner]", "dba", "platform", "data"), (conflict.Key, conflict.Base, conflict.Ours, conflict.Theirs));
        Assert.Equal(["Cost=42", "Env=prod", "Owner=data"], G(result.Merged, "sg-db").Tags.Select(t => $"{t.Key}={t.Value}"));
    }
}
