using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Insight;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// "What this rule is for": the flows only the rule allows and those other rules allow too, computed when the panel
/// opens (never per keystroke) off the render thread, and again when the estate or the rule changes.
/// </summary>
public sealed partial class RuleInsightPanel : IDisposable
{
    /// <summary>Flows shown per list before saying how many more there are.</summary>
    public const int MaxFlows = 20;

    private RuleInsight? _insight;
    private (ReachabilityEngine, string)? _computedFor;
    private CancellationTokenSource? _cts;

    /// <summary>The engine of the estate the rule belongs to (the designer session's).</summary>
    [Parameter, EditorRequired]
    public ReachabilityEngine Engine { get; set; } = default!;

    /// <summary>The rule's id.</summary>
    [Parameter, EditorRequired]
    public string RuleId { get; set; } = "";

    /// <summary>Raised by the close button (hidden when nobody listens).</summary>
    [Parameter]
    public EventCallback Closed { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (_computedFor is var (engine, id) && ReferenceEquals(engine, Engine) && id == RuleId)
            return;
        _computedFor = (Engine, RuleId);
        if (_cts is not null)
            await _cts.CancelAsync();
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        var ct = _cts.Token;
        var (forEngine, forRule) = (Engine, RuleId);
        _insight = null;
        try
        {
            var insight = await Task.Run(() => RuleInsight.Find(forEngine.Estate, forRule) is null ? null : RuleInsight.Of(forEngine, forRule, ct), ct);
            if (!ct.IsCancellationRequested)
                _insight = insight;
        }
        catch (OperationCanceledException)
        {
            // A newer estate or another rule took over.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
