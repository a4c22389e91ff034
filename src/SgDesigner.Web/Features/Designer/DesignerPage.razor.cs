using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Features.Preview;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The designer: groups on the left; in the middle the chosen group's rules, the instances, the chaining graph
/// or the matrix; the reachability preview and lint findings on the right, all over one <see cref="DesignSession"/>.
/// </summary>
public sealed partial class DesignerPage : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The draft to edit, from the route.</summary>
    [Parameter]
    public Guid DraftId { get; set; }

    private string? Problem { get; set; }

    private string? SelectedGroupId { get; set; }

    private SecurityGroup? SelectedGroup => SelectedGroupId is null ? null : Session.Estate.FindGroup(SelectedGroupId);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        // Prerendering would load the whole draft only to throw it away when the circuit starts and loads it
        // again; the page shows its loading bar until then, while the server prepares the draft for that load.
        if (!RendererInfo.IsInteractive)
        {
            await Session.PrepareAheadAsync(DraftId);
            return;
        }
        // The circuit's session may hold this draft already (navigating back to the page).
        if (Session.Info?.Id != DraftId)
        {
            Problem = (await Session.LoadAsync(DraftId))?.Message;
            _matrixPrepared = false;
        }
        SelectedGroupId ??= FirstGroupId;
    }

    private bool _matrixPrepared;

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        // A large draft's matrix tab opens aggregated: its tables are computed while the user reads the rules, once the
        // page has shown the draft (on two cores, computing them sooner holds back the page's first render). A draft
        // large enough to be linted in the background has them prepared by the session, before its lint.
        if (_matrixPrepared || Problem is not null || Session.Info?.Id != DraftId || Session.PreparesMatrix)
            return;
        _matrixPrepared = true;
        var engine = Session.Engine;
        MatrixGrid.PrepareOpening(engine, MatrixView.LargeEstate, () => ReferenceEquals(Session.Engine, engine));
    }

    private string? FirstGroupId => Session.Estate.Groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault()?.Id;

    private void Select(string? groupId) => (SelectedGroupId, HighlightedRuleId) = (groupId, null);

    private const int RulesView = 0;

    private const int GraphView = 3;

    private int ActiveView { get; set; } = RulesView;

    private PreviewPanel? Preview { get; set; }

    private Explanation? PreviewResult { get; set; }

    // Counts the preview's answers: the graph shows the last one, and only while its tab is open does a new one render the page.
    private int _previewAnswers;

    private void ShowInGraph(Explanation? result)
    {
        PreviewResult = result;
        _previewAnswers++;
    }

    private string? HighlightedRuleId { get; set; }

    // A node clicked in the graph opens that group's rules.
    private void OpenGroup(string groupId) => OpenRule(new RuleLink(groupId, null));

    // A finding or a deciding rule clicked opens its group on the rule's tab and highlights the rule's row.
    private void OpenRule(RuleLink link)
    {
        SelectedGroupId = link.GroupId;
        HighlightedRuleId = link.RuleId;
        ActiveView = RulesView;
    }

    // A matrix cell clicked asks the preview about that flow, which shows its explanation.
    private Task ExplainAsync(PreviewQuery query) => Preview?.AskAsync(query) ?? Task.CompletedTask;

    private void OnChanged()
    {
        if (SelectedGroupId is null || Session.Estate.FindGroup(SelectedGroupId) is null)
            SelectedGroupId = FirstGroupId;
        _ = InvokeAsync(StateHasChanged);
    }

    // What the page itself shows. Every part below it that shows the draft's content listens to the session on its own
    // and renders when its part changed; a render of the page sets all of them again (about 1,400 components at 20,000
    // rules), so an edit that changes none of this renders nothing here.
    private record struct Shown(string? Problem, Guid? DraftId, string? Title, bool MayEdit, string? Conflict,
        string? SelectedGroupId, string? HighlightedRuleId, int ActiveView, int GraphAnswer);

    private Shown? _rendered;

    /// <inheritdoc />
    protected override bool ShouldRender()
    {
        var now = new Shown(Problem, Session.Info?.Id, Session.Info?.Title, Session.MayEdit, Session.Conflict,
            SelectedGroupId, HighlightedRuleId, ActiveView, ActiveView == GraphView ? _previewAnswers : 0);
        if (now == _rendered)
            return false;
        _rendered = now;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
