using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>One equivalence class while the matrix is built.</summary>
internal sealed class EniClass(int index, EniInfo representative, CompiledGroup[] groups, int[] atom)
{
    public int Index { get; } = index;
    /// <summary>Any member: every member behaves like it, as sender and as receiver.</summary>
    public EniInfo Representative { get; } = representative;
    public IpAddress? Ip => Representative.Eni.PrimaryIp;
    public string VpcId => Representative.Eni.VpcId;
    /// <summary>Existing groups, sorted by id.</summary>
    public CompiledGroup[] Groups { get; } = groups;
    /// <summary>Catalog numbers of the rule CIDRs containing the members' primary IP.</summary>
    public int[] Atom { get; } = atom;
    public List<string> EniIds { get; } = [];
}

/// <summary>
/// Splits ENIs into classes that every rule treats alike: same VPC, same set of existing groups, same
/// address family, and the same atom (set of rule CIDRs containing the primary IP). Within a class, a
/// rule's peer matches one member exactly when it matches any other, so one representative per class
/// decides every cell of the matrix.
/// </summary>
internal sealed class ClassPartition
{
    public ClassPartition(EstateIndex index, CidrCatalog catalog)
    {
        var byKey = new Dictionary<string, EniClass>();
        foreach (var e in index.Estate.NetworkInterfaces)
        {
            if (EniOrder.ContainsKey(e.Id))
                continue;
            var info = index.Enis[e.Id];
            var atom = e.PrimaryIp is { } ip ? catalog.Containing(ip) : [];
            var groups = info.Groups.OrderBy(g => g.Group.Id, StringComparer.Ordinal).ToArray();
            var key = string.Join('|', e.VpcId, e.PrimaryIp?.Family.ToString() ?? "none",
                string.Join(',', groups.Select(g => g.Group.Id)), string.Join(',', atom));
            if (!byKey.TryGetValue(key, out var cls))
            {
                cls = new EniClass(Classes.Count, info, groups, atom);
                byKey[key] = cls;
                Classes.Add(cls);
            }
            cls.EniIds.Add(e.Id);
            EniOrder[e.Id] = cls.Index;
        }
    }

    public List<EniClass> Classes { get; } = [];

    /// <summary>ENI id → class index, in estate order.</summary>
    public Dictionary<string, int> EniOrder { get; } = [];
}
