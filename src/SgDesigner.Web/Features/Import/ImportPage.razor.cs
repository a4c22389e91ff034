using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Policies;

namespace SgDesigner.Web.Features.Import;

/// <summary>
/// Uploads AWS CLI output or a policy document, previews what it holds (counts, lint findings, import
/// warnings) and, on "Create policy", stores it as a new policy's first revision. Errors name the file, the
/// JSON path and the problem; nothing is stored until the preview is accepted.
/// </summary>
public partial class ImportPage
{
    private const int ShownProblems = 200;
    private const int ChunkBytes = 256 * 1024;

    [Inject]
    private PolicyEditor Editor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    private ImportPreview? Preview { get; set; }

    private bool Busy { get; set; }

    private string Stage { get; set; } = "";

    // Percent done while reading; null (indeterminate) while parsing and storing.
    private double? Progress { get; set; }

    private string? Name { get; set; }

    private string? Description { get; set; }

    private string? NameError { get; set; }

    private static List<BreadcrumbItem> Breadcrumbs => [new("Policies", "/"), new("Import", null, disabled: true)];

    private async Task ReadFilesAsync(InputFileChangeEventArgs e)
    {
        var chosen = e.FileCount > ImportReader.MaxFiles ? [] : e.GetMultipleFiles(ImportReader.MaxFiles);
        (Busy, Preview, NameError) = (true, null, null);
        try
        {
            Preview = e.FileCount > ImportReader.MaxFiles
                ? ImportPreview.Failed(new ValidationError("files", $"{e.FileCount} files chosen; at most {ImportReader.MaxFiles} can be imported at once"))
                : await ReadAsync(chosen);
            (Name, Description) = (Preview.SuggestedName, Preview.Description);
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task<ImportPreview> ReadAsync(IReadOnlyList<IBrowserFile> chosen)
    {
        if (chosen.Select(f => ImportReader.CheckSize(f.Name, f.Size)).FirstOrDefault(e => e is not null) is { } tooLarge)
            return ImportPreview.Failed(tooLarge);
        var total = Math.Max(1, chosen.Sum(f => f.Size));
        long done = 0;
        var files = new List<UploadedFile>();
        foreach (var file in chosen)
        {
            using var buffer = new MemoryStream((int)file.Size);
            await using var stream = file.OpenReadStream(ImportReader.MaxFileBytes);
            var chunk = new byte[ChunkBytes];
            int read;
            while ((read = await stream.ReadAsync(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                done += read;
                Report($"Reading {file.Name} ({files.Count + 1} of {chosen.Count})", 100.0 * done / total);
            }
            files.Add(new UploadedFile(file.Name, System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
        }
        Report($"Parsing {files.Count} file(s) and checking the estate", null);
        var now = Clock.GetUtcNow().UtcDateTime;
        // Off the circuit's dispatcher: a large estate takes a moment to read and lint.
        return await Task.Run(() => ImportReader.Read(files, now));
    }

    private async Task CreateAsync()
    {
        if (Preview is not { CanStore: true, Estate: { } estate })
            return;
        Busy = true;
        Report("Storing the new policy", null);
        var created = await Editor.CreateAsync(await Circuit.RequireAsync(), Name ?? "", Description, estate, "importing policies");
        Busy = false;
        if (created.IsOk)
        {
            Navigation.NavigateTo($"/policies/{created.Value.Id}");
            return;
        }
        var failure = created.Failure!;
        NameError = failure.Errors.FirstOrDefault(e => e.Path == "name")?.Message;
        if (NameError is null)
            Preview = Preview with { Errors = failure.Errors.IsEmpty ? [new ValidationError("store", failure.Message)] : failure.Errors };
    }

    private void Report(string stage, double? progress)
    {
        (Stage, Progress) = (stage, progress);
        StateHasChanged();
    }
}
