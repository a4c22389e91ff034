using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>The cells of a sender class's row that differ from its behaviour's base row.</summary>
internal sealed partial class MatrixCellWalker
{
    /// <summary>
    /// Writes to <paramref name="to"/> and <paramref name="cells"/> (room for one entry per class) the cells of
    /// <paramref name="from"/>'s row that differ from its <see cref="BaseRow"/>: those of the receiving behaviours with
    /// inbound rules for blocks of its atom. An entry is a receiving class and its cell, or −1 − b and the security
    /// groups' cell of every class of receiving behaviour b (whose groups' base cells are alike:
    /// <see cref="BaseByBehaviour"/>), which class c of b has with <see cref="WithAcl"/>(cell, <see cref="AclNumber"/>(from, c));
    /// a class is named once. Returns how many.
    /// </summary>
    /// <remarks>Ingress only grows beyond its base (the rules for the sender's blocks add to it), and so do the cells
    /// (with ACLs, a class of a behaviour's entry may keep its base cell: the ACLs can cut what grew).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Overrides(int from, int[] to, int[] cells)
    {
        if (!Start(from))
            return 0;
        var count = 0;
        foreach (var receiver in _atomReceivers[_classAtom[from]] ??= AtomReceivers(_classAtom[from]))
        {
            var b = receiver.Behaviour;
            var ingressBase = _ingressBase[b];
            if (ingressBase == Never)
                continue;
            var ingress = ingressBase == _inUniversal[b] ? receiver.WithUniversal : Union(ingressBase, receiver.Set);
            if (ingress == ingressBase)
                continue;
            var uniformEgress = _uniformEgress[b];
            if (uniformEgress is EmptyId or Never)
                continue;
            if (uniformEgress != Unknown)
            {
                // Every class of b gets the same cell: one intersection, remembered for the next row meeting this ingress.
                if (_memoIngress[b] != ingress)
                {
                    _memoIngress[b] = ingress;
                    _memoCell[b] = Intersect(uniformEgress, ingress);
                }
                var cell = _memoCell[b];
                if (cell != _baseOfBehaviour[b])
                    (to[count], cells[count++]) = (-1 - b, cell);
                continue;
            }
            foreach (var c in _classesOf[b])
            {
                var egress = _egress[c];
                if (egress <= EmptyId)
                    continue;
                var cell = Intersect(egress, ingress);
                if (cell == _baseRow[c])
                    continue;
                if (_acl is null)
                    (to[count], cells[count++]) = (c, cell);
                else if (AclNumber(from, c) is var number && WithAcl(cell, number) is var withAcl && withAcl != WithAcl(_baseRow[c], number))
                    (to[count], cells[count++]) = (c, withAcl);
            }
        }
        return count;
    }

    /// <summary>A receiving behaviour with inbound rules for blocks of an atom: what they allow, alone and with the behaviour's rules for every ENI.</summary>
    private readonly record struct AtomReceiver(int Behaviour, int Set, int WithUniversal);

    // The receiving behaviours with inbound rules for the blocks of atom number atom, and what those rules allow.
    private AtomReceiver[] AtomReceivers(int atom)
    {
        var sets = new Dictionary<int, int>();
        foreach (var block in _atomBlocks[atom])
        {
            if (!_receiversOfBlock.TryGetValue(block, out var receivers))
                continue;
            foreach (var (b, set) in receivers)
                sets[b] = Union(sets.GetValueOrDefault(b, EmptyId), set);
        }
        return [.. sets.Where(x => x.Value != EmptyId).Select(x => new AtomReceiver(x.Key, x.Value, _inUniversal[x.Key] == Never ? Never : Union(_inUniversal[x.Key], x.Value)))];
    }
}
