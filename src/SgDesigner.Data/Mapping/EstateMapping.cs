using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Mapping;

/// <summary>
/// Maps a Core <see cref="Estate"/> to the rows of one snapshot and back. Top-level objects come back ordered
/// by id (their order has no meaning); lists whose order matters (a VPC's CIDRs, an ENI's addresses with the
/// primary first, its groups, a group's rules) keep it through an ordinal column.
/// </summary>
internal static class EstateMapping
{
    public static EstateRows ToRows(Estate estate, Guid snapshotId)
    {
        var rows = new EstateRows { Quotas = estate.Quotas };
        foreach (var vpc in estate.Vpcs)
        {
            rows.Vpcs.Add(new VpcRow(snapshotId, vpc.Id, vpc.Name));
            rows.VpcCidrs.AddRange(vpc.Cidrs.Select((c, i) => new VpcCidrRow(snapshotId, vpc.Id, i, c.ToString())));
        }
        foreach (var s in estate.Subnets)
            rows.Subnets.Add(new SubnetRow(snapshotId, s.Id, s.VpcId, s.Cidr.ToString(), s.Ipv6Cidr?.ToString(), s.AvailabilityZone, s.Name));
        rows.VpcConnections.AddRange(estate.VpcConnections.Select((c, i) =>
            new VpcConnectionRow(snapshotId, i, c.VpcA, c.VpcB, c.Kind, c.GroupReferencing)));
        var clashes = Clashes(estate);
        foreach (var g in estate.Groups)
            AddGroup(rows, snapshotId, g, clashes[g.Id]);
        foreach (var p in estate.PrefixLists)
        {
            rows.PrefixLists.Add(new PrefixListRow(snapshotId, p.Id, p.Name, p.Family, p.MaxEntries));
            rows.PrefixListEntries.AddRange(p.Entries.Select((c, i) => new PrefixListEntryRow(snapshotId, p.Id, i, c.ToString())));
        }
        foreach (var instance in estate.Instances)
        {
            var ports = instance.EphemeralPorts;
            rows.Instances.Add(new InstanceRow(snapshotId, instance.Id, instance.Name, ports.Kind, ports.From, ports.To));
            rows.InstanceTags.AddRange(instance.Tags.Select(t => new InstanceTagRow(snapshotId, instance.Id, t.Key, t.Value)));
        }
        foreach (var n in estate.NetworkInterfaces)
        {
            rows.NetworkInterfaces.Add(new NetworkInterfaceRow(
                snapshotId, n.Id, n.VpcId, n.SubnetId, n.InstanceId, n.DeviceIndex, n.PublicIp?.ToString(), n.Description));
            rows.EniAddresses.AddRange(n.PrivateIps.Select((ip, i) => new EniAddressRow(snapshotId, n.Id, i, ip.ToString())));
            rows.EniGroups.AddRange(n.GroupIds.Select((g, i) => new EniGroupRow(snapshotId, n.Id, i, g)));
        }
        rows.ExternalEndpoints.AddRange(estate.ExternalEndpoints.Select((e, i) =>
            new ExternalEndpointRow(snapshotId, i, e.Name, e.Cidr.ToString())));
        NetworkAclMapping.AddRows(rows, snapshotId, estate);
        return rows;
    }

    /// <summary>
    /// The rows of the groups <paramref name="ids"/> only (the groups, their tags and rules): what an edit of those
    /// groups can change, to diff against the same rows before the edit instead of the whole snapshot's.
    /// </summary>
    public static EstateRows GroupRows(Estate estate, Guid snapshotId, IReadOnlySet<string> ids)
    {
        var rows = new EstateRows { Quotas = estate.Quotas };
        var clashes = Clashes(estate);
        foreach (var g in estate.Groups.Where(g => ids.Contains(g.Id)))
            AddGroup(rows, snapshotId, g, clashes[g.Id]);
        return rows;
    }

    /// <summary>
    /// The groups whose rows an edit of <paramref name="changed"/> can alter: those, and any other whose clash number
    /// moved because a group took or left its name.
    /// </summary>
    public static IReadOnlySet<string> GroupsToRewrite(Estate before, Estate after, IReadOnlySet<string> changed)
    {
        var ids = new HashSet<string>(changed, StringComparer.Ordinal);
        var old = Clashes(before);
        foreach (var (id, clash) in Clashes(after))
        {
            if (old.TryGetValue(id, out var previous) && previous != clash)
                ids.Add(id);
        }
        return ids;
    }

    // Clash numbers follow group ids, not list order, so reordering groups never rewrites their rows.
    private static Dictionary<string, int> Clashes(Estate estate) =>
        estate.Groups.GroupBy(g => (g.VpcId, Normalize(g.Name)))
            .SelectMany(same => same.OrderBy(g => g.Id, StringComparer.Ordinal).Select((g, i) => (g.Id, Clash: i)))
            .ToDictionary(x => x.Id, x => x.Clash);

    private static void AddGroup(EstateRows rows, Guid snapshotId, SecurityGroup g, int clash)
    {
        rows.Groups.Add(new GroupRow(snapshotId, g.Id, g.VpcId, g.Name, Normalize(g.Name), clash, g.Description));
        rows.GroupTags.AddRange(g.Tags.Select(t => new GroupTagRow(snapshotId, g.Id, t.Key, t.Value)));
        rows.Rules.AddRange(g.Rules.Select((r, i) => ToRow(snapshotId, g.Id, i, r)));
    }

