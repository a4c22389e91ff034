using Microsoft.AspNetCore.Components;
using SgDesigner.Web.Features.Policies;

namespace SgDesigner.Web.Features.Drift;

/// <summary>
/// "In sync with the deployment as of …", "n drifted flows (snapshot of …)" or "No deployed snapshot", with a link to the
/// drift view: the newest revision against the newest snapshot (the caller has checked the user may view the policy).
/// </summary>
public partial class DriftStatus
{
    [Inject]
    private DriftComparisons Comparisons { get; set; } = default!;

    /// <summary>The policy.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    /// <summary>The newest revision's number: the line is computed again when it changes.</summary>
    [Parameter]
    public int LatestRevision { get; set; }

    private DriftComparison? Comparison { get; set; }

    private bool Loaded { get; set; }

    private int Drifted => Comparison is { } c ? c.Drift.DeployedNotDesigned + c.Drift.DesignedNotDeployed : 0;

    private string When => Comparison is { } c ? PoliciesPage.When(c.Snapshot.TakenAt) : "";

    private string DriftHref => $"/policies/{PolicyId}/drift";

    private string State => !Loaded ? "loading" : Comparison is null ? "none" : Comparison.Drift.InSync ? "in-sync" : "drifted";

    private (Guid, int)? _shown;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (_shown == (PolicyId, LatestRevision))
            return;
        _shown = (PolicyId, LatestRevision);
        var comparison = await Comparisons.CompareAsync(PolicyId, null, null);
        (Comparison, Loaded) = (comparison.IsOk ? comparison.Value : null, true);
    }
}
