using System.Numerics;
using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

internal sealed partial class AggregationRun
{
    /// <summary>
    /// One thread's fold: its walker, and per (row, column) aggregate the pairs allowed and which cells (the walker's
    /// set numbers, one bit each) were met: the union of hundreds of distinct cells is made once, at the end.
    /// </summary>
    /// <remarks>
    /// The base row of a sender behaviour and ACL profile is folded per column aggregate in two layers. The first
    /// (<see cref="_stable"/>) is the row of every profile of one ACL key (<see cref="AclMatrixLayer.KeyOf"/>: the same
    /// ACL rules, ACL atom and client ports) as if no receiver shared the sender's subnet; it is folded once per sender
    /// behaviour and key (one key without network ACLs), a receiving behaviour and ACL set at a time, and once for the
    /// keys that get the same ACL sets towards every receiving profile (<see cref="FoldsAs"/>: on the 10,000-instance
    /// estate, a Windows client's key and a Linux client's, whose replies the ACLs allow alike; 3 keys fold as 2). The
    /// second (<see cref="_varying"/>), per sender subnet and key folded as, adds what the receivers in the sender's own
    /// subnet get beyond it: they cross no ACL, so their cells only grow, and a grown cell counts wherever the smaller one
    /// did and is met with it (the union keeps the larger).
    /// </remarks>
    private sealed partial class SenderFold
    {
        private readonly AggregationRun _run;
        private readonly MatrixCellWalker _walker;
        private readonly AclMatrixLayer? _acl;
        private readonly int[] _classBehaviour;
        private readonly int[] _profile;
        private readonly Member[]?[] _rowsOf;
        private readonly Member[]?[] _columnsOf;
        private readonly int _columnCount;
        private readonly long[] _allowed;     // per (row, column), row-major
        private readonly long[] _rowCount;    // per column aggregate: the receiving ENIs a class's row allows
        private readonly bool[] _baseGiven;   // per row aggregate: the base row's cells are marked in it
        private readonly int[] _overrideTo;
        private readonly int[] _overrideCell;
        private readonly int[] _ownCells;     // the class's cells with its own behaviour's classes, by position
        private sbyte[] _counts = [];         // walker set number → 1 counts, 2 not, 0 not known yet
        // The cells met, one bit per set number, per (row, column); the base row's two layers per column.
        private int _words;
        private ulong[] _met;
        private readonly BaseLayer _stable;
        private readonly BaseLayer _varying;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public SenderFold(AggregationRun run, MatrixCellWalker walker)
        {
            _run = run;
            _walker = walker;
            _acl = run._matrix.Acl;
            var infos = run._matrix.ClassInfos;
            _classBehaviour = [.. infos.Select(i => i.Behaviour)];
            _profile = [.. infos.Select(i => i.Profile)];
            (_rowsOf, _columnsOf) = (run._rows.PerClass, run._columns.PerClass);
            _columnCount = run._columnCount;
            _allowed = new long[run._rowCount * _columnCount];
            _rowCount = new long[_columnCount];
            _baseGiven = new bool[run._rowCount];
            (_overrideTo, _overrideCell) = (new int[infos.Length], new int[infos.Length]);
            _ownCells = new int[run._classesOf.Max(c => c.Length)];
            // A walker handed back by an earlier fold has numbered (nearly) every set already.
            _words = Math.Max(1, (walker.SetCount + 63) / 64);
            _met = new ulong[_allowed.Length * _words];
            (_stable, _varying) = (new BaseLayer(_columnCount, _words), new BaseLayer(_columnCount, _words));
        }

        /// <summary>Folds the classes of one sender behaviour (those in a row aggregate, in the order of <see cref="Senders"/>).</summary>
        // Fully optimised from the first call, as the helpers below: the first folds of a matrix are the ones people wait for.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Sender(int[] classes)
        {
            for (var i = 0; i < classes.Length; i++)
            {
                // The first layer is the same for the keys that fold alike; the second, for their profiles in one subnet.
                var stable = i == 0 || _run.FoldsAs(_run._key[classes[i]]) != _run.FoldsAs(_run._key[classes[i - 1]]);
                if (stable)
                    Stable(classes[i]);
                if (stable || _run._subnet[classes[i]] != _run._subnet[classes[i - 1]])
                    Varying(classes[i]);
                Class(classes[i]);
            }
        }

