using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>One group: its inbound and outbound rules in two tabs, and the instances that carry it.</summary>
public sealed partial class GroupEditor : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The id of the group being edited.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    // Read from the session, not handed down by the page: an edit renders this editor only when it changed this group.
    private SecurityGroup? Group => Session.Estate.FindGroup(GroupId);

    // What the editor itself shows, as of the session's last change (the members list gets the interfaces and instances from
    // here). The rule tables and tags listen on their own: a rule's port edited changes nothing here, and rendering the
    // editor would set its tabs and fields again.
    private readonly record struct Shown(string? Name, string? Description, string? VpcId, int Inbound, int Outbound, bool CanEdit,
        ImmutableArray<NetworkInterface> Enis, ImmutableArray<Instance> Instances);

    private Shown _seen;

    private Shown Now => Group is { } group
        ? new(group.Name, group.Description, group.VpcId, group.Inbound.Count(), group.Outbound.Count(), Session.CanEdit,
            Session.Estate.NetworkInterfaces, Session.Estate.Instances)
        : new(null, null, null, 0, 0, Session.CanEdit, Session.Estate.NetworkInterfaces, Session.Estate.Instances);

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _seen = Now;
        Session.Changed += OnChanged;
    }

    private void OnChanged()
    {
        var now = Now;
        if (now == _seen)
            return;
        _seen = now;
        _ = InvokeAsync(StateHasChanged);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;

    /// <summary>A rule of the group to show (its direction's tab is opened) and highlight, or null.</summary>
    [Parameter]
    public string? HighlightedRuleId { get; set; }

    private int DirectionTab { get; set; }

    private string? _shownHighlight;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _seen = Now;
        if (HighlightedRuleId == _shownHighlight)
            return;
        _shownHighlight = HighlightedRuleId;
        if (Group?.Rules.FirstOrDefault(r => r.Id == HighlightedRuleId) is { } rule)
            DirectionTab = rule.Direction == Direction.Inbound ? 0 : 1;
    }

    private string? NewInstance { get; set; }

    private string? InstanceError { get; set; }

    private async Task AddInstanceAsync()
    {
        if (string.IsNullOrWhiteSpace(NewInstance))
        {
            InstanceError = "an instance name is required";
            return;
        }
        var failure = await Session.EditAsync(InventoryEdits.AddInstanceToGroup(Session.Ids, NewInstance, GroupId), $"add instance {NewInstance.Trim()}");
        InstanceError = failure is null ? null
            : failure.Errors.IsEmpty ? failure.Message : string.Join("; ", failure.Errors.Select(e => e.Message));
        if (failure is null)
            NewInstance = null;
    }
}
