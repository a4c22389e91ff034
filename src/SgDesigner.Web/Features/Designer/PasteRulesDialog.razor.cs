using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using Direction = SgDesigner.Core.Model.Direction;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// Rules pasted into a group's inbound or outbound table as text (<see cref="RulePaste"/>): every line is checked
/// first, and while any has a problem the dialog lists them all by line and stores nothing; otherwise all rules are
/// added in one draft edit, so one undo takes them back.
/// </summary>
public sealed partial class PasteRulesDialog
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The group the rules go into.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    /// <summary>The group's name, for the undo button.</summary>
    [Parameter]
    public string GroupName { get; set; } = "";

    /// <summary>Inbound or outbound.</summary>
    [Parameter]
    public Direction Direction { get; set; }

    private string? Text { get; set; }

    private IReadOnlyList<RulePasteError> Problems { get; set; } = [];

    private string? StoreProblem { get; set; }

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; returns what was stored, as a sentence for the user, or null when cancelled.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, string groupId, string groupName, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<PasteRulesDialog>
        {
            { d => d.GroupId, groupId }, { d => d.GroupName, groupName }, { d => d.Direction, direction },
        };
        var dialog = await dialogs.ShowAsync<PasteRulesDialog>($"Paste {DirectionText.Of(direction)} rules into {groupName}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string stored } ? stored : null;
    }

    private async Task PasteAsync()
    {
        StoreProblem = null;
        var read = RulePaste.Parse(Session.Estate, GroupId, Direction, Text, Session.Ids);
        Problems = read.Errors;
        if (!read.IsOk)
            return;
        Saving = true;
        var what = $"paste {read.Rules.Length} {DirectionText.Of(Direction)} rule{(read.Rules.Length == 1 ? "" : "s")} into {GroupName}";
        var failure = await Session.EditAsync(GroupEdits.AddRules(GroupId, [.. read.Rules.Select(r => r.Rule)]), what);
        Saving = false;
        if (failure is not null)
        {
            StoreProblem = $"Nothing was stored: {failure.Message}";
            return;
        }
        var stored = $"Added {read.Rules.Length} rule{(read.Rules.Length == 1 ? "" : "s")} to {GroupName}.";
        Dialog.Close(DialogResult.Ok(read.Warnings.IsEmpty ? stored : $"{stored} {string.Join("; ", read.Warnings)}"));
    }

    private void Cancel() => Dialog.Cancel();
}
