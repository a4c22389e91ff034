using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The walker's network-ACL layer (<see cref="AclMatrixLayer"/>): a cell is the security groups' cell intersected with
/// the ACL set between the sender's and the receiver's profiles. The layer's distinct ACL sets are few (a handful on the
/// 10,000-instance estate), so what a groups' cell becomes under each of them is remembered in a table per ACL set,
/// indexed by the cell's number: applying the ACLs to a cell costs an array read, and the fold applies them once per
/// receiving behaviour and ACL set, not once per receiving class.
/// </summary>
internal sealed partial class MatrixCellWalker
{
    // Above this many distinct ACL sets a table each would cost too much memory: the intersections' memo serves.
    private const int TabledAclSets = 64;
    // Network ACLs: class → profile; the layer's distinct ACL set number → this walker's set number (Unknown: not yet).
    private readonly AclMatrixLayer? _acl;
    private readonly int[] _classProfile = [];
    private int[] _aclIds = [];
    // Per ACL set number: groups' cell number → that cell with the ACL set applied (Unknown: not yet).
    private int[]?[] _withAcl = [];
    // The ACL numbers of the last sender profile asked (the layer's row), and that profile.
    private int[] _aclRow = [];
    private int _aclRowProfile = -1;
    // The base row with the ACLs of the sender's profile applied, and that profile (-1: none yet for this sender behaviour).
    private readonly int[] _aclBaseRow = [];
    private int _aclBaseProfile = -1;

    /// <summary>
    /// The number of the layer's distinct ACL set between class <paramref name="from"/>'s profile and class
    /// <paramref name="to"/>'s (<see cref="AclMatrixLayer.AllNumber"/>, everything, without an ACL layer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AclNumber(int from, int to)
    {
        if (_acl is null)
            return AclMatrixLayer.AllNumber;
        var sender = _classProfile[from];
        if (sender != _aclRowProfile)
            (_aclRowProfile, _aclRow) = (sender, _acl.Row(sender));
        return _acl.Cell(_aclRow, sender, _classProfile[to]);
    }

    /// <summary>The number of the groups' cell numbered <paramref name="cell"/> intersected with the layer's distinct ACL set numbered <paramref name="number"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int WithAcl(int cell, int number)
    {
        if (number == AclMatrixLayer.AllNumber || cell == EmptyId)
            return cell;
        // The table's cell when it is there; the rest of the work is rare.
        if ((uint)number < (uint)_withAcl.Length && _withAcl[number] is { } table && (uint)cell < (uint)table.Length && table[cell] is var known && known != Unknown)
            return known;
        return WithAclFirst(cell, number);
    }

    private int WithAclFirst(int cell, int number)
    {
        if (number >= TabledAclSets)
            return Intersect(cell, AclId(number));
        if (number >= _withAcl.Length)
            Array.Resize(ref _withAcl, Math.Min(TabledAclSets, Math.Max(number + 1, 2 * _withAcl.Length)));
        var table = _withAcl[number] ??= [];
        if (cell >= table.Length)
        {
            var grown = new int[Math.Max(cell + 1, Math.Max(1024, 2 * table.Length))];
            Array.Fill(grown, Unknown, table.Length, grown.Length - table.Length);
            table.CopyTo(grown, 0);
            _withAcl[number] = table = grown;
        }
        var result = table[cell];
        if (result == Unknown)
            table[cell] = result = Intersect(cell, AclId(number));
        return result;
    }

    // The groups' base row of the sender with the ACLs between the sender's profile and each receiving class's applied.
    private int[] AclBaseRow(int profile)
    {
        if (_aclBaseProfile == profile)
            return _aclBaseRow;
        _aclBaseProfile = profile;
        var acl = _acl!;
        var aclRow = acl.Row(profile);
        var groups = FullBaseRow();
        for (var to = 0; to < _aclBaseRow.Length; to++)
            _aclBaseRow[to] = WithAcl(groups[to], acl.Cell(aclRow, profile, _classProfile[to]));
        return _aclBaseRow;
    }

    // This walker's number of the layer's distinct ACL set.
    private int AclId(int number)
    {
        if (number >= _aclIds.Length)
        {
            var grown = new int[Math.Max(number + 1, _aclIds.Length * 2)];
            Array.Fill(grown, Unknown);
            _aclIds.CopyTo(grown, 0);
            _aclIds = grown;
        }
        var id = _aclIds[number];
        if (id == Unknown)
            _aclIds[number] = id = Id(_acl!.Distinct(number));
        return id;
    }
}
