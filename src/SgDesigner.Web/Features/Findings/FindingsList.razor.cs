using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Data.Findings;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Shared;
using Severity = SgDesigner.Core.Lint.Severity;

namespace SgDesigner.Web.Features.Findings;

/// <summary>
/// The linter's findings for the draft, most severe first, refreshed after every edit; each opens its rule.
/// A large estate has hundreds: they are filtered by severity and text and shown a page at a time. Findings the
/// policy's editors accepted (with a reason) are listed apart, collapsed, and do not count; an acceptance whose finding
/// no longer fires stays stored but is not shown.
/// </summary>
public sealed partial class FindingsList : IDisposable
{
    private const int Page = 50;
    private const int SearchFrom = 10;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    // Names for the ids in the messages, made again when the draft's estate changes and kept when no name changed (a rule
    // edit): each shown finding renders again only when it, its names or the right to accept changed.
    private IdNames Names
    {
        get
        {
            if (!ReferenceEquals(_namesOf, Session.Estate))
            {
                var names = IdNames.Of(Session.Estate);
                (_names, _namesOf) = (names.SameAs(_names) ? _names : names, Session.Estate);
            }
            return _names;
        }
    }

    // What one shown finding renders from: KeyedRender compares it.
    private readonly record struct FindingShown(Finding Finding, IdNames Names, bool GroupExists, bool MayAccept);

    private FindingShown ShownOf(Finding finding) => new(finding, Names,
        finding.GroupId is { } id && Session.Estate.FindGroup(id) is not null, Session.MayEdit && Session.Info is not null);

    private IdNames _names = IdNames.None;
    private Estate? _namesOf;

    [Inject]
    private FindingAcceptanceStore Acceptances { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Called with the finding's group and rule when the user asks to see them.</summary>
    [Parameter]
    public EventCallback<RuleLink> OpenRule { get; set; }

    // Severities the user unticked. Every severity keeps its chip, even at 0: MudChipSet rewrites its selection when a
    // chip goes (the last error accepted), which would hide the severities still there.
    private HashSet<Severity> Hidden { get; set; } = [];

    private IReadOnlyCollection<Severity> Shown => [.. Enum.GetValues<Severity>().Where(s => !Hidden.Contains(s))];

    private string? Search { get; set; }

    private int Limit { get; set; } = Page;

    private IReadOnlyList<FindingAcceptance> Stored { get; set; } = [];

    private string? Problem { get; set; }

    // The split and the filtered, sorted list are made once for the findings, acceptances and filters they come from (at
    // 20,000 rules that is 8,700 findings keyed and sorted), not on every render. Acceptances expire: the minute is part of it.
    private (ImmutableArray<Finding> Findings, IReadOnlyList<FindingAcceptance> Stored, HashSet<Severity> Hidden, string? Search, long Minute,
        FindingTriage Triage, List<Finding> Visible)? _made;

    private (FindingTriage Triage, List<Finding> Visible) Current()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var minute = now.Ticks / TimeSpan.TicksPerMinute;
        if (_made is { } made && made.Findings == Session.Findings && ReferenceEquals(made.Stored, Stored) && ReferenceEquals(made.Hidden, Hidden) &&
            made.Search == Search && made.Minute == minute)
            return (made.Triage, made.Visible);
        var triage = FindingTriage.Split(Session.Findings, Stored.Select(a => a.ToAccepted()), now);
        var visible = VisibleOf(triage).ToList();
        _made = (Session.Findings, Stored, Hidden, Search, minute, triage, visible);
        return (triage, visible);
    }

    // The session tells of every change, also of an edit stored after it was shown; the list renders only when something it
    // shows changed (a page of 50 findings is some 650 elements to diff).
    private (ImmutableArray<Finding> Findings, Estate Estate, IReadOnlyList<FindingAcceptance> Stored, HashSet<Severity> Hidden, string? Search,
        int Limit, bool MayEdit, bool Loaded, string? Problem, long Minute, bool Linting)? _rendered;

    /// <inheritdoc />
    protected override bool ShouldRender()
    {
        var now = (Session.Findings, Session.Estate, Stored, Hidden, Search, Limit, Session.MayEdit, Session.Info is not null, Problem,
            Clock.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerMinute, Session.Linting);
        if (_rendered is { } shown && shown.Findings == now.Findings && ReferenceEquals(shown.Estate, now.Estate) && ReferenceEquals(shown.Stored, now.Stored) &&
            ReferenceEquals(shown.Hidden, now.Hidden) && shown.Search == now.Search && shown.Limit == now.Limit && shown.MayEdit == now.MayEdit &&
            shown.Loaded == now.Item8 && shown.Problem == now.Problem && shown.Minute == now.Item10 && shown.Linting == now.Item11)
            return false;
        _rendered = now;
        return true;
    }

    private static IEnumerable<(Severity Severity, int Count)> CountsOf(FindingTriage triage) =>
        Enum.GetValues<Severity>().Reverse().Select(s => (s, triage.Active.Count(f => f.Severity == s)));

    private IEnumerable<Finding> VisibleOf(FindingTriage triage) => triage.Active
        .Where(f => !Hidden.Contains(f.Severity))
        .Where(f => string.IsNullOrWhiteSpace(Search) || f.Message.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || f.Id.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || f.Checkov.Any(c => c.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)))
        .OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Session.Changed += OnChanged;
        await LoadAcceptancesAsync();
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task LoadAcceptancesAsync()
    {
        if (Session.Info is not { } draft)
            return;
        var listed = await Acceptances.ListAsync(draft.PolicyId);
        Stored = listed.IsOk ? listed.Value : [];
        Problem = listed.IsOk ? null : listed.Failure!.Message;
    }

    private async Task AcceptAsync(Finding finding)
    {
        if (Session.Info is not { } draft)
            return;
        if (await AcceptFindingDialog.ShowAsync(Dialogs, finding, draft.PolicyId, draft.Id) is not null)
            await LoadAcceptancesAsync();
    }

    private async Task RevokeAsync(Guid acceptanceId)
    {
        if (Session.Info is not { } draft)
            return;
        var caller = await Circuit.RequireAsync();
        var revoked = await Acceptances.RevokeAsync(caller.Actor, draft.PolicyId, acceptanceId);
        await LoadAcceptancesAsync();
        if (!revoked.IsOk)
            Problem = revoked.Failure!.Message;
    }

    // The stored acceptance behind a triaged one (the triage works on Core's record, which has no id).
    private Guid? StoredId(AcceptedFinding acceptance) => Stored.FirstOrDefault(a => a.Key == acceptance.Key)?.Id;

    private void ShowSeverities(IReadOnlyCollection<Severity>? severities)
    {
        Hidden = [.. Enum.GetValues<Severity>().Where(s => severities?.Contains(s) != true)];
        Limit = Page;
    }

    private static MudBlazor.Severity SeverityOf(Finding finding) => finding.Severity switch
    {
        Severity.Error => MudBlazor.Severity.Error,
        Severity.Warning => MudBlazor.Severity.Warning,
        _ => MudBlazor.Severity.Info,
    };

    private static Color ColorOf(Severity severity) => severity switch
    {
        Severity.Error => Color.Error,
        Severity.Warning => Color.Warning,
        _ => Color.Info,
    };

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
