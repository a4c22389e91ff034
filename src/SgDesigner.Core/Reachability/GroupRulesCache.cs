using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Each group's compiled rules per family, shared by every behaviour that carries the group. Valid for one
/// set of ENIs (block kinds depend on them); an update that keeps the ENIs copies the entries of unchanged groups.
/// </summary>
internal sealed class GroupRulesCache(CidrCatalog catalog, GroupRulesCache? sameEnis = null)
{
    private readonly Dictionary<(CompiledGroup, IpFamily), (SideRules Out, SideRules In)> _entries =
        sameEnis is null ? [] : new(sameEnis._entries);

    public CidrCatalog Catalog { get; } = catalog;

    public (SideRules Out, SideRules In) Get(CompiledGroup group, IpFamily family, EstateIndex index)
    {
        if (!_entries.TryGetValue((group, family), out var entry))
        {
            entry = (new SideRules(group, outbound: true, family, index, Catalog), new SideRules(group, outbound: false, family, index, Catalog));
            _entries[(group, family)] = entry;
        }
        return entry;
    }

    /// <summary>Ids of the distinguishing blocks used by any compiled group, ascending.</summary>
    /// <remarks>Every entry belongs to a group some behaviour carries, so these are exactly the behaviours' ids.</remarks>
    public int[] DistinguishingIds()
    {
        var ids = new HashSet<int>();
        foreach (var (o, i) in _entries.Values)
        {
            ids.UnionWith(o.DistinguishingIds);
            ids.UnionWith(i.DistinguishingIds);
        }
        return [.. ids.Order()];
    }

    /// <summary>Drops the entries of a group that was edited, so that an update chain does not grow.</summary>
    public void Forget(CompiledGroup group)
    {
        _entries.Remove((group, IpFamily.V4));
        _entries.Remove((group, IpFamily.V6));
    }
}
