using System.Collections.Immutable;
using System.Text;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Export;

/// <summary>What a policy revision can be exported as.</summary>
public enum ExportKind
{
    /// <summary>Terraform JSON, one resource per rule (<c>sgd export terraform --style rules</c>).</summary>
    TerraformRules,
    /// <summary>Terraform JSON, rules inline in their groups (<c>--style inline</c>).</summary>
    TerraformInline,
    /// <summary>The project's own policy document (cli.md, "Policy files").</summary>
    PolicyDocument,
}

/// <summary>A downloadable file.</summary>
/// <param name="FileName">The name the browser saves it under.</param>
/// <param name="Content">UTF-8 JSON text.</param>
public sealed record ExportFile(string FileName, string Content)
{
    /// <summary>The content as UTF-8 bytes.</summary>
    public byte[] Bytes => Encoding.UTF8.GetBytes(Content);

    /// <summary>What the user should know about a Terraform file (cycles written in rules style, default groups).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>Groups written in rules style although the style is inline (they reference each other in a cycle).</summary>
    public ImmutableArray<string> RulesStyleGroups { get; init; } = [];
}

/// <summary>An export: the file, or the validation errors that refuse it (the same paths and words as an edit's).</summary>
/// <param name="File">The file, or null when refused.</param>
/// <param name="Errors">Why the revision cannot be exported.</param>
public sealed record ExportOutcome(ExportFile? File, ImmutableArray<ValidationError> Errors);

/// <summary>
/// Writes a revision with Core's exporters (the same calls as <c>sgd export</c>) and names the file after the
/// policy and revision, so two downloads of different revisions never overwrite each other.
/// </summary>
public static class PolicyExport
{
    /// <summary>The download URL of <paramref name="kind"/> for revision <paramref name="revision"/> of a policy.</summary>
    public static string Url(Guid policyId, ExportKind kind, int revision, bool providerBlock = false) => kind switch
    {
        ExportKind.TerraformRules => $"/api/policies/{policyId}/export?format=terraform&style=rules&revision={revision}{(providerBlock ? "&provider=true" : "")}",
        ExportKind.TerraformInline => $"/api/policies/{policyId}/export?format=terraform&style=inline&revision={revision}{(providerBlock ? "&provider=true" : "")}",
        _ => $"/api/policies/{policyId}/export?format=document&revision={revision}",
    };

    /// <summary>The Terraform style of <paramref name="kind"/>, or null for the policy document.</summary>
    public static TerraformStyle? StyleOf(ExportKind kind) => kind switch
    {
        ExportKind.TerraformRules => TerraformStyle.Rules,
        ExportKind.TerraformInline => TerraformStyle.Inline,
        _ => null,
    };

    /// <summary>
    /// The file for <paramref name="kind"/> of a stored revision. Terraform is validated first, as an edit is
    /// (<see cref="TerraformExporter.TryExport"/>, the same call as <c>sgd export terraform</c>). The policy document
    /// carries the <paramref name="accepted"/> findings in force that fire in the revision, so <c>sgd lint</c> on the
    /// file counts what the web app counts.
    /// </summary>
    public static ExportOutcome Write(
        PolicySummary policy, RevisionContent revision, ExportKind kind, bool providerBlock = false,
        IReadOnlyList<AcceptedFinding>? accepted = null, DateTime? now = null)
    {
        var stem = $"{Slug(policy.Name)}-r{revision.Info.Number}";
        if (StyleOf(kind) is not { } style)
        {
            var inForce = accepted is { Count: > 0 }
                ? FindingTriage.Split(Linter.Lint(revision.Estate), accepted, now ?? DateTime.UtcNow).Accepted.Select(a => a.Acceptance).Distinct()
                : [];
            return new(new($"{stem}.policy.json", PolicyDocumentJson.Write(new PolicyDocument(
                policy.Name, string.IsNullOrEmpty(policy.Description) ? null : policy.Description, revision.Estate)
            {
                AcceptedFindings = [.. inForce],
            })), []);
        }
        var export = TerraformExporter.TryExport(revision.Estate, new TerraformExportOptions(style, providerBlock));
        if (!export.IsOk)
            return new(null, export.Errors);
        var name = style == TerraformStyle.Inline ? $"{stem}-inline.tf.json" : $"{stem}.tf.json";
        return new(new(name, export.Content!) { Notes = export.Notes, RulesStyleGroups = export.RulesStyleGroups }, []);
    }

    /// <summary>A file-name-safe form of a policy name: lower-case letters and digits joined by dashes.</summary>
    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "policy" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }
}
