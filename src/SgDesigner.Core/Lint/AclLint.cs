using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// What the network ACL checks (SGD030–SGD034) share: how they name an ACL and its rules, the subnets each ACL governs,
/// and an ACL entry seen as a group rule so <see cref="RuleCoverage"/> can compare traffic.
/// </summary>
/// <remarks>
/// A finding's key (<see cref="FindingKey"/>) has no place for an ACL, so ACL findings put the ACL id where a group's
/// goes and the rule as <c>inbound#100</c> where a rule id goes: accepting one finding accepts that ACL rule only.
/// </remarks>
internal static class AclLint
{
    /// <summary><c>acl-1 (app)</c>, or the id alone when the ACL has no name.</summary>
    public static string Describe(NetworkAcl acl) => acl.Name is { Length: > 0 } name ? $"{acl.Id} ({name})" : acl.Id;

    /// <summary>The key part naming one rule: <c>inbound#100</c>.</summary>
    public static string RuleKey(Direction direction, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{DirectionText.Of(direction)}#{number}");

    /// <summary>The rule as people read it: <c>#100 allow tcp 22 10.0.0.0/8</c>.</summary>
    public static string Text(NetworkAclEntry entry) => entry.ToString();

    /// <summary>The rules of one direction, lowest number first (the order AWS evaluates them in).</summary>
    public static List<NetworkAclEntry> Ordered(NetworkAcl acl, Direction direction) =>
        acl.Entries(direction).IsDefault ? [] : [.. acl.Entries(direction).OrderBy(e => e.RuleNumber)];

    /// <summary>The entry as a group rule of the same direction, traffic and CIDR (for <see cref="RuleCoverage"/>).</summary>
    public static Rule AsRule(NetworkAclEntry entry, Direction direction) =>
        new("", direction, entry.Protocol, entry.FromPort, entry.ToPort, new CidrPeer(entry.Cidr));

    /// <summary>True when every packet <paramref name="inner"/> matches, <paramref name="outer"/> matches too.</summary>
    public static bool Covers(NetworkAclEntry outer, NetworkAclEntry inner) =>
        outer.Cidr.Family == inner.Cidr.Family && outer.Cidr.Contains(inner.Cidr) &&
        (outer.Protocol.IsAll || !inner.Protocol.IsAll) &&
        RuleCoverage.TrafficContains(AsRule(outer, Direction.Inbound), AsRule(inner, Direction.Inbound));

    /// <summary>
    /// The ACL that governs each subnet: its explicit association, else its VPC's default ACL (semantics.md, "Network
    /// ACLs"); subnets under no modelled ACL are absent.
    /// </summary>
    public static Dictionary<string, NetworkAcl> AclOfSubnet(Estate estate)
    {
        var result = new Dictionary<string, NetworkAcl>(StringComparer.Ordinal);
        foreach (var acl in estate.NetworkAcls)
        {
            foreach (var subnet in acl.SubnetIds.IsDefault ? [] : acl.SubnetIds)
                result.TryAdd(subnet, acl);
        }
        foreach (var subnet in estate.Subnets)
        {
            if (estate.NetworkAcls.FirstOrDefault(a => a.IsDefault && a.VpcId == subnet.VpcId) is { } fallback)
                result.TryAdd(subnet.Id, fallback);
        }
        return result;
    }
}
