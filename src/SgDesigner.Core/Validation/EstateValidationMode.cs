namespace SgDesigner.Core.Validation;

/// <summary>How strictly an estate is checked.</summary>
public enum EstateValidationMode
{
    /// <summary>
    /// Input typed into the designer: everything AWS would refuse is an error, including a reference
    /// to a group or prefix list that does not exist.
    /// </summary>
    Designer,

    /// <summary>
    /// Data imported from a real account: what AWS itself let happen (stale references, raised quotas,
    /// hand-edited samples with clashing names or addresses outside their subnet) is only a warning,
    /// so the import keeps the data as it is.
    /// </summary>
    Import,
}
