using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Import;

/// <summary>What an import would store, shown before anything is stored; or why it cannot be.</summary>
/// <param name="Estate">The estate read, or null when reading failed.</param>
/// <param name="Source">What was read, in words (file names).</param>
/// <param name="SuggestedName">A name for the new policy (the document's own, or a dated one).</param>
/// <param name="Description">A description for the new policy, or null.</param>
/// <param name="Warnings">Oddities kept or repaired, each at <c>file:$.json.path</c> or a model path.</param>
/// <param name="Errors">Problems that stop the import, each at <c>file:$.json.path</c>; empty when it can be stored.</param>
/// <param name="Findings">How many lint findings the estate has.</param>
public sealed record ImportPreview(
    Estate? Estate, string Source, string SuggestedName, string? Description,
    ImmutableArray<ValidationError> Warnings, ImmutableArray<ValidationError> Errors, int Findings)
{
    /// <summary>True when the estate can be stored as a new policy.</summary>
    public bool CanStore => Estate is not null && Errors.IsEmpty;

    /// <summary>What the estate holds, by kind, for the preview.</summary>
    public IReadOnlyList<(string Kind, int Count)> Counts => Estate is not { } e ? [] :
    [
        ("Security groups", e.Groups.Length),
        ("Rules", e.Groups.Sum(g => g.Rules.Length)),
        ("Instances", e.Instances.Length),
        ("Network interfaces", e.NetworkInterfaces.Length),
        ("Prefix lists", e.PrefixLists.Length),
        ("VPCs", e.Vpcs.Length),
        ("Subnets", e.Subnets.Length),
    ];

    /// <summary>A failed read.</summary>
    public static ImportPreview Failed(ValidationError error, ImmutableArray<ValidationError> warnings = default) =>
        new(null, "", "", null, warnings.IsDefault ? [] : warnings, [error], 0);
}
