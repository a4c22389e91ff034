using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

// Editing one row inline: each field is checked when the user commits it (Enter or leaving the field, never while
// typing); a valid rule is stored at once, an invalid one shows its problems at the fields and stays unsaved until
// fixed.
public sealed partial class RuleTable
{
    // Rows with a change waiting for the store. They stay enabled, so that the focus stays where the user is (the
    // session stores one edit at a time, in order); their form is not refreshed from the store until the last one
    // is answered, so that a committed field is not shown at its old value in between.
    private readonly Dictionary<string, int> _busy = [];

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool Enabled(RuleForm form) => RendererInfo.IsInteractive && Session.CanEdit;

    private string GroupName => Session.Estate.FindGroup(GroupId)?.Name ?? GroupId;

    private bool Stored(RuleForm form) => Session.Estate.FindGroup(GroupId)?.Rules.Any(r => r.Id == form.Id) == true;

    private static string? ErrorOf(RuleForm form, RuleField field) => form.Errors.GetValueOrDefault(field);

    private static string PortsHint(RuleForm form) =>
        IpProtocol.Parse(form.Protocol) is { IsOk: true } p && p.Value.IsIcmp ? "type/code, e.g. 8/0 or any" : "443 or 8000-8100";

    // Sorting by ports follows the first number ("80" before "443"); text that is not a number yet sorts last.
    private static int PortsOrder(RuleForm form) =>
        PortRange.TryParse(form.Ports.Split('/')[0], out var range, out _) ? range.From : int.MaxValue;

    private async Task ChangeAsync(RuleForm form, Action<RuleForm> set)
    {
        set(form);
        var rule = form.Check(Session.Estate, GroupId);
        if (rule is null)
            return;
        // The row shows the rule as it is stored (10.30.0.5/16 as 10.30.0.0/16, "TCP" as tcp), with the note.
        Refresh(form, RuleForm.From(rule));
        if (Session.Estate.FindGroup(GroupId)?.Rules.Contains(rule) == true)
            return;
        await StoreAsync(form, GroupEdits.PutRule(GroupId, rule), Stored(form) ? "change" : "add");
    }

    // A type from the list fills protocol and ports like typing them would, through the same check and store.
    private Task ChooseTypeAsync(RuleForm form, string? name) =>
        RuleTypePresets.Find(name) is { } type ? ChangeAsync(form, f => f.Choose(type)) : Task.CompletedTask;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private async Task PasteAsync()
    {
        if (await PasteRulesDialog.ShowAsync(Dialogs, GroupId, GroupName, Direction) is { } pasted)
            Snackbar.Add(pasted, Severity.Success);
    }

    // Escape: the field shows its stored value again (a row not stored yet keeps what was committed).
    private void Revert(RuleForm form, RuleField field)
    {
        if (Session.Estate.FindGroup(GroupId)?.Rules.FirstOrDefault(r => r.Id == form.Id) is not { } rule)
            return;
        var stored = RuleForm.From(rule);
        Action<RuleForm> put = field switch
        {
            RuleField.Protocol => f => f.Protocol = stored.Protocol,
            RuleField.Ports => f => f.Ports = stored.Ports,
            RuleField.Peer => f => f.Peer = stored.Peer,
            _ => f => f.Description = stored.Description,
        };
        put(form);
        form.Check(Session.Estate, GroupId);
    }

    private async Task DeleteAsync(RuleForm form)
    {
        if (!Stored(form))
        {
            Discard(form);
            return;
        }
        await StoreAsync(form, GroupEdits.RemoveRule(GroupId, form.Id), "delete");
    }

    private async Task StoreAsync(RuleForm form, EstateEdit change, string verb)
    {
        _busy[form.Id] = _busy.GetValueOrDefault(form.Id) + 1;
        try
        {
            Report(form, await Session.EditAsync(change, $"{verb} {form.Direction.ToString().ToLowerInvariant()} rule of {GroupName}"));
        }
        finally
        {
            if (--_busy[form.Id] == 0)
                _busy.Remove(form.Id);
        }
        // The row shows what was stored (a normalized CIDR) once its last change is answered: the field's event renders the
        // table when this returns.
        Sync();
    }

    private void Report(RuleForm form, StoreFailure? failure)
    {
        switch (failure)
        {
            case null:
                return;
            case { Kind: StoreFailureKind.Invalid }:
                form.AddErrors(failure.Errors);
                return;
            case { Kind: StoreFailureKind.Conflict }:
                Snackbar.Add($"Not saved: {failure.Message}. The draft has been reloaded with the other change.", Severity.Warning);
                return;
            default:
                Snackbar.Add($"Not saved: {failure.Message}", Severity.Error);
                return;
        }
    }
}
