using System.Text;
using SgDesigner.Core.Documents;
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
}

/// <summary>
/// Writes a revision with Core's exporters (the same calls as <c>sgd export</c>) and names the file after the
/// policy and revision, so two downloads of different revisions never overwrite each other.
/// </summary>
public static class PolicyExport
{
    /// <summary>The download URL of <paramref name="kind"/> for revision <paramref name="revision"/> of a policy.</summary>
    public static string Url(Guid policyId, ExportKind kind, int revision) => kind switch
    {
        ExportKind.TerraformRules => $"/api/policies/{policyId}/export?format=terraform&style=rules&revision={revision}",
        ExportKind.TerraformInline => $"/api/policies/{policyId}/export?format=terraform&style=inline&revision={revision}",
        _ => $"/api/policies/{policyId}/export?format=document&revision={revision}",
    };

    /// <summary>The file for <paramref name="kind"/> of a stored revision.</summary>
    public static ExportFile Write(PolicySummary policy, RevisionContent revision, ExportKind kind)
    {
        var stem = $"{Slug(policy.Name)}-r{revision.Info.Number}";
        return kind switch
        {
            ExportKind.TerraformRules => new($"{stem}.tf.json", TerraformExporter.Export(revision.Estate, TerraformStyle.Rules)),
            ExportKind.TerraformInline => new($"{stem}-inline.tf.json", TerraformExporter.Export(revision.Estate, TerraformStyle.Inline)),
            _ => new($"{stem}.policy.json", PolicyDocumentJson.Write(new PolicyDocument(
                policy.Name, string.IsNullOrEmpty(policy.Description) ? null : policy.Description, revision.Estate))),
        };
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
