using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Drift;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Drift;

/// <summary>
/// The drift view (<c>/policies/{id}/drift[/{snapshotId}]</c>, issue 18): a deployed snapshot (the newest by default, or
/// uploaded here) against a revision (the newest by default, or <c>?revision=</c>), in flows as a change request shows
/// them (<see cref="ChangeTabs"/>: opened = deployed but not designed) and in rules; a deployed-only rule can be adopted
/// into the user's draft, so it goes through review.
/// </summary>
public partial class DriftPage
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private DeployedSnapshotStore SnapshotStore { get; set; } = default!;

    [Inject]
    private DriftComparisons Comparisons { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    /// <summary>The snapshot, from the route; the newest when null.</summary>
    [Parameter]
    public Guid? SnapshotId { get; set; }

    /// <summary>The revision to compare, from <c>?revision=</c>; the newest when left out.</summary>
    [SupplyParameterFromQuery(Name = "revision")]
    public string? RevisionText { get; set; }

    // The revision's number as parsed from RevisionText; the newest when null.
    private int? Revision { get; set; }

    private PolicySummary? Summary { get; set; }

    private string? Problem { get; set; }

    private bool CanEdit { get; set; }

    private bool Busy { get; set; }

    private IReadOnlyList<ValidationError> UploadErrors { get; set; } = [];

    private IReadOnlyList<DeployedSnapshotInfo> Snapshots { get; set; } = [];

    private IReadOnlyList<int> Revisions { get; set; } = [];

    private DriftComparison? Comparison { get; set; }

    private DeploymentDrift? Drift => Comparison?.Drift;

    private ImpactView? Impact { get; set; }

    private IdNames Names { get; set; } = IdNames.Of();

    private List<(string GroupId, string GroupName, Rule Rule)> DeployedOnly { get; set; } = [];

    private AdoptedRule? Adopted { get; set; }

    private string? AdoptError { get; set; }

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Drift", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var caller = await Circuit.RequireAsync();
        var summary = await caller.ViewPolicyAsync(Access, Store, PolicyId);
        (var revision, Problem) = PageQuery.WholeNumber(RevisionText, "revision", 1);
        if (!summary.IsOk || Problem is not null)
        {
            Problem = summary.Failure?.Message ?? Problem;
            return;
        }
        (Summary, Revision) = (summary.Value, revision);
        CanEdit = await Access.MayAsync(caller.UserId, PolicyAction.Edit, PolicyId, caller.Token);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        (Comparison, Impact, DeployedOnly) = (null, null, []);
        var list = await SnapshotStore.ListAsync(PolicyId);
        Snapshots = list.IsOk ? list.Value : [];
        var revisions = await Store.ListRevisionsAsync(PolicyId);
        Revisions = revisions.IsOk ? [.. revisions.Value.Select(r => r.Number).OrderDescending()] : [];
        if (Snapshots.Count == 0)
            return;
        var comparison = await Comparisons.CompareAsync(PolicyId, SnapshotId, Revision);
        if (!comparison.IsOk)
        {
            Problem = comparison.Failure!.Message;
            return;
        }
        var drift = comparison.Value.Drift;
        Names = IdNames.Of(drift.Designed, drift.Deployed);
        Impact = await Task.Run(() => ImpactView.From(ChangeImpact.Analyze(drift.Designed, drift.Deployed), comparison.Value.Revision, 0, Names));
        DeployedOnly = [.. DriftComparisons.DeployedOnly(drift)];
        Comparison = comparison.Value;
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        (Busy, UploadErrors, Adopted, AdoptError) = (true, [], null, null);
        try
        {
            if (e.FileCount > ImportReader.MaxFiles)
            {
                UploadErrors = [new ValidationError("files", $"{e.FileCount} files chosen; at most {ImportReader.MaxFiles} make one snapshot")];
                return;
            }
            var files = new List<AwsCliFile>();
            foreach (var file in e.GetMultipleFiles(ImportReader.MaxFiles))
            {
                if (ImportReader.CheckSize(file.Name, file.Size) is { } tooLarge)
                {
                    UploadErrors = [tooLarge];
                    return;
                }
                await using var stream = file.OpenReadStream(ImportReader.MaxFileBytes);
                using var reader = new StreamReader(stream);
                files.Add(new AwsCliFile(file.Name, await reader.ReadToEndAsync()));
            }
            var read = await Task.Run(() => DeployedSnapshotReader.Read(files, null));
            if (!read.IsOk)
            {
                UploadErrors = read.Errors;
                return;
            }
            var caller = await Circuit.RequireAsync();
            var added = await SnapshotStore.AddAsync(caller.Actor, PolicyId, read.Source, string.Join(", ", files.Select(f => f.FileName)), read.Estate!);
            if (!added.IsOk)
            {
                UploadErrors = added.Failure!.Errors.IsEmpty ? [new ValidationError("files", added.Failure.Message)] : added.Failure.Errors;
                return;
            }
            Navigation.NavigateTo($"/policies/{PolicyId}/drift/{added.Value.Id}{RevisionQuery}");
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (Comparison is null)
            return;
        Busy = true;
        try
        {
            var caller = await Circuit.RequireAsync();
            var deleted = await SnapshotStore.DeleteAsync(caller.Actor, PolicyId, Comparison.Snapshot.Id);
            if (!deleted.IsOk)
            {
                AdoptError = deleted.Failure!.Message;
                return;
            }
            Navigation.NavigateTo($"/policies/{PolicyId}/drift{RevisionQuery}");
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task AdoptAsync(string ruleId)
    {
        if (Comparison is null)
            return;
        (Busy, Adopted, AdoptError) = (true, null, null);
        try
        {
            var caller = await Circuit.RequireAsync();
            var adopted = await Comparisons.AdoptAsync(caller, PolicyId, Comparison.Snapshot.Id, ruleId, null, null);
            if (adopted.IsOk)
                Adopted = adopted.Value;
            else
                AdoptError = adopted.Failure!.Errors.IsEmpty ? adopted.Failure.Message : string.Join("; ", adopted.Failure.Errors);
        }
        finally
        {
            Busy = false;
        }
    }

    private string RevisionQuery => Revision is { } n ? $"?revision={n}" : "";

    private void ShowSnapshot(Guid id) => Navigation.NavigateTo($"/policies/{PolicyId}/drift/{id}{RevisionQuery}");

    private void ShowRevision(int number) =>
        Navigation.NavigateTo($"/policies/{PolicyId}/drift{(Comparison is { } c ? $"/{c.Snapshot.Id}" : "")}?revision={number}");

    private static string When(DateTime utc) => PoliciesPage.When(utc);

    private static string SnapshotLabel(DeployedSnapshotInfo s) =>
        $"{PoliciesPage.When(s.TakenAt)} · {s.FileName} · {DeployedSnapshotReader.Name(s.Source)}";
}
