using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>How a rule's CIDR block relates to the ENIs of the estate (primary IPs of its family).</summary>
internal enum CidrKind
{
    /// <summary>Contains no ENI: it matters for outside endpoints only, never in the matrix.</summary>
    None,
    /// <summary>Contains every ENI: it treats all of them alike, so it splits no class.</summary>
    Universal,
    /// <summary>Contains some ENIs but not others: it splits classes.</summary>
    Distinguishing,
}

/// <summary>
/// Numbers every CIDR block used by a rule or prefix-list entry (numbers are stable across
/// <see cref="ReachabilityEngine.Update"/>), and classifies each against the ENIs' primary IPs. A block
/// is a contiguous range, so counting the ENIs in it is two binary searches over the sorted addresses.
/// </summary>
internal sealed class CidrCatalog
{
    private readonly Dictionary<Cidr, int> _ids;
    private readonly List<Cidr> _blocks;
    private readonly Dictionary<int, CidrKind> _kinds;
    private readonly UInt128[] _v4;  // sorted primary IPs of the ENIs
    private readonly UInt128[] _v6;
    private readonly string[] _v4Enis; // the ENI of each address above
    private readonly string[] _v6Enis;

    /// <summary>A catalog for these ENIs (by primary IP), continuing the numbering of <paramref name="previous"/>.</summary>
    public CidrCatalog(IEnumerable<NetworkInterface> enis, CidrCatalog? previous)
    {
        _ids = previous is null ? [] : new Dictionary<Cidr, int>(previous._ids);
        _blocks = previous is null ? [] : [.. previous._blocks];
        _kinds = [];
        var withIp = enis.Where(e => e.PrimaryIp is not null).ToList();
        (_v4, _v4Enis) = Sorted(withIp.Where(e => e.PrimaryIp!.Value.Family == IpFamily.V4));
        (_v6, _v6Enis) = Sorted(withIp.Where(e => e.PrimaryIp!.Value.Family == IpFamily.V6));
    }

    private static (UInt128[], string[]) Sorted(IEnumerable<NetworkInterface> enis)
    {
        var list = enis.ToList();
        var ips = list.Select(e => e.PrimaryIp!.Value.Value).ToArray();
        var ids = list.Select(e => e.Id).ToArray();
        Array.Sort(ips, ids);
        return (ips, ids);
    }

    /// <summary>A catalog for the same ENIs (same kinds), continuing the numbering.</summary>
    public CidrCatalog(CidrCatalog sameEnis)
    {
        _ids = new Dictionary<Cidr, int>(sameEnis._ids);
        _blocks = [.. sameEnis._blocks];
        _kinds = new Dictionary<int, CidrKind>(sameEnis._kinds);
        _v4 = sameEnis._v4;
        _v6 = sameEnis._v6;
        _v4Enis = sameEnis._v4Enis;
        _v6Enis = sameEnis._v6Enis;
    }

    public Cidr this[int id] => _blocks[id];

    public int IdOf(Cidr block)
    {
        if (!_ids.TryGetValue(block, out var id))
        {
            id = _blocks.Count;
            _ids[block] = id;
            _blocks.Add(block);
        }
        return id;
    }

    public CidrKind KindOf(int id)
    {
        if (_kinds.TryGetValue(id, out var kind))
            return kind;
        var (_, first, end) = Range(_blocks[id]);
        var count = end - first;
        var total = _blocks[id].Family == IpFamily.V4 ? _v4.Length : _v6.Length;
        kind = count == 0 ? CidrKind.None : count == total ? CidrKind.Universal : CidrKind.Distinguishing;
        _kinds[id] = kind;
        return kind;
    }

    /// <summary>The ENIs whose primary IP lies in block <paramref name="id"/>.</summary>
    public IEnumerable<string> EnisIn(int id)
    {
        var (ids, first, end) = Range(_blocks[id]);
        for (var i = first; i < end; i++)
            yield return ids[i];
    }

    private (string[] Enis, int First, int End) Range(Cidr block)
    {
        var (sorted, enis) = block.Family == IpFamily.V4 ? (_v4, _v4Enis) : (_v6, _v6Enis);
        var first = LowerBound(sorted, block.First.Value);
        var end = block.Last.Value == UInt128.MaxValue ? sorted.Length : LowerBound(sorted, block.Last.Value + 1);
        return (enis, first, end);
    }

    private static int LowerBound(UInt128[] sorted, UInt128 value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}

/// <summary>
/// "Which of these blocks contain this address": one hash probe per prefix length in use
/// (at most 33 for IPv4), instead of a scan over every block.
/// </summary>
internal sealed class CidrLookup
{
    private readonly Dictionary<UInt128, int>?[] _v4 = new Dictionary<UInt128, int>?[33];
    private readonly Dictionary<UInt128, int>?[] _v6 = new Dictionary<UInt128, int>?[129];
    private readonly int[] _v4Lengths;
    private readonly int[] _v6Lengths;

    public CidrLookup(CidrCatalog catalog, IEnumerable<int> ids)
    {
        foreach (var id in ids)
        {
            var block = catalog[id];
            var tables = block.Family == IpFamily.V4 ? _v4 : _v6;
            (tables[block.PrefixLength] ??= [])[block.Network] = id;
        }
        _v4Lengths = [.. Enumerable.Range(0, 33).Where(l => _v4[l] is not null)];
        _v6Lengths = [.. Enumerable.Range(0, 129).Where(l => _v6[l] is not null)];
    }

    /// <summary>Ids of the blocks containing <paramref name="ip"/>, sorted ascending.</summary>
    public int[] Containing(IpAddress ip)
    {
        var v4 = ip.Family == IpFamily.V4;
        var tables = v4 ? _v4 : _v6;
        var bits = v4 ? 32 : 128;
        List<int>? found = null;
        foreach (var len in v4 ? _v4Lengths : _v6Lengths)
        {
            var network = len == 0 ? UInt128.Zero : ip.Value >> (bits - len) << (bits - len);
            if (tables[len]!.TryGetValue(network, out var id))
                (found ??= []).Add(id);
        }
        if (found is null)
            return [];
        found.Sort();
        return [.. found];
    }
}