        /// <summary>Its walker.</summary>
        public MatrixCellWalker Walker => _walker;

        /// <summary>Every cell met in some (row, column).</summary>
        public IEnumerable<TrafficSet> CellsMet()
        {
            var any = new ulong[_words];
            for (var i = 0; i < _allowed.Length; i++)
            {
                var bits = _met.AsSpan(i * _words, _words);
                for (var w = 0; w < _words; w++)
                    any[w] |= bits[w];
            }
            for (var w = 0; w < any.Length; w++)
            {
                for (var word = any[w]; word != 0; word &= word - 1)
                    yield return _walker.Set(w * 64 + BitOperations.TrailingZeroCount(word));
            }
        }

        /// <summary>
        /// Adds, per (row, column), the pairs to <paramref name="allowed"/> and the cells met to <paramref name="unions"/>
        /// (<paramref name="pieces"/>' words per cell), or marks <paramref name="all"/> where one of them is everything.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddTo(long[] allowed, TrafficSet.Pieces pieces, ulong[] unions, bool[] all)
        {
            var bitsOf = new ulong[]?[_words * 64];
            for (var i = 0; i < allowed.Length; i++)
            {
                allowed[i] += _allowed[i];
                var union = unions.AsSpan(i * pieces.Words, pieces.Words);
                var met = _met.AsSpan(i * _words, _words);
                for (var w = 0; w < met.Length; w++)
                {
                    for (var word = met[w]; word != 0; word &= word - 1)
                    {
                        var id = w * 64 + BitOperations.TrailingZeroCount(word);
                        var set = _walker.Set(id);
                        if (set.IsAll)
                        {
                            all[i] = true;
                            continue;
                        }
                        var bits = bitsOf[id] ??= pieces.BitsOf(set);
                        for (var k = 0; k < bits.Length; k++)
                            union[k] |= bits[k];
                    }
                }
            }
        }

        // The first layer of the base row of the sender class's behaviour and ACL key, per column aggregate: a receiving
        // behaviour and ACL set at a time where its classes' groups' cells are alike, else class by class.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Stable(int from)
        {
            var byBehaviour = _walker.BaseByBehaviour(from);
            var groups = _walker.GroupsBaseRow(from);
            var own = _classBehaviour[from];
            var key = _run._key[from];
            var parts = _run.PartsOf(key);
            var acrossRow = _acl?.AcrossRow(key);
            _stable.Clear();
            for (var b = 0; b < byBehaviour.Length; b++)
            {
                var alike = byBehaviour[b];
                if (alike == SetNumbers.Empty || parts[b] is not { } behaviourParts)
                    continue;
                if (alike != MatrixCellWalker.Various)
                {
                    foreach (var (acl, members) in behaviourParts)
                    {
                        var cell = _walker.WithAcl(alike, acl);
                        if (Counts(cell))
                            _stable.Add(members, cell, b != own, _words, counted: true);
                    }
                    continue;
                }
                // Neighbouring classes mostly repeat the groups' cell and the ACL set: the last cell is remembered.
                int lastGroups = -1, lastAcl = -1, last = SetNumbers.Empty;
                foreach (var to in _run._columnClassesOf[b])
                {
                    var acl = acrossRow is null ? AclMatrixLayer.AllNumber : _acl!.AcrossCell(acrossRow, key, _profile[to]);
                    if (groups[to] != lastGroups || acl != lastAcl)
                        (lastGroups, lastAcl, last) = (groups[to], acl, _walker.WithAcl(groups[to], acl));
                    if (Counts(last))
                        _stable.Add(_columnsOf[to]!, last, b != own, _words, counted: true);
                }
            }
        }

