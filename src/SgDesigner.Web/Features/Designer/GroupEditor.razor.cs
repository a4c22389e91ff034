using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>One group: its inbound and outbound rules in two tabs, and the instances that carry it.</summary>
public partial class GroupEditor
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The group being edited.</summary>
    [Parameter, EditorRequired]
    public SecurityGroup Group { get; set; } = default!;

    /// <summary>A rule of the group to show (its direction's tab is opened) and highlight, or null.</summary>
    [Parameter]
    public string? HighlightedRuleId { get; set; }

    private int DirectionTab { get; set; }

    private string? _shownHighlight;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (HighlightedRuleId == _shownHighlight)
            return;
        _shownHighlight = HighlightedRuleId;
        if (Group.Rules.FirstOrDefault(r => r.Id == HighlightedRuleId) is { } rule)
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
        var failure = await Session.EditAsync(InventoryEdits.AddInstanceToGroup(Session.Ids, NewInstance, Group.Id), $"add instance {NewInstance.Trim()}");
        InstanceError = failure is null ? null
            : failure.Errors.IsEmpty ? failure.Message : string.Join("; ", failure.Errors.Select(e => e.Message));
        if (failure is null)
            NewInstance = null;
    }
}
