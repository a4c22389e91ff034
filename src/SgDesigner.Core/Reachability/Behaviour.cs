using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The rules of one side (outbound or inbound) of a set of groups, sorted by what the peer depends on:
/// blocks containing every ENI, referenced groups, and blocks that distinguish ENIs (semantics.md
/// "A peer matches"). Blocks containing no ENI, stale references and missing prefix lists cannot
/// match an ENI and are left out: the matrix is between ENIs only.
/// </summary>
internal sealed class SideRules
{
    public SideRules(CompiledGroup[] groups, bool outbound, IpFamily family, EstateIndex index, CidrCatalog catalog)
    {
        var refs = new Dictionary<string, TrafficSet>();
        var distinguishing = new Dictionary<int, TrafficSet>();
        foreach (var g in groups)
        {
            foreach (var r in outbound ? g.Outbound : g.Inbound)
            {
                var set = TrafficSet.Of(r.Rule, family);
                if (set.IsEmpty)
                    continue;
                switch (r.Rule.Peer)
                {
                    case CidrPeer c:
                        AddBlock(c.Block, set);
                        break;
                    case PrefixListPeer p when index.PrefixLists.TryGetValue(p.PrefixListId, out var list) && list.Family == family:
                        foreach (var entry in list.Entries)
                            AddBlock(entry, set);
                        break;
                    case GroupPeer gp when index.Groups.ContainsKey(gp.GroupId):
                        refs[gp.GroupId] = refs.TryGetValue(gp.GroupId, out var existing) ? existing.Union(set) : set;
                        break;
                }
            }
        }
        Refs = refs;
        Distinguishing = [.. distinguishing.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value))];

        void AddBlock(Cidr block, TrafficSet set)
        {
            if (block.Family != family)
                return;
            var id = catalog.IdOf(block);
            switch (catalog.KindOf(id))
            {
                case CidrKind.Universal:
                    Universal = Universal.Union(set);
                    break;
                case CidrKind.Distinguishing:
                    distinguishing[id] = distinguishing.TryGetValue(id, out var existing) ? existing.Union(set) : set;
                    break;
            }
        }
    }

    /// <summary>Traffic allowed to (or from) every ENI reachable at all.</summary>
    public TrafficSet Universal { get; private set; } = TrafficSet.Empty;

    /// <summary>Referenced group id → traffic allowed to (or from) its members.</summary>
    public Dictionary<string, TrafficSet> Refs { get; }

    /// <summary>(catalog id, traffic) for blocks that contain some ENIs but not others, by id.</summary>
    public (int Id, TrafficSet Set)[] Distinguishing { get; }

    /// <summary>Union of the traffic of the distinguishing blocks in <paramref name="atom"/> (sorted ids).</summary>
    public TrafficSet ForAtom(int[] atom)
    {
        var set = TrafficSet.Empty;
        foreach (var (id, s) in Distinguishing)
        {
            if (Array.BinarySearch(atom, id) >= 0)
                set = set.Union(s);
        }
        return set;
    }
}

/// <summary>
/// ENIs with the same VPC, address family and set of existing groups: every group reference and every
/// block that contains all or no ENIs treats them alike. Only distinguishing blocks split them further
/// into classes. Rows hold what group references allow towards other behaviours.
/// </summary>
internal sealed class Behaviour
{
    public Behaviour(string key, string vpcId, IpFamily? family, CompiledGroup[] groups, EstateIndex index, CidrCatalog catalog)
    {
        Key = key;
        VpcId = vpcId;
        Family = family;
        Groups = groups;
        if (family is { } f)
        {
            Out = new SideRules(groups, outbound: true, f, index, catalog);
            In = new SideRules(groups, outbound: false, f, index, catalog);
        }
    }

    public string Key { get; }
    public string VpcId { get; }
    /// <summary>Family of the members' primary IPs; null for ENIs without an IP (they reach nothing).</summary>
    public IpFamily? Family { get; }
    /// <summary>Existing groups, sorted by id.</summary>
    public CompiledGroup[] Groups { get; }
    public SideRules? Out { get; }
    public SideRules? In { get; }

    /// <summary>Receiver behaviour index → egress of this behaviour allowed by group references.</summary>
    public Dictionary<int, TrafficSet> OutRow { get; } = [];

    /// <summary>Sender behaviour index → ingress of this behaviour allowed by group references.</summary>
    public Dictionary<int, TrafficSet> InRow { get; } = [];

    public IEnumerable<int> DistinguishingIds =>
        Out is null ? [] : Out.Distinguishing.Select(d => d.Id).Concat(In!.Distinguishing.Select(d => d.Id));

}