        // The second layer, per sender subnet and the key its profile folds as: the receiving classes in the sender's own
        // subnet cross no ACL, where the first layer gave them the ACL set across subnets.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Varying(int from)
        {
            _varying.Clear();
            Array.Clear(_baseGiven);
            if (_acl is null)
                return;
            var byBehaviour = _walker.BaseByBehaviour(from);
            var groups = _walker.GroupsBaseRow(from);
            var own = _classBehaviour[from];
            var key = _run._key[from];
            var acrossRow = _acl.AcrossRow(key);
            foreach (var profile in _acl.SameSubnet(_profile[from]))
            {
                var across = _acl.AcrossCell(acrossRow, key, profile);
                if (across == AclMatrixLayer.AllNumber)
                    continue;
                foreach (var to in _run._columnClassesOfProfile[profile])
                {
                    var b = _classBehaviour[to];
                    var cell = byBehaviour[b] is var alike && alike != MatrixCellWalker.Various ? alike : groups[to];
                    // Counted in the first layer only where the cell across subnets (a subset) counts; met here anyway.
                    if (Counts(cell))
                        _varying.Add(_columnsOf[to]!, cell, b != own, _words, counted: !Counts(_walker.WithAcl(cell, across)));
                }
            }
        }

        // One sender class: its base row's counts corrected by its overrides, then added to each of its row aggregates.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Class(int from)
        {
            var rows = _rowsOf[from]!;
            foreach (var (r, _) in rows)
            {
                if (_baseGiven[r])
                    continue;
                _baseGiven[r] = true;
                // The base row's few distinct cells: only the words they set.
                var at = r * _columnCount * _words;
                _stable.MarkInto(_met, at);
                _varying.MarkInto(_met, at);
            }
            var ownBehaviour = _classBehaviour[from];
            var own = _run._classesOf[ownBehaviour];
            for (var k = 0; k < own.Length; k++)
                _ownCells[k] = _walker.BaseCell(from, own[k]);
            for (var c = 0; c < _rowCount.Length; c++)
                _rowCount[c] = _stable.Count[c] + _varying.Count[c];
            var count = _walker.Overrides(from, _overrideTo, _overrideCell);
            for (var i = 0; i < count; i++)
            {
                var (to, cell) = (_overrideTo[i], _overrideCell[i]);
                if (to >= 0)
                {
                    var foreign = _classBehaviour[to] != ownBehaviour;
                    if (!foreign)
                        _ownCells[_run._position[to]] = cell;
                    if (_columnsOf[to] is { } columns && Counts(cell))
                        Override(rows, columns, cell, Counts(_walker.BaseCell(from, to)), foreign);
                    continue;
                }
                // Every class of a behaviour whose groups' base cells are alike: the groups' cell, under each ACL set.
                var behaviour = -1 - to;
                if (behaviour == ownBehaviour)
                {
                    for (var k = 0; k < own.Length; k++)
                        _ownCells[k] = _walker.WithAcl(cell, _walker.AclNumber(from, own[k]));
                }
                var baseCell = _walker.BaseByBehaviour(from)[behaviour];
                if (_acl is null)
                {
                    if (_run._columnsOfBehaviour[behaviour] is { } columns && Counts(cell))
                        Override(rows, columns, cell, Counts(baseCell), behaviour != ownBehaviour);
                    continue;
                }
                // Each ACL set across subnets at once, as in the base row; then the classes in the sender's subnet, which
                // cross no ACL, corrected.
                foreach (var (acl, columns) in _run.PartsOf(_run._key[from])[behaviour] ?? [])
                {
                    var grown = _walker.WithAcl(cell, acl);
                    if (Counts(grown))
                        Override(rows, columns, grown, Counts(_walker.WithAcl(baseCell, acl)), behaviour != ownBehaviour);
                }
                if (_run._subnet[from] >= 0 && Array.IndexOf(_run._columnSubnetsOf[behaviour], _run._subnet[from]) is var at && at >= 0)
                    OwnSubnet(from, rows, _run._columnClassesInSubnet[behaviour][at], cell, baseCell, behaviour != ownBehaviour);
            }
            // The classes of the sender's own behaviour: each other class's cell is met; the class's own cell only where
            // two distinct ENIs of it are paired.
            var self = SetNumbers.Empty;
            for (var k = 0; k < own.Length; k++)
            {
                var cell = _ownCells[k];
                if (own[k] == from)
                    self = cell;
                else if (_columnsOf[own[k]] is { } columns && Counts(cell))
                {
                    foreach (var (c, _) in columns)
                        Meet(rows, c, cell);
                }
            }
            var both = Counts(self) && _columnsOf[from] is not null ? _run.SelfPairs(from) : null;
            foreach (var (r, inRow) in rows)
            {
                var at = r * _columnCount;
                for (var c = 0; c < _columnCount; c++)
                    _allowed[at + c] += inRow * _rowCount[c];
                if (both is null)
                    continue;
                foreach (var (c, inColumn) in _columnsOf[from]!)
                {
                    var alone = both.GetValueOrDefault((r, c));
                    _allowed[at + c] -= alone;
                    if (inRow * inColumn > alone)
                        Mark(_met, at + c, self);
                }
            }
        }

