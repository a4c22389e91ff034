using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.Editing;

/// <summary>The designer's ACL edits: numbers unique per direction, moves keep the gaps, subnets have one ACL.</summary>
public class NetworkAclEditsTests
{
    private static readonly Estate Start = With(Acl("acl-b", "subnet-b",
        [Allow(100, "tcp", 443, 443, "0.0.0.0/0"), Allow(110, "tcp", 80, 80, "0.0.0.0/0"), Deny(200, "-1", -1, -1, "10.0.1.0/24")],
        [Allow(100, "tcp", 1024, 65535, "0.0.0.0/0")]));

    private static NetworkAcl AclB(EditResult r) => Assert.Single(r.Estate!.NetworkAcls, a => a.Id == "acl-b");

    [Fact]
    public void MovingARuleUpSwapsItsNumberWithTheRuleBeforeItAndKeepsEveryOtherNumber()
    {
        var moved = NetworkAclEdits.MoveEntry("acl-b", Direction.Inbound, 200, up: true)(Start);

        Assert.True(moved.IsOk, moved.Message);
        Assert.Equal([(100, 443), (110, -1), (200, 80)], AclB(moved).Inbound.Select(r => (r.RuleNumber, r.FromPort)));
    }

    [Fact]
    public void TheFirstRuleCannotMoveUp()
    {
        var moved = NetworkAclEdits.MoveEntry("acl-b", Direction.Inbound, 100, up: true)(Start);
        Assert.False(moved.IsOk);
        Assert.Contains("already the first", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANumberTakenInTheSameDirectionIsRefusedNamingTheField()
    {
        var refused = NetworkAclEdits.PutEntry("acl-b", Direction.Inbound, Allow(110, "udp", 53, 53, "0.0.0.0/0"))(Start);
        var otherDirection = NetworkAclEdits.PutEntry("acl-b", Direction.Outbound, Allow(110, "udp", 53, 53, "0.0.0.0/0"))(Start);

        Assert.Equal("networkAcls[acl-b].inbound[#110].ruleNumber", Assert.Single(refused.Errors).Path);
        Assert.True(otherDirection.IsOk, otherDirection.Message);
    }

    [Fact]
    public void ARuleNumberOutOfRangeOrPortsOnAWrongRangeAreRefusedByValidation()
    {
        var tooHigh = NetworkAclEdits.PutEntry("acl-b", Direction.Inbound, Allow(32767, "tcp", 1, 1, "0.0.0.0/0"))(Start);
        var badPorts = NetworkAclEdits.PutEntry("acl-b", Direction.Inbound, Allow(120, "tcp", 90, 80, "0.0.0.0/0"))(Start);

        Assert.Contains(tooHigh.Errors, e => e.Path.EndsWith(".ruleNumber", StringComparison.Ordinal));
        // The validator names the place by position (an id that is itself bad cannot go into a path).
        Assert.Contains(badPorts.Errors, e => e.Path.Contains(".inbound[", StringComparison.Ordinal) && e.Path.EndsWith("].fromPort", StringComparison.Ordinal));
    }

    [Fact]
    public void AssociatingASubnetTakesItFromItsPreviousAcl()
    {
        var estate = Start with { NetworkAcls = Start.NetworkAcls.Add(new NetworkAcl("acl-c", "vpc-1", false, [], [], [])) };

        var moved = NetworkAclEdits.AssociateSubnet("acl-c", "subnet-b")(estate);
        var unknown = NetworkAclEdits.AssociateSubnet("acl-c", "subnet-zz")(estate);

        Assert.True(moved.IsOk, moved.Message);
        Assert.Empty(AclB(moved).SubnetIds);
        Assert.Equal(["subnet-b"], moved.Estate!.NetworkAcls.Single(a => a.Id == "acl-c").SubnetIds);
        Assert.Equal("subnetId", Assert.Single(unknown.Errors).Path);
    }

    [Fact]
    public void AnAclWithSubnetsOrADefaultAclCannotBeDeleted()
    {
        var refused = NetworkAclEdits.DeleteAcl("acl-b")(Start);
        Assert.Equal("networkAcls[acl-b].subnetIds", Assert.Single(refused.Errors).Path);
    }
}
