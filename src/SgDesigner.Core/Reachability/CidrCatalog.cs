using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Every distinct CIDR block used by a rule or a prefix list, numbered, with a lookup "which of them
/// contain this address" that costs one hash probe per prefix length in use (at most 33 for IPv4).
/// The set of blocks containing an address is its atom of the address space.
/// </summary>
internal sealed class CidrCatalog
{
    private readonly Dictionary<UInt128, int>[] _v4 = new Dictionary<UInt128, int>[33];
    private readonly Dictionary<UInt128, int>[] _v6 = new Dictionary<UInt128, int>[129];
    private readonly List<Cidr> _blocks = [];

    public CidrCatalog(EstateIndex index)
    {
        foreach (var g in index.Groups.Values)
        {
            foreach (var r in g.Group.Rules)
            {
                if (r.Peer is CidrPeer c)
                    Add(c.Block);
            }
        }
        foreach (var list in index.PrefixLists.Values)
        {
            foreach (var entry in list.Entries)
                Add(entry);
        }
        V4Lengths = [.. Enumerable.Range(0, 33).Where(l => _v4[l] is not null).Reverse()];
        V6Lengths = [.. Enumerable.Range(0, 129).Where(l => _v6[l] is not null).Reverse()];
    }

    public int Count => _blocks.Count;
    public int[] V4Lengths { get; }
    public int[] V6Lengths { get; }

    /// <summary>The block numbered <paramref name="id"/>.</summary>
    public Cidr this[int id] => _blocks[id];

    /// <summary>Numbers of the blocks containing <paramref name="ip"/>, longest prefix first.</summary>
    public int[] Containing(IpAddress ip)
    {
        var v4 = ip.Family == IpFamily.V4;
        var lengths = v4 ? V4Lengths : V6Lengths;
        var tables = v4 ? _v4 : _v6;
        var bits = v4 ? 32 : 128;
        List<int>? found = null;
        foreach (var len in lengths)
        {
            var network = len == 0 ? UInt128.Zero : ip.Value >> (bits - len) << (bits - len);
            if (tables[len].TryGetValue(network, out var id))
                (found ??= []).Add(id);
        }
        return found is null ? [] : [.. found];
    }

    private void Add(Cidr block)
    {
        var tables = block.Family == IpFamily.V4 ? _v4 : _v6;
        var table = tables[block.PrefixLength] ??= [];
        if (!table.ContainsKey(block.Network))
        {
            table[block.Network] = _blocks.Count;
            _blocks.Add(block);
        }
    }
}
