using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Documents;

/// <summary>A named policy: the unit that is saved, exported, imported and versioned.</summary>
/// <param name="Name">The policy's name.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Estate">Everything the policy describes.</param>
public sealed record PolicyDocument(string Name, string? Description, Estate Estate)
{
    /// <summary>The version of the JSON format this code writes (and the newest it reads).</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// Findings the policy's team accepted, with the reason (optional <c>acceptedFindings</c> in the JSON, written only
    /// when there are some, so documents without acceptances are unchanged). <c>sgd lint</c> reports them as accepted.
    /// </summary>
    public ImmutableArray<AcceptedFinding> AcceptedFindings { get; init; } = [];

    /// <summary>Value equality, the accepted findings compared element by element (an ImmutableArray compares by reference).</summary>
    public bool Equals(PolicyDocument? other) =>
        other is not null && Name == other.Name && Description == other.Description && Estate.Equals(other.Estate) &&
        AcceptedFindings.SequenceEqual(other.AcceptedFindings);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Description, Estate, AcceptedFindings.Length);
}

/// <summary>The outcome of reading a policy document: the document, or the first problem at its JSON path.</summary>
/// <param name="Document">The document, or null when <see cref="Error"/> is set.</param>
/// <param name="Error">What was wrong and where (<c>$.groups[2].rules[0].fromPort</c>), or null.</param>
/// <param name="Warnings">Accepted oddities, e.g. CIDRs with host bits set that were masked.</param>
public sealed record PolicyDocumentReadResult(PolicyDocument? Document, ValidationError? Error, IReadOnlyList<ValidationError> Warnings)
{
    /// <summary>True when the document was read.</summary>
    public bool IsOk => Document is not null;
}
