using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>How two VPCs relate for security-group evaluation.</summary>
internal enum VpcLink
{
    /// <summary>Neither the same nor connected: no ENI of one reaches an ENI of the other.</summary>
    None,
    /// <summary>Connected without group referencing: only CIDR and prefix-list rules match across.</summary>
    CidrOnly,
    /// <summary>The same VPC, or connected with group referencing: every rule kind matches.</summary>
    Full,
}

/// <summary>A group with its rules split by direction once, so evaluation never filters per query.</summary>
internal sealed class CompiledGroup(SecurityGroup group)
{
    public SecurityGroup Group { get; } = group;
    public RuleRef[] Inbound { get; } = [.. group.Rules.Where(r => r.Direction == Direction.Inbound).Select(r => new RuleRef(group.Id, r))];
    public RuleRef[] Outbound { get; } = [.. group.Rules.Where(r => r.Direction == Direction.Outbound).Select(r => new RuleRef(group.Id, r))];
}

/// <summary>An ENI with its existing groups resolved.</summary>
internal sealed class EniInfo(NetworkInterface eni, CompiledGroup[] groups)
{
    public NetworkInterface Eni { get; } = eni;
    public CompiledGroup[] Groups { get; } = groups;

    /// <summary>
    /// What the network-ACL layer last worked out for this ENI, with that layer (<see cref="NetworkAclLayer"/>): kept here
    /// so that a verdict reaches it without a look-up.
    /// </summary>
    public NetworkAclLayer.EniSide? AclSide { get; set; }
}

/// <summary>Lookups by id over one estate snapshot. Built once per engine; reused by Update where unchanged.</summary>
internal sealed class EstateIndex
{
    private readonly Dictionary<(string, string), bool> _connections = [];

    public EstateIndex(Estate estate, EstateIndex? previous = null)
    {
        Estate = estate;
        foreach (var g in estate.Groups)
        {
            if (Groups.ContainsKey(g.Id))
                continue;
            GroupNumbers[g.Id] = GroupNumbers.Count;
            // Reuse the compiled form of a group whose snapshot object did not change.
            Groups[g.Id] = previous is not null && previous.Groups.TryGetValue(g.Id, out var old) && ReferenceEquals(old.Group, g)
                ? old
                : new CompiledGroup(g);
        }
        foreach (var p in estate.PrefixLists)
            PrefixLists.TryAdd(p.Id, p);
        foreach (var c in estate.VpcConnections)
        {
            Connect(c.VpcA, c.VpcB, c.GroupReferencing);
            Connect(c.VpcB, c.VpcA, c.GroupReferencing);
        }
        if (previous is not null && previous.Estate.NetworkInterfaces == estate.NetworkInterfaces && previous.Groups.Count == Groups.Count
            && previous.Groups.Keys.All(Groups.ContainsKey))
            ReuseEnis(previous);
        else
            IndexEnis(previous);
    }

    private void IndexEnis(EstateIndex? previous)
    {
        foreach (var e in Estate.NetworkInterfaces)
        {
            if (Enis.ContainsKey(e.Id))
                continue;
            var groups = new List<CompiledGroup>(e.GroupIds.Length);
            foreach (var id in e.GroupIds)
            {
                if (Groups.TryGetValue(id, out var g) && !groups.Contains(g))
                    groups.Add(g);
            }
            // Reuse the previous snapshot's entry when the ENI and its compiled groups are the same objects.
            Enis[e.Id] = previous is not null && previous.Enis.TryGetValue(e.Id, out var old) && ReferenceEquals(old.Eni, e)
                && old.Groups.AsSpan().SequenceEqual(groups.ToArray())
                ? old
                : new EniInfo(e, [.. groups]);
            foreach (var g in groups)
            {
                if (!EnisByGroup.TryGetValue(g.Group.Id, out var carriers))
                    EnisByGroup[g.Group.Id] = carriers = [];
                carriers.Add(e.Id);
            }
        }
    }

    // Same ENIs and group ids, some groups edited (the common single-edit update): copy the entries and
    // re-point only the ENIs that carry an edited group.
    private void ReuseEnis(EstateIndex previous)
    {
        Enis = new Dictionary<string, EniInfo>(previous.Enis);
        EnisByGroup = previous.EnisByGroup;
        ChangedSince = previous.Estate;
        ChangedGroupIds = [.. previous.Groups.Values.Where(g => !ReferenceEquals(Groups[g.Group.Id], g)).Select(g => g.Group.Id)];
        foreach (var groupId in ChangedGroupIds)
        {
            foreach (var eniId in EnisByGroup.GetValueOrDefault(groupId, []))
            {
                var info = Enis[eniId];
                Enis[eniId] = new EniInfo(info.Eni, [.. info.Groups.Select(g => Groups[g.Group.Id])]);
            }
        }
    }

    public Estate Estate { get; }
    public Dictionary<string, CompiledGroup> Groups { get; } = [];
    /// <summary>Group id → its position among the estate's groups (a dense number for array lookups).</summary>
    public Dictionary<string, int> GroupNumbers { get; } = [];
    public Dictionary<string, PrefixList> PrefixLists { get; } = [];
    public Dictionary<string, EniInfo> Enis { get; private set; } = [];

    /// <summary>Existing group id → ids of the ENIs carrying it.</summary>
    public Dictionary<string, List<string>> EnisByGroup { get; private set; } = [];

    /// <summary>
    /// When this index was made from a previous one with the same ENIs and group ids: the groups whose
    /// object changed. Null otherwise (anything may have changed).
    /// </summary>
    public IReadOnlyList<string>? ChangedGroupIds { get; private set; }

    /// <summary>The snapshot <see cref="ChangedGroupIds"/> is relative to.</summary>
    public Estate? ChangedSince { get; private set; }

    private void Connect(string a, string b, bool groupReferencing)
    {
        // Several declared connections between the same VPCs: group references work if any allows them.
        _connections[(a, b)] = groupReferencing || _connections.GetValueOrDefault((a, b));
    }

    public VpcLink Link(string vpcA, string vpcB)
    {
        if (vpcA == vpcB)
            return VpcLink.Full;
        return _connections.TryGetValue((vpcA, vpcB), out var referencing)
            ? referencing ? VpcLink.Full : VpcLink.CidrOnly
            : VpcLink.None;
    }
}
