using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// The reference for a matrix cell with network ACLs, one connection at a time: the groups' verdict
/// (<see cref="NaiveEvaluator"/>) and the ACLs' (<see cref="NaiveAclEvaluator"/>, allowed only when every reply passes),
/// asked at probe traffic where some answer can change: every port where an ACL rule's range or an ephemeral range
/// begins or ends (and its neighbours), ICMP types with and without a reply type, and other protocols.
/// </summary>
internal static class NaiveAclMatrix
{
    /// <summary>True when the reference lets <paramref name="from"/> open <paramref name="traffic"/> to <paramref name="to"/> (primary IPs).</summary>
    public static bool Allows(Estate estate, NetworkInterface from, NetworkInterface to, Traffic traffic)
    {
        if (from.PrimaryIp is not { } a || to.PrimaryIp is not { } b)
            return false;
        Endpoint x = new EniEndpoint(from.Id, a), y = new EniEndpoint(to.Id, b);
        var groups = NaiveEvaluator.Query(estate, x, y, traffic);
        if (!groups.Allowed)
            return false;
        return NaiveAclEvaluator.Evaluate(estate, x, y, traffic) is not { } acl || acl.Outcome == AclOutcome.Allowed;
    }

    /// <summary>Traffic at every point where the reference's answer may change, for the ACLs and groups of the estates.</summary>
    public static List<Traffic> Probes(params Estate[] estates)
    {
        var ports = new SortedSet<int> { 0, 1, 22, 443, 1023, 1024, 65535 };
        void Add(int p)
        {
            foreach (var q in new[] { p - 1, p, p + 1 })
            {
                if (q is >= 0 and <= 65535)
                    ports.Add(q);
            }
        }
        foreach (var estate in estates)
        {
            foreach (var e in estate.NetworkAcls.SelectMany(a => a.Inbound.Concat(a.Outbound)).Where(e => e.Protocol.HasPorts || e.Protocol.IsAll))
            {
                Add(e.FromPort);
                Add(e.ToPort);
            }
            foreach (var i in estate.Instances)
            {
                Add(i.EphemeralPorts.From);
                Add(i.EphemeralPorts.To);
            }
            foreach (var r in estate.Groups.SelectMany(g => g.Rules).Where(r => r.Protocol.HasPorts))
            {
                Add(r.FromPort);
                Add(r.ToPort);
            }
        }
        Add(32768);
        Add(60999);
        Add(49152);
        var probes = new List<Traffic>();
        probes.AddRange(ports.Select(Traffic.Tcp));
        probes.AddRange(ports.Select(Traffic.Udp));
        foreach (var type in new[] { 0, 3, 8, 13, 14, 200 })
            probes.AddRange([Traffic.Icmp(type, 0), Traffic.Icmp(type, 1)]);
        foreach (var type in new[] { 1, 128, 129, 135 })
            probes.AddRange([Traffic.IcmpV6(type, 0), Traffic.IcmpV6(type, 1)]);
        probes.AddRange(new[] { 0, 4, 47, 50, 132, 255 }.Select(Traffic.Other));
        return probes;
    }
}
