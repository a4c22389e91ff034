using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>The outcome of reading Terraform JSON: the groups as an estate, or the first problem at its JSON path.</summary>
/// <param name="Estate">Groups and rules (with the VPCs they name), or null when <see cref="Error"/> is set.</param>
/// <param name="Warnings">Things skipped or guessed, each at its JSON path.</param>
/// <param name="Error">What stopped the import and where, or null.</param>
public sealed record TerraformImportResult(Estate? Estate, ImmutableArray<ValidationError> Warnings, ValidationError? Error)
{
    /// <summary>True when the file was read.</summary>
    public bool IsOk => Estate is not null;
}
