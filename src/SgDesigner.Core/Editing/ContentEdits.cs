using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>Edits of a draft's content as a whole.</summary>
public static class ContentEdits
{
    /// <summary>Replaces the whole content (an import), checked as imported data (see <see cref="EditCheck.Import"/>).</summary>
    public static EstateEdit Replace(Estate estate) => _ => EditCheck.Import(estate);

    /// <summary>
    /// Sets the policy's quotas (a value left null stays as it is), checked as a designer edit: values outside AWS's
    /// bounds (<see cref="Validation.AwsLimits"/>) are refused at <c>quotas.rulesPerDirection</c> or
    /// <c>quotas.groupsPerEni</c>, and so is a quota below what a group or interface already holds.
    /// </summary>
    public static EstateEdit SetQuotas(int? rulesPerDirection, int? groupsPerEni) => EditCheck.Checked(estate => EditResult.Ok(estate with
    {
        Quotas = new Quotas(rulesPerDirection ?? estate.Quotas.RulesPerDirection, groupsPerEni ?? estate.Quotas.GroupsPerEni),
    }));
}