    /// <summary>The upper-invariant form used by the case-insensitive unique indexes.</summary>
    public static string Normalize(string name) => name.ToUpperInvariant();

    private static RuleRow ToRow(Guid snapshotId, string groupId, int ordinal, Rule r) => new(
        snapshotId, r.Id, groupId, ordinal, r.Direction, r.Protocol.Number, r.FromPort, r.ToPort,
        (r.Peer as CidrPeer)?.Block.ToString(),
        (r.Peer as GroupPeer)?.GroupId,
        (r.Peer as PrefixListPeer)?.PrefixListId,
        r.Description,
        r.Metadata.Owner,
        r.Metadata.Justification,
        r.Metadata.Ticket,
        r.Metadata.ReviewBy);

    public static Estate ToEstate(EstateRows rows)
    {
        var vpcCidrs = rows.VpcCidrs.ToLookup(c => c.VpcId);
        var groupTags = rows.GroupTags.ToLookup(t => t.GroupId);
        var rules = rows.Rules.ToLookup(r => r.GroupId);
        var entries = rows.PrefixListEntries.ToLookup(e => e.PrefixListId);
        var instanceTags = rows.InstanceTags.ToLookup(t => t.InstanceId);
        var addresses = rows.EniAddresses.ToLookup(a => a.NetworkInterfaceId);
        var eniGroups = rows.EniGroups.ToLookup(g => g.NetworkInterfaceId);
        return new Estate(
            [.. rows.Vpcs.OrderBy(v => v.Id, StringComparer.Ordinal).Select(v => new Vpc(
                v.Id, v.Name, [.. vpcCidrs[v.Id].OrderBy(c => c.Ordinal).Select(c => StoredCidr(c.Cidr))]))],
            [.. rows.Subnets.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new Subnet(
                s.Id, s.VpcId, StoredCidr(s.Cidr), s.Ipv6Cidr is null ? null : StoredCidr(s.Ipv6Cidr), s.AvailabilityZone, s.Name))],
            [.. rows.VpcConnections.OrderBy(c => c.Ordinal).Select(c => new VpcConnection(c.VpcA, c.VpcB, c.Kind, c.GroupReferencing))],
            [.. rows.Groups.OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => new SecurityGroup(
                g.Id, g.Name, g.Description, g.VpcId,
                groupTags[g.Id].ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
                [.. rules[g.Id].OrderBy(r => r.Ordinal).Select(ToRule)]))],
            [.. rows.PrefixLists.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new PrefixList(
                p.Id, p.Name, p.Family, [.. entries[p.Id].OrderBy(e => e.Ordinal).Select(e => StoredCidr(e.Cidr))], p.MaxEntries))],
            [.. rows.Instances.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new Instance(
                i.Id, i.Name, instanceTags[i.Id].ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal))
                { EphemeralPorts = NetworkAclMapping.ToEphemeralPorts(i) })],
            [.. rows.NetworkInterfaces.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => new NetworkInterface(
                n.Id, n.VpcId, n.SubnetId, n.InstanceId, n.DeviceIndex,
                [.. addresses[n.Id].OrderBy(a => a.Ordinal).Select(a => StoredIp(a.Address))],
                n.PublicIp is null ? null : StoredIp(n.PublicIp),
                [.. eniGroups[n.Id].OrderBy(g => g.Ordinal).Select(g => g.GroupId)],
                n.Description))],
            [.. rows.ExternalEndpoints.OrderBy(e => e.Ordinal).Select(e => new ExternalEndpoint(e.Name, StoredCidr(e.Cidr)))],
            rows.Quotas) { NetworkAcls = NetworkAclMapping.ToAcls(rows) };
    }

    private static Rule ToRule(RuleRow r)
    {
        Peer peer = r.PeerCidr is not null ? new CidrPeer(StoredCidr(r.PeerCidr))
            : r.PeerGroupId is not null ? new GroupPeer(r.PeerGroupId)
            : new PrefixListPeer(r.PeerPrefixListId!);
        // Stored metadata was valid when written (bar the direction overrides FromStored drops); it throws loudly, naming
        // the field, if it was edited by hand.
        var metadata = r.Owner is null && r.Justification is null && r.Ticket is null && r.ReviewBy is null
            ? default
            : RuleMetadata.FromStored(r.Owner, r.Justification, r.Ticket, r.ReviewBy);
        return new Rule(r.Id, r.Direction, new IpProtocol(r.Protocol), r.FromPort, r.ToPort, peer, r.Description, metadata);
    }

    // Stored text was written by Cidr/IpAddress.ToString, so it always parses; a failure means the database was
    // edited by hand and deserves a loud error naming the value.
    internal static Cidr StoredCidr(string text) => Cidr.Parse(text) is { IsOk: true } c
        ? c.Value
        : throw new InvalidDataException($"stored CIDR '{text}' does not parse");

    private static IpAddress StoredIp(string text) => IpAddress.Parse(text) is { IsOk: true } ip
        ? ip.Value
        : throw new InvalidDataException($"stored IP address '{text}' does not parse");
}
