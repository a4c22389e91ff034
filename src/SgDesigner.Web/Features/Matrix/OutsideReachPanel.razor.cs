using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Diff;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// The matrix's outside rows: every flow between the draft's instances and the outside (the internet, the named
/// ranges, every CIDR and prefix list a rule names), labelled as a change request's impact labels them. Computed
/// only while the panel is open, and again after each edit.
/// </summary>
public sealed partial class OutsideReachPanel : IDisposable
{
    private const int MaxFlows = 200;
    private const int MaxRules = 10;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>Open when first shown (closed by default: a large draft has many flows).</summary>
    [Parameter]
    public bool Expanded { get; set; }

    private IReadOnlyList<FlowChange>? Flows { get; set; }

    private IdNames Names { get; set; } = IdNames.None;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Session.Changed += OnChanged;
        Recompute();
    }

    private void SetExpanded(bool expanded)
    {
        Expanded = expanded;
        Recompute();
    }

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        Recompute();
        StateHasChanged();
    });

    private void Recompute()
    {
        if (!Expanded)
        {
            Flows = null;
            return;
        }
        Flows = ReachabilityDiff.OutsideReach(Session.Engine).Changes;
        Names = IdNames.Of(Session.Estate);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
