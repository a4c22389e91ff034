using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The inbound or outbound rules of one group in an editable <c>MudDataGrid</c>, in stored order unless the user
/// sorts by a column, with the quota counter and add, duplicate and delete. Rows not yet valid stay here, unsaved,
/// until their fields are fixed.
/// </summary>
public sealed partial class RuleTable : IDisposable
{
    private readonly Dictionary<string, RuleForm> _forms = [];
    private readonly List<string> _order = [];

    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private MudBlazor.IScrollManager ScrollManager { get; set; } = default!;

    /// <summary>A rule to highlight and scroll to (opened from a finding or the preview), or null.</summary>
    [Parameter]
    public string? HighlightedRuleId { get; set; }

    private string? _scrolledTo;

    /// <summary>The group whose rules are shown.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    /// <summary>Inbound or outbound.</summary>
    [Parameter]
    public Direction Direction { get; set; }

    private List<RuleForm> Forms => [.. _order.Select(id => _forms[id])];

    // As AWS counts against the quota: a prefix list reference as the list's maximum entries.
    private int Count => Session.Estate.FindGroup(GroupId) is { } group ? RuleQuota.Count(group.Rules, Direction, Session.Estate.PrefixLists) : 0;

    private bool Inbound => Direction == Direction.Inbound;

    private int Quota => Session.Estate.Quotas.RulesPerDirection;

    private string? _shownGroup;

    // The rule whose "What this rule is for" panel is open, or null.
    private string? _insightRuleId;

    private void ToggleInsight(RuleForm form) => _insightRuleId = _insightRuleId == form.Id ? null : form.Id;

    // The rule whose owner, justification, ticket and review-by date show in the side panel, or null.
    private string? _metadataRuleId;

    private void ToggleMetadata(RuleForm form) => _metadataRuleId = _metadataRuleId == form.Id ? null : form.Id;

    private RuleMetadata MetadataOf(RuleForm form) =>
        Session.Estate.FindGroup(GroupId)?.Rules.FirstOrDefault(r => r.Id == form.Id)?.Metadata ?? default;

    [Inject]
    private CallerAddress Caller { get; set; } = default!;

    // The My IP shortcut's block, read when the table first shows in the circuit.
    private string? _myAddress;

    // One suggestion list for every peer field of the table.
    private readonly string _peerListId = $"peer-options-{Guid.NewGuid():N}";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _myAddress = Caller.Block?.ToString();
        Session.Changed += OnChanged;
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (_shownGroup == GroupId)
            return;
        _shownGroup = GroupId;
        _forms.Clear();
        _order.Clear();
        _firstFields.Clear();
        Sync();
    }

    private void OnChanged()
    {
        Sync();
        // An edit made in this table renders it when the field's event returns: rendering it as well when the edit is
        // shown would hold back the preview and findings rendered in the same batch.
        if (SessionShowsOther() && _busy.Count == 0)
            _ = InvokeAsync(StateHasChanged);
    }

    // Stored rules refresh their rows unless the row shows a problem the user is still fixing (a note such as
    // "host bits cleared" stays visible after the save); unsaved rows stay. A row's form is refreshed in place:
    // the grid keys its rows by item, so a new instance would rebuild the row and drop the focus of a user tabbing on.
    private void Sync()
    {
        var stored = Session.Estate.FindGroup(GroupId)?.Rules.Where(r => r.Direction == Direction).ToList() ?? [];
        foreach (var rule in stored)
        {
            if (!_forms.TryGetValue(rule.Id, out var form))
                _forms[rule.Id] = RuleForm.From(rule);
            else if (form.Errors.Count == 0 && !_busy.ContainsKey(rule.Id))
                Refresh(form, RuleForm.From(rule));
            if (!_order.Contains(rule.Id))
                _order.Add(rule.Id);
        }
        var storedIds = stored.Select(r => r.Id).ToHashSet();
        foreach (var id in _order.Where(id => !storedIds.Contains(id) && _forms[id].Errors.Count == 0 && !_pending.Contains(id)).ToList())
        {
            _order.Remove(id);
            _forms.Remove(id);
            _firstFields.Remove(id);
        }
        // A new row is shown before the store confirms it; it stays "unsaved" until then, so that a refused or
        // conflicting save keeps what the user typed.
        if (!Session.Storing)
            _pending.RemoveWhere(storedIds.Contains);
    }

    private readonly HashSet<string> _pending = [];

    private static void Refresh(RuleForm form, RuleForm stored)
    {
        form.Protocol = stored.Protocol;
        form.Ports = stored.Ports;
        form.Peer = stored.Peer;
        form.Description = stored.Description;
    }

    private void Add() => AddPending(new RuleForm { Id = Session.Ids.Next("sgr-"), Direction = Direction });

    private void Duplicate(RuleForm source) => AddPending(new RuleForm
    {
        Id = Session.Ids.Next("sgr-"), Direction = Direction,
        Protocol = source.Protocol, Ports = source.Ports, Peer = source.Peer, Description = source.Description,
    });

    private void AddPending(RuleForm form)
    {
        _pending.Add(form.Id);
        _forms[form.Id] = form;
        _order.Add(form.Id);
        form.Check(Session.Estate, GroupId);
        _focusRow = form.Id;
    }

    // The first field of each shown row, to put the focus in a row just added.
    private readonly Dictionary<string, CommitField> _firstFields = [];

    private string? _focusRow;

    private bool IsHighlighted(RuleForm form) => form.Id == HighlightedRuleId;

    private string? RowClass(RuleForm form, int index) => IsHighlighted(form) ? "sgd-highlight" : null;

    private void Discard(RuleForm form)
    {
        _pending.Remove(form.Id);
        _forms.Remove(form.Id);
        _order.Remove(form.Id);
        _firstFields.Remove(form.Id);
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusRow is { } row && _firstFields.TryGetValue(row, out var first))
        {
            _focusRow = null;
            await first.FocusAsync();
        }
        if (HighlightedRuleId == _scrolledTo || !_forms.ContainsKey(HighlightedRuleId ?? ""))
            return;
        _scrolledTo = HighlightedRuleId;
        await ScrollManager.ScrollIntoViewAsync($"[data-testid=rule-row][data-rule-id='{HighlightedRuleId}']", MudBlazor.ScrollBehavior.Smooth);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
