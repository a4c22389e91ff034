using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The side panel of a rule's owner, justification, ticket and review-by date. Each field is committed like the grid's
/// (Enter or leaving it, never while typing) and stored as one edit of the rule through the session, so it has the
/// draft's If-Match and an undo step like any other rule edit; a value the model refuses stays at its field, unsaved.
/// </summary>
public sealed partial class RuleMetadataPanel : IDisposable
{
    // Text committed but refused, per field, shown until fixed or reverted.
    private readonly Dictionary<string, string> _typed = [];
    private readonly Dictionary<string, string> _errors = [];

    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The group holding the rule.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    /// <summary>The rule's id.</summary>
    [Parameter, EditorRequired]
    public string RuleId { get; set; } = "";

    /// <summary>Raised by the close button (hidden when nobody listens).</summary>
    [Parameter]
    public EventCallback Closed { get; set; }

    private Rule? Rule => Session.Estate.FindGroup(GroupId)?.Rules.FirstOrDefault(r => r.Id == RuleId);

    private bool Enabled => RendererInfo.IsInteractive && Session.CanEdit;

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private string Text(string field) => _typed.TryGetValue(field, out var typed) ? typed : Stored(field);

    private string Stored(string field)
    {
        var m = Rule?.Metadata ?? default;
        return field switch
        {
            RuleMetadata.Fields.Owner => m.Owner ?? "",
            RuleMetadata.Fields.Justification => m.Justification ?? "",
            RuleMetadata.Fields.Ticket => m.Ticket ?? "",
            _ => m.ReviewBy is { } due ? RuleMetadata.FormatDate(due) : "",
        };
    }

    private async Task CommitAsync(string field, string text)
    {
        if (Rule is not { } rule)
            return;
        string Value(string f) => f == field ? text : Stored(f);
        var parsed = RuleMetadata.Parse(Value(RuleMetadata.Fields.Owner), Value(RuleMetadata.Fields.Justification),
            Value(RuleMetadata.Fields.Ticket), Value(RuleMetadata.Fields.ReviewBy),
            // Only a date typed now is bounded: a stored one from before the bound must not block editing the owner.
            field == RuleMetadata.Fields.ReviewBy ? Today : null);
        Revert(field);
        if (!parsed.IsOk)
        {
            // The other fields hold stored, hence valid, values: every problem is this field's.
            _typed[field] = text;
            _errors[field] = string.Join(" ", parsed.Errors.Select(e => e.Message));
            return;
        }
        if (parsed.Value == rule.Metadata)
            return;
        var failure = await Session.EditAsync(GroupEdits.PutRule(GroupId, rule with { Metadata = parsed.Value }),
            $"set the owner and review of rule {RuleId}");
        switch (failure)
        {
            case null:
                return;
            case { Kind: StoreFailureKind.Invalid }:
                _typed[field] = text;
                _errors[field] = string.Join(" ", failure.Errors.Select(e => e.Message));
                return;
            default:
                Snackbar.Add($"Not saved: {failure.Message}", Severity.Warning);
                return;
        }
    }

    private void Revert(string field)
    {
        _typed.Remove(field);
        _errors.Remove(field);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
