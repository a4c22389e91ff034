using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// A block of the outside address space tree; its region is the block without its children's blocks. Every address
/// of a region is matched by exactly the same rules (those whose CIDR or prefix-list entry is the block or an
/// ancestor), so one region is one verdict: the atoms the impact is computed on.
/// </summary>
internal sealed class OutsideNode(Cidr block, OutsideNode? parent, int order)
{
    public Cidr Block { get; } = block;
    public OutsideNode? Parent { get; } = parent;
    public List<OutsideNode> Children { get; } = [];

    /// <summary>Position in pre-order (parents before children) within its family.</summary>
    public int Order { get; } = order;

    /// <summary>The name of a named block, or null.</summary>
    public string? Name { get; set; }

    /// <summary>An address of the region, or null when the children cover the whole block.</summary>
    public IpAddress? Sample { get; private set; }

    public bool HasRegion => Sample is not null;

    public string Label => Name is null ? Block.ToString() : $"{Name} ({Block})";

    /// <summary>Finds the region's first address: the first one no child covers.</summary>
    public void Seal()
    {
        var cursor = Block.First.Value;
        foreach (var child in Children)
        {
            if (child.Block.First.Value > cursor)
                break;
            if (child.Block.Last.Value == Block.Last.Value)
                return;
            cursor = child.Block.Last.Value + 1;
        }
        Sample = new IpAddress(Block.Family, cursor);
    }
}

/// <summary>
/// Every CIDR block outside endpoints are made of (<see cref="OutsideEndpoints"/> of both estates, prefix lists as their
/// entries), as one tree per address family: CIDR blocks are nested or disjoint, so they form a tree under 0.0.0.0/0
/// (::/0). Regions with the same change are merged back and described by the fewest, most readable blocks.
/// </summary>
internal sealed class OutsideSpace
{
    private const int MaxExceptions = 3;

    private readonly Dictionary<IpFamily, ImmutableArray<OutsideNode>> _nodes = [];
    private readonly Dictionary<Cidr, OutsideNode> _byBlock = [];
    private readonly ImmutableArray<OutsideEndpoint> _lists;

    /// <param name="before">The estate before (the same as <paramref name="after"/> for one estate).</param>
    /// <param name="after">The estate after.</param>
    /// <param name="extra">More blocks to cut the space at, e.g. a range the user asks about.</param>
    public OutsideSpace(Estate before, Estate after, params IEnumerable<Cidr> extra)
    {
        var endpoints = OutsideEndpoints.Of(before, after);
        _lists = [.. endpoints.Where(e => e.PrefixListId is not null)];
        var names = OutsideEndpoints.NamedBlocks([before, after]);
        // Entries of both versions of a referenced list: either estate's rules may match them.
        var listIds = endpoints.Select(e => e.PrefixListId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var entries = before.PrefixLists.Concat(after.PrefixLists).Where(l => listIds.Contains(l.Id) && !l.Entries.IsDefault).SelectMany(l => l.Entries);
        var blocks = endpoints.SelectMany(e => e.Blocks).Concat(entries).Concat(extra).Append(Cidr.AnyV4).Append(Cidr.AnyV6).Distinct();
        foreach (var family in new[] { IpFamily.V4, IpFamily.V6 })
        {
            var list = new List<OutsideNode>();
            var stack = new Stack<OutsideNode>();
            // Sorted by network then length, a block follows its ancestors and precedes its descendants.
            foreach (var block in blocks.Where(b => b.Family == family).OrderBy(b => b.Network).ThenBy(b => b.PrefixLength))
            {
                while (stack.Count > 0 && !stack.Peek().Block.Contains(block))
                    stack.Pop();
                var parent = stack.Count > 0 ? stack.Peek() : null;
                var node = new OutsideNode(block, parent, list.Count) { Name = names.GetValueOrDefault(block) };
                parent?.Children.Add(node);
                stack.Push(node);
                list.Add(node);
                _byBlock[block] = node;
            }
            foreach (var node in list)
                node.Seal();
            _nodes[family] = [.. list];
        }
    }

    /// <summary>The node of <paramref name="block"/>, one of the blocks the space was cut at.</summary>
    public OutsideNode NodeOf(Cidr block) => _byBlock[block];

    /// <summary>The blocks of <paramref name="family"/> in pre-order; the first is 0.0.0.0/0 (::/0).</summary>
    public ImmutableArray<OutsideNode> Nodes(IpFamily family) => _nodes[family];

    /// <summary>
    /// What the rules of <paramref name="direction"/> of an ENI's groups allow with each block's region, by
    /// <see cref="OutsideNode.Order"/>: a block inherits its parent's traffic and adds the rules naming it.
    /// </summary>
    public TrafficSet[] Allowed(Estate estate, Dictionary<string, SecurityGroup> groups, NetworkInterface? eni, IpFamily family, Direction direction)
    {
        var nodes = _nodes[family];
        var result = new TrafficSet[nodes.Length];
        if (eni?.PrimaryIp is not { } ip || ip.Family != family)
        {
            Array.Fill(result, TrafficSet.Empty);
            return result;
        }
        var own = new Dictionary<Cidr, TrafficSet>();
        void Add(Cidr block, TrafficSet set) => own[block] = own.TryGetValue(block, out var s) ? s.Union(set) : set;
        foreach (var group in eni.GroupIds.Where(groups.ContainsKey).Select(id => groups[id]))
        {
            foreach (var rule in group.Rules.Where(r => r.Direction == direction))
            {
                switch (rule.Peer)
                {
                    case CidrPeer { Block: var block } when block.Family == family:
                        Add(block, TrafficSet.Of(rule, family));
                        break;
                    case PrefixListPeer p when estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId) is { Entries.IsDefault: false } list:
                        foreach (var entry in list.Entries.Where(e => e.Family == family))
                            Add(entry, TrafficSet.Of(rule, family));
                        break;
                }
            }
        }
        foreach (var node in nodes)
        {
            var inherited = node.Parent is null ? TrafficSet.Empty : result[node.Parent.Order];
            result[node.Order] = own.TryGetValue(node.Block, out var set) ? inherited.Union(set) : inherited;
        }
        return result;
    }

