using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.AwsCli;

/// <summary>One AWS CLI output file, read by the caller (Core does no I/O).</summary>
/// <param name="FileName">The name to show in messages; also used to detect the kind.</param>
/// <param name="Json">The file's text.</param>
/// <param name="Kind">The kind when the caller knows it (e.g. from <c>--security-groups</c>); otherwise detected.</param>
public sealed record AwsCliFile(string FileName, string Json, AwsCliFileKind? Kind = null);

/// <summary>The outcome of an AWS CLI import: an estate and warnings, or the error that stopped it.</summary>
/// <param name="Estate">The imported estate, or null when <see cref="Error"/> is set.</param>
/// <param name="Warnings">Oddities kept or repaired (stale references, masked CIDRs, renamed duplicate ids…).
/// Paths are <c>file:$.json.path</c> or, for checks of the whole estate, model paths.</param>
/// <param name="Error">What stopped the import: <c>file:$.json.path</c> and the problem.</param>
public sealed record AwsImportResult(Estate? Estate, ImmutableArray<ValidationError> Warnings, ValidationError? Error)
{
    /// <summary>True when the import produced an estate.</summary>
    public bool IsOk => Estate is not null;

    /// <summary>
    /// What even imported data may not hold (control characters, text longer than AWS allows, quotas out of AWS's
    /// bounds, malformed rules), each at its model path; the estate is read but must not be stored or written.
    /// </summary>
    public ImmutableArray<ValidationError> Errors { get; init; } = [];
}
