using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>The outcome of checking an estate: errors that make it unusable and warnings to show.</summary>
/// <param name="Errors">Problems AWS would refuse (in the chosen mode).</param>
/// <param name="Warnings">Problems the user should know about that do not block saving.</param>
public sealed record EstateValidation(ImmutableArray<ValidationError> Errors, ImmutableArray<ValidationError> Warnings)
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.IsEmpty;
}
