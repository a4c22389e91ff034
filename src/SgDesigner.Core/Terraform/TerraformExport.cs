using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>The outcome of an export: the Terraform JSON, or the errors that refuse it.</summary>
/// <param name="Content">The <c>.tf.json</c> text, or null when <see cref="Errors"/> refuse the export.</param>
/// <param name="Errors">What makes the estate unexportable, at the same paths and in the same words as an edit's errors.</param>
/// <param name="Notes">What the user should know about the file (also in its top-level <c>"//"</c> comment).</param>
/// <param name="RulesStyleGroups">
/// Ids of the groups written wholly in rules style although their style is inline (they reference each other in a
/// cycle), in id order.
/// </param>
public sealed record TerraformExport(
    string? Content,
    ImmutableArray<ValidationError> Errors,
    ImmutableArray<string> Notes,
    ImmutableArray<string> RulesStyleGroups)
{
    /// <summary>True when the file was written.</summary>
    public bool IsOk => Content is not null;
}
