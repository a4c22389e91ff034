using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>Edits of a draft's content as a whole.</summary>
public static class ContentEdits
{
    /// <summary>Replaces the whole content (an import), checked as imported data (see <see cref="EditCheck.Import"/>).</summary>
    public static EstateEdit Replace(Estate estate) => _ => EditCheck.Import(estate);
}