    /// <summary>
    /// A label for a set of regions of one family: whole subtrees by their block (a prefix list by its name when all
    /// its entries are whole), a region whose subtree is partly elsewhere as "block except …".
    /// </summary>
    public (string Label, Cidr Outside) Describe(IReadOnlySet<OutsideNode> regions)
    {
        var nodes = _nodes[regions.First().Block.Family];
        // Post-order flags: every region of the subtree is in the set, or none is.
        var whole = new bool[nodes.Length];
        var none = new bool[nodes.Length];
        for (var i = nodes.Length - 1; i >= 0; i--)
        {
            var n = nodes[i];
            var inSet = n.HasRegion && regions.Contains(n);
            whole[i] = (inSet || !n.HasRegion) && n.Children.TrueForAll(c => whole[c.Order]);
            none[i] = !inSet && n.Children.TrueForAll(c => none[c.Order]);
        }
        var pieces = new List<(OutsideNode Node, List<OutsideNode> Except)>();
        void Collect(OutsideNode n)
        {
            if (whole[n.Order])
            {
                pieces.Add((n, []));
                return;
            }
            if (none[n.Order])
                return;
            if (n.HasRegion && regions.Contains(n))
                pieces.Add((n, [.. n.Children.Where(c => !whole[c.Order])]));
            foreach (var c in n.Children)
                Collect(c);
        }
        Collect(nodes[0]);

        var labels = pieces.Select(p => (p.Node, Text: Text(p.Node, p.Except))).ToList();
        foreach (var list in _lists)
        {
            var entries = list.Blocks.Where(b => b.Family == nodes[0].Block.Family).Select(b => _byBlock[b]).ToList();
            if (entries.Count == 0 || !entries.TrueForAll(e => pieces.Exists(p => p.Node == e && p.Except.Count == 0)))
                continue;
            var at = labels.FindIndex(l => entries.Contains(l.Node));
            labels[at] = (labels[at].Node, list.Label);
            labels.RemoveAll(l => entries.Contains(l.Node) && l.Text != list.Label);
        }
        return (string.Join(", ", labels.Select(l => l.Text)), pieces[0].Node.Block);
    }

    private static string Text(OutsideNode node, List<OutsideNode> except)
    {
        if (except.Count == 0)
            return node.Label;
        var listed = string.Join(", ", except.Take(MaxExceptions).Select(e => e.Label));
        var more = except.Count > MaxExceptions ? $" and {except.Count - MaxExceptions} more" : "";
        return $"{node.Label} except {listed}{more}";
    }
}
