using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Starting a sender behaviour: its egress towards every receiving behaviour and class, the receivers' ingress bases for
/// it, and the base row of its classes, which every row of that behaviour then starts from.
/// </summary>
internal sealed partial class MatrixCellWalker
{
    // Starts the sender behaviour of class from when it is not the current one; false when it has no outbound side.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Start(int from)
    {
        var behaviour = _classes[from].Behaviour;
        if (_behaviours[behaviour].Out is null)
            return false;
        if (behaviour != _sender)
            StartSender(behaviour);
        return true;
    }

    // The sender behaviour's egress to every class, the receivers' ingress bases, and the base row of its classes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartSender(int behaviour)
    {
        _sender = behaviour;
        _baseRowFilled = false;
        _aclBaseProfile = -1;
        var sender = _behaviours[behaviour];
        var links = _matrix.Links;
        var vpcs = _matrix.BehaviourVpc;
        var senderVpc = vpcs[behaviour];
        // Bases where the pair can connect at all: the rules for every ENI on both sides.
        for (var b = 0; b < _behaviours.Length; b++)
        {
            var connects = _inUniversal[b] != Never && _behaviours[b].Family == sender.Family && links[senderVpc, vpcs[b]] != VpcLink.None;
            _egressBase[b] = connects ? _outUniversal[behaviour] : Never;
            _ingressBase[b] = connects ? _inUniversal[b] : Never;
        }
        // Group references, where the link lets them match: the sender's rules reach the behaviours carrying the group,
        // and a receiver's rules referencing a group the sender carries admit it.
        var outbound = sender.Out!;
        for (var i = 0; i < outbound.RefGroups.Length; i++)
        {
            if (_carriers[outbound.RefGroups[i]] is not { } carriers)
                continue;
            var set = Id(outbound.RefSets[i]);
            foreach (var b in carriers)
            {
                if (_egressBase[b] != Never && links[senderVpc, vpcs[b]] == VpcLink.Full)
                    _egressBase[b] = Union(_egressBase[b], set);
            }
        }
        foreach (var g in sender.GroupNumbers)
        {
            if (_admitters[g] is not { } admitters)
                continue;
            foreach (var (b, set) in admitters)
            {
                if (_ingressBase[b] != Never && links[senderVpc, vpcs[b]] == VpcLink.Full)
                    _ingressBase[b] = Union(_ingressBase[b], set);
            }
        }
        // Egress: the base towards each behaviour, plus, for the classes in blocks the sender's rules name, what those
        // rules allow. Only those classes can make their behaviour's classes differ: the others are left as they are.
        foreach (var atom in _touched)
            _atomEgress[atom] = EmptyId;
        _touched.Clear();
        for (var i = 0; i < outbound.DistinguishingIds.Length; i++)
        {
            if (!_atomsInBlock.TryGetValue(outbound.DistinguishingIds[i], out var atoms))
                continue;
            var set = Id(outbound.DistinguishingSets[i]);
            foreach (var atom in atoms)
            {
                if (_atomEgress[atom] == EmptyId)
                {
                    _touched.Add(atom);
                    _atomLastBase[atom] = Unknown;
                }
                _atomEgress[atom] = Union(_atomEgress[atom], set);
            }
        }
        for (var b = 0; b < _behaviours.Length; b++)
        {
            // An egress of nothing (or never) leaves every cell of b empty, whatever b's ingress.
            _uniformEgress[b] = _egressBase[b];
            _memoIngress[b] = Unknown;
        }
        _split.Clear();
        foreach (var atom in _touched)
        {
            foreach (var c in _classesOfAtom[atom])
            {
                var b = _classBehaviour[c];
                var egress = _egressBase[b];
                if (egress != Never && _uniformEgress[b] != Unknown && EgressWithAtom(egress, atom) != egress)
                {
                    _uniformEgress[b] = Unknown;
                    _split.Add(b);
                }
            }
        }
        // The behaviours whose classes' egress differ: each class's, and alike after all when every class got the same.
        foreach (var b in _split)
        {
            var classes = _classesOf[b];
            var egress = _egressBase[b];
            foreach (var to in classes)
                _egress[to] = egress == Never ? Never : EgressWithAtom(egress, _classAtom[to]);
            var first = _egress[classes[0]];
            _uniformEgress[b] = first;
            foreach (var to in classes)
            {
                if (_egress[to] != first)
                    _uniformEgress[b] = Unknown;
            }
        }
        // The base row: one cell per behaviour whose classes are alike, one per class otherwise.
        for (var b = 0; b < _behaviours.Length; b++)
        {
            var uniform = _uniformEgress[b];
            var ingress = _ingressBase[b];
            if (uniform != Unknown)
            {
                // Senders one after the other often meet a receiving behaviour with the same bases.
                if (uniform != _lastBaseEgress[b] || ingress != _lastBaseIngress[b])
                    (_lastBaseEgress[b], _lastBaseIngress[b], _lastBaseCell[b]) = (uniform, ingress, uniform <= EmptyId ? EmptyId : Intersect(uniform, ingress));
                // Its classes' cells are written into _baseRow only when the whole row is asked (FullBaseRow).
                _baseOfBehaviour[b] = _lastBaseCell[b];
                continue;
            }
            _baseOfBehaviour[b] = Unknown;
            int lastEgress = Unknown, lastCell = EmptyId;
            foreach (var to in _classesOf[b])
            {
                var egress = _egress[to];
                if (egress <= EmptyId)
                {
                    _baseRow[to] = EmptyId;
                    continue;
                }
                if (egress != lastEgress)
                    (lastEgress, lastCell) = (egress, Intersect(egress, ingress));
                _baseRow[to] = lastCell;
            }
        }
    }

    // The egress base towards a class's behaviour with what the sender's rules for the blocks of its atom allow. Within
    // one sender the bases are few: the last one met per atom is remembered.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EgressWithAtom(int egressBase, int atom)
    {
        var extra = _atomEgress[atom];
        if (extra == EmptyId)
            return egressBase;
        if (_atomLastBase[atom] != egressBase)
            (_atomLastBase[atom], _atomLastEgress[atom]) = (egressBase, Union(egressBase, extra));
        return _atomLastEgress[atom];
    }
}
