using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The rows and cells read from the walker: a sender class's whole row, its base row (what every class of its behaviour
/// has at least), one base cell, and the base cell per receiving behaviour that the fold reads.
/// </summary>
internal sealed partial class MatrixCellWalker
{
    /// <summary>
    /// Fills <paramref name="row"/> (one entry per class) with the number of what <paramref name="from"/> may open to
    /// each class; <see cref="EmptyId"/> where nothing. False when the whole row is empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool FillRow(int from, int[] row)
    {
        BaseRow(from).CopyTo(row);
        var count = Overrides(from, _overrideTo, _overrideCell);
        for (var i = 0; i < count; i++)
        {
            if (_overrideTo[i] >= 0)
                row[_overrideTo[i]] = _overrideCell[i];
            else
            {
                foreach (var to in _classesOf[-1 - _overrideTo[i]])
                    row[to] = WithAcl(_overrideCell[i], AclNumber(from, to));
            }
        }
        return row.AsSpan().ContainsAnyExcept(EmptyId);
    }

    /// <summary>
    /// The row every class of <paramref name="from"/>'s behaviour (and, with network ACLs, of its ACL profile) has at
    /// least: <paramref name="from"/>'s own row is this with the cells of <see cref="Overrides"/>, each a superset of
    /// the cell it replaces. Valid until the next call for another sender behaviour or profile. With network ACLs it
    /// costs a pass over every class per profile: the fold asks <see cref="BaseByBehaviour"/> and <see cref="BaseCell"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<int> BaseRow(int from)
    {
        if (!Start(from))
            return _noRow;
        return _acl is null ? FullBaseRow() : AclBaseRow(_classes[from].Profile);
    }

    /// <summary>
    /// The security groups' cells of <paramref name="from"/>'s base row, before network ACLs (<see cref="BaseRow"/> without
    /// an ACL layer). Valid until the next call for another sender behaviour.
    /// </summary>
    /// <remarks>Holds only the cells of the behaviours that <see cref="BaseByBehaviour"/> gives as <see cref="Various"/>: the
    /// others' are that cell, and a sender behaviour has thousands of them.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> GroupsBaseRow(int from) => Start(from) ? _baseRow : _noRow;

    // _baseRow with the cells of the behaviours whose classes are alike written in.
    private int[] FullBaseRow()
    {
        if (_baseRowFilled)
            return _baseRow;
        _baseRowFilled = true;
        for (var b = 0; b < _behaviours.Length; b++)
        {
            if (_baseOfBehaviour[b] is var cell && cell != Unknown)
            {
                foreach (var to in _classesOf[b])
                    _baseRow[to] = cell;
            }
        }
        return _baseRow;
    }

    /// <summary>The cell of class <paramref name="to"/> in <paramref name="from"/>'s <see cref="BaseRow"/>, without making that row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int BaseCell(int from, int to)
    {
        if (!Start(from))
            return EmptyId;
        var cell = _baseOfBehaviour[_classBehaviour[to]] is var alike && alike != Unknown ? alike : _baseRow[to];
        return _acl is null ? cell : WithAcl(cell, AclNumber(from, to));
    }

    /// <summary>In <see cref="BaseByBehaviour"/>: the behaviour's classes have different base cells.</summary>
    public const int Various = Unknown;

    /// <summary>
    /// Per receiving behaviour, the security groups' cell that all its classes have in <paramref name="from"/>'s base
    /// row, before network ACLs; <see cref="Various"/> where they differ. A class c of behaviour b has
    /// <see cref="WithAcl"/>(this[b], <see cref="AclNumber"/>(from, c)) in <see cref="BaseRow"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> BaseByBehaviour(int from) => Start(from) ? _baseOfBehaviour : _emptyPerBehaviour;

    /// <summary>The classes of behaviour <paramref name="behaviour"/>.</summary>
    public int[] ClassesOf(int behaviour) => _classesOf[behaviour];
}
