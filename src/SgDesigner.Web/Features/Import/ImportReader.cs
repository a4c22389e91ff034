using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Import;

/// <summary>One uploaded file, already read as text.</summary>
/// <param name="Name">The file's name as the user chose it; every message about the file names it.</param>
/// <param name="Text">Its content.</param>
public sealed record UploadedFile(string Name, string Text);

/// <summary>
/// Turns uploaded files into a previewed estate with Core's readers, the same ones <c>sgd import aws</c> and the
/// policy file loader use: one policy document on its own, or any number of AWS CLI <c>describe-*</c> outputs
/// read together (groups with the instances and ENIs that use them). Nothing is stored here.
/// </summary>
public static class ImportReader
{
    /// <summary>The largest file accepted: the API's request limit, which a 20,000-rule estate fits.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The most files read together from one choice in a page (the import, a deployed snapshot).</summary>
    public const int MaxFiles = 20;

    /// <summary>
    /// What a page's file chooser lets through to its handler: all of them, so that the handler says how many were chosen
    /// against <see cref="MaxFiles"/>. Past its own MaximumFileCount, MudFileUpload drops the choice without calling the handler,
    /// and its message does not show under a custom button: nothing happens at all.
    /// </summary>
    public const int ChooserLimit = int.MaxValue;

    /// <summary>Refuses a file over <see cref="MaxFileBytes"/> before it is read; null when it may be read.</summary>
    public static ValidationError? CheckSize(string fileName, long bytes) =>
        bytes <= MaxFileBytes ? null : new ValidationError(
            $"{fileName}:$",
            string.Create(CultureInfo.InvariantCulture, $"the file is {bytes / 1048576.0:0.0} MB; the limit is {MaxFileBytes / 1048576} MB per file"));

    /// <summary>Reads the files; <paramref name="now"/> dates the suggested name of an AWS import.</summary>
    public static ImportPreview Read(IReadOnlyList<UploadedFile> files, DateTime now)
    {
        if (files.Count == 0)
            return ImportPreview.Failed(new ValidationError("files", "choose at least one file"));
        var documents = files.Where(f => IsPolicyDocument(f.Text)).ToList();
        if (documents.Count > 0 && files.Count > 1)
            return ImportPreview.Failed(new ValidationError(
                $"{documents[0].Name}:$", "a policy document is imported on its own, not together with other files"));
        var preview = documents.Count == 1 ? ReadDocument(documents[0]) : ReadAws(files, now);
        return preview.Estate is { } estate && ReviewByProblems(estate, DateOnly.FromDateTime(now)) is { IsEmpty: false } problems
            ? preview with { Errors = [.. preview.Errors, .. problems], Findings = 0 }
            : preview;
    }

    /// <summary>Review-by dates out of <see cref="RuleMetadata.ReviewByProblem"/>'s window: an import is typed now, as the
    /// API's and the panel's dates are (the readers themselves take any date, so that stored snapshots stay readable).</summary>
    private static ImmutableArray<ValidationError> ReviewByProblems(Estate estate, DateOnly today) =>
    [
        .. estate.Groups.SelectMany(g => g.Rules
            .Where(r => r.Metadata.ReviewBy is { } due && RuleMetadata.ReviewByProblem(due, today) is not null)
            .Select(r => new ValidationError($"groups[{g.Id}].rules[{r.Id}].{RuleMetadata.Fields.ReviewBy}", RuleMetadata.ReviewByProblem(r.Metadata.ReviewBy!.Value, today)!))),
    ];

    private static ImportPreview ReadDocument(UploadedFile file)
    {
        var read = PolicyDocumentJson.Read(file.Text);
        var warnings = read.Warnings.Select(w => InFile(file.Name, w)).ToImmutableArray();
        if (read.Document is not { } document)
            return ImportPreview.Failed(InFile(file.Name, read.Error!), warnings);
        // Checked as imported data, as the store will: what AWS itself lets happen only warns.
        var check = EstateValidator.Check(document.Estate, EstateValidationMode.Import);
        return Preview(
            document.Estate, $"policy document {file.Name}", document.Name, document.Description,
            [.. warnings, .. check.Warnings.Select(w => InFile(file.Name, w))],
            [.. check.Errors.Select(e => InFile(file.Name, e))]);
    }

    private static ImportPreview ReadAws(IReadOnlyList<UploadedFile> files, DateTime now)
    {
        var result = AwsCliImporter.Import(files.Select(f => new AwsCliFile(f.Name, f.Text)));
        if (result.Estate is not { } estate)
            return ImportPreview.Failed(result.Error ?? new ValidationError("files", "the import failed"), result.Warnings);
        var names = string.Join(", ", files.Select(f => f.Name));
        return Preview(
            estate, $"AWS CLI output ({names})",
            string.Create(CultureInfo.InvariantCulture, $"AWS import {now:yyyy-MM-dd HH:mm}"),
            $"Imported from the AWS CLI output in {names}", result.Warnings, result.Errors);
    }

    private static ImportPreview Preview(
        Estate estate, string source, string name, string? description, ImmutableArray<ValidationError> warnings, ImmutableArray<ValidationError> errors)
    {
        return new(estate, source, name, description, warnings, errors, errors.IsEmpty ? Linter.Lint(estate).Length : 0);
    }

    // A policy document announces itself with "schemaVersion"; anything else (including malformed JSON, which
    // the AWS reader reports with its line and column) is read as AWS CLI output.
    private static bool IsPolicyDocument(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("schemaVersion", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ValidationError InFile(string fileName, ValidationError error) =>
        error.Path.StartsWith('$') ? error with { Path = $"{fileName}:{error.Path}" } : error with { Path = $"{fileName}: {error.Path}" };
}