        // A behaviour's override (its groups' cell grown from baseCell) for its classes in the sender's subnet, which the
        // override across subnets gave the ACL set across subnets: they cross no ACL. What that added is taken back and
        // what they add is added; the cell across subnets met there is a subset of the one met here.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void OwnSubnet(int from, Member[] rows, int[] classes, int cell, int baseCell, bool foreign)
        {
            var key = _run._key[from];
            var acrossRow = _acl!.AcrossRow(key);
            var grows = Counts(cell) && !Counts(baseCell);
            foreach (var to in classes)
            {
                // Without an ACL across subnets either, the override across subnets was already theirs.
                var across = _acl.AcrossCell(acrossRow, key, _profile[to]);
                if (across == AclMatrixLayer.AllNumber)
                    continue;
                var added = Counts(_walker.WithAcl(cell, across)) && !Counts(_walker.WithAcl(baseCell, across));
                var delta = (grows ? 1 : 0) - (added ? 1 : 0);
                foreach (var (c, n) in _columnsOf[to]!)
                {
                    _rowCount[c] += delta * n;
                    if (foreign && Counts(cell))
                        Meet(rows, c, cell);
                }
            }
        }

        // An override of a base cell (a superset of it: it counts wherever the base cell did, and maybe where it did
        // not), counting and met in the columns of the classes it stands for.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Override(Member[] rows, Member[] columns, int cell, bool counted, bool foreign)
        {
            foreach (var (c, n) in columns)
            {
                if (!counted)
                    _rowCount[c] += n;
                if (foreign)
                    Meet(rows, c, cell);
            }
        }

        // The cell is met in column c by every row aggregate of the sender class.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Meet(Member[] rows, int c, int cell)
        {
            foreach (var (r, _) in rows)
                Mark(_met, r * _columnCount + c, cell);
        }

        private void Mark(ulong[] bits, int index, int cell) => bits[index * _words + (cell >> 6)] |= 1UL << cell;

        // Whether the set (the walker's number) counts: non-empty, and holding the filtered traffic when there is a filter.
        // Every set that reaches the bits passes here first: the bits grow with the walker's numbers.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Counts(int id)
        {
            if (id == SetNumbers.Empty)
                return false;
            if (id >= _words * 64)
                Grow(id);
            if (_run._filter is not { } traffic)
                return true;
            if (id >= _counts.Length)
                Array.Resize(ref _counts, Math.Max(id + 1, 2 * _counts.Length));
            if (_counts[id] == 0)
                _counts[id] = (sbyte)(_walker.Set(id).Contains(traffic) ? 1 : 2);
            return _counts[id] == 1;
        }

        private void Grow(int id)
        {
            var words = Math.Max(2 * _words, id / 64 + 1);
            var wider = new ulong[_met.Length / _words * words];
            for (var i = 0; i < _met.Length / _words; i++)
                _met.AsSpan(i * _words, _words).CopyTo(wider.AsSpan(i * words));
            _met = wider;
            _stable.Widen(words);
            _varying.Widen(words);
            _words = words;
        }
    }
}
