using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Tests.Infrastructure;

/// <summary>
/// Describes an estate as sorted lines of plain text, written independently of the storage mapping, so two
/// estates can be compared for equal content (Core's records compare their arrays by reference).
/// </summary>
internal static class EstateText
{
    public static List<string> Describe(Estate e)
    {
        var lines = new List<string> { $"quotas {e.Quotas.RulesPerDirection} {e.Quotas.GroupsPerEni}" };
        lines.AddRange(e.Vpcs.Select(v => $"vpc {v.Id} {v.Name} {string.Join(",", v.Cidrs)}"));
        lines.AddRange(e.Subnets.Select(s => $"subnet {s.Id} {s.VpcId} {s.Cidr} {s.Ipv6Cidr} {s.AvailabilityZone} {s.Name}"));
        lines.AddRange(e.VpcConnections.Select((c, i) => $"connection {i} {c.VpcA} {c.VpcB} {c.Kind} {c.GroupReferencing}"));
        foreach (var g in e.Groups)
        {
            lines.Add($"group {g.Id} {g.VpcId} '{g.Name}' '{g.Description}' {Tags(g.Tags)}");
            lines.AddRange(g.Rules.Select((r, i) =>
                $"rule {g.Id} #{i} {r.Id} {r.Direction} {r.Protocol.Number} {r.FromPort} {r.ToPort} {r.Peer.GetType().Name}:{r.Peer} '{r.Description}'"));
        }
        lines.AddRange(e.PrefixLists.Select(p => $"prefix-list {p.Id} '{p.Name}' {p.Family} max {p.MaxEntries?.ToString(CultureInfo.InvariantCulture) ?? "-"} {string.Join(",", p.Entries)}"));
        lines.AddRange(e.Instances.Select(i => $"instance {i.Id} '{i.Name}' {Tags(i.Tags)} ports {i.EphemeralPorts.Kind} {i.EphemeralPorts.From}-{i.EphemeralPorts.To}"));
        foreach (var a in e.NetworkAcls)
        {
            lines.Add($"acl {a.Id} {a.VpcId} default={a.IsDefault} '{a.Name}' [{string.Join(",", a.SubnetIds)}]");
            lines.AddRange(a.Inbound.Select(r => $"acl-rule {a.Id} in {r}"));
            lines.AddRange(a.Outbound.Select(r => $"acl-rule {a.Id} out {r}"));
        }
        lines.AddRange(e.NetworkInterfaces.Select(n =>
            $"eni {n.Id} {n.VpcId} {n.SubnetId} {n.InstanceId} {n.DeviceIndex} [{string.Join(",", n.PrivateIps)}] {n.PublicIp} [{string.Join(",", n.GroupIds)}] '{n.Description}'"));
        lines.AddRange(e.ExternalEndpoints.Select((x, i) => $"external {i} '{x.Name}' {x.Cidr}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        string.Join(",", tags.Select(t => $"{t.Key}={t.Value}"));
}
