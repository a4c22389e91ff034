using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Instances;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// One managed prefix list: its name, maximum entries and entries, each a field checked and stored when the user
/// commits it (Enter or leaving it), never while typing. A CIDR typed with host bits is stored without them and the
/// field says so, naming what was typed. A refused value stays in its field with the reason until fixed or Escape.
/// </summary>
public sealed partial class PrefixListCard
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The list shown.</summary>
    [Parameter, EditorRequired]
    public PrefixList List { get; set; } = default!;

    private bool Enabled => RendererInfo.IsInteractive && Session.CanEdit;

    // Text the store refused, kept in its field with the error (null: the field shows the stored value).
    private string? NameText { get; set; }

    private string? NameError { get; set; }

    private string? MaxInput { get; set; }

    private string? MaxError { get; set; }

    private string? DeleteError { get; set; }

    private string? NewEntryText { get; set; }

    private string? NewEntryError { get; set; }

    private string? NewEntryNote { get; set; }

    private Dictionary<int, string> EntryInputs { get; } = [];

    private Dictionary<int, string> EntryErrors { get; } = [];

    // Host-bit notes by the stored entry they produced.
    private Dictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

    private string MaxText => MaxInput ?? List.MaxEntries?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private string FamilyText => List.Family == IpFamily.V4 ? "IPv4" : "IPv6";

    private string UsedByText => UsedBy(NetworkEdits.PrefixListUsers(Session.Estate, List.Id).Count);

    private static string UsedBy(int rules) => rules == 0 ? "no rule uses it" : $"used by {rules} rule{(rules == 1 ? "" : "s")}";

    private async Task RenameAsync(string text)
    {
        var name = text.Trim();
        if (name == List.Name)
        {
            (NameText, NameError) = (null, null);
            return;
        }
        NameError = name.Length == 0 ? "a prefix list needs a name"
            : Session.Estate.PrefixLists.Any(p => p.Id != List.Id && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) ? $"a prefix list named {name} exists already"
            : await StoreAsync(List with { Name = name }, $"rename prefix list {List.Name}");
        NameText = NameError is null ? null : text;
    }

    private async Task SetMaxAsync(string text)
    {
        var max = PrefixListsView.ParseMaxEntries(text);
        MaxError = !max.IsOk ? max.Error
            : max.Value < List.Entries.Length ? $"the list has {List.Entries.Length} entries: max entries cannot be less; remove entries first"
            : max.Value == List.MaxEntries ? null
            : await StoreAsync(List with { MaxEntries = max.Value }, $"set max entries of {List.Name} to {max.Value}");
        MaxInput = MaxError is null ? null : text;
    }

    private async Task AddEntryAsync(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            (NewEntryText, NewEntryError, NewEntryNote) = (null, null, null);
            return;
        }
        var (cidr, error, note) = Check(text, exceptIndex: null);
        if (error is null && List.Entries.Length >= (List.MaxEntries ?? int.MaxValue))
            error = $"the list holds at most {List.MaxEntries} entries (its max entries): raise max entries or remove an entry first";
        error ??= await StoreAsync(List with { Entries = List.Entries.Add(cidr) }, $"add {cidr} to {List.Name}");
        (NewEntryText, NewEntryError, NewEntryNote) = error is null ? ((string?)null, (string?)null, note) : (text, error, (string?)null);
        if (error is null && note is not null)
            Notes[cidr.ToString()] = note;
    }

    private async Task ChangeEntryAsync(int index, string text)
    {
        if (index >= List.Entries.Length)
            return;
        var (cidr, error, note) = Check(text, exceptIndex: index);
        if (error is null && cidr == List.Entries[index])
        {
            ForgetEntryInput(index);
            if (note is not null)
                Notes[cidr.ToString()] = note;
            return;
        }
        error ??= await StoreAsync(List with { Entries = List.Entries.SetItem(index, cidr) }, $"change {List.Entries[index]} of {List.Name} to {cidr}");
        if (error is null)
        {
            ForgetEntryInput(index);
            if (note is not null)
                Notes[cidr.ToString()] = note;
            return;
        }
        EntryInputs[index] = text;
        EntryErrors[index] = error;
    }

    private async Task RemoveEntryAsync(int index)
    {
        if (index >= List.Entries.Length)
            return;
        var removed = List.Entries[index];
        var error = await StoreAsync(List with { Entries = List.Entries.RemoveAt(index) }, $"remove {removed} from {List.Name}");
        if (error is not null)
        {
            EntryErrors[index] = error;
            return;
        }
        // The rows below moved up one place: their refused inputs no longer match.
        EntryInputs.Clear();
        EntryErrors.Clear();
    }

    private async Task DeleteAsync() =>
        DeleteError = InstancesView.MessageOf(await Session.EditAsync(NetworkEdits.RemovePrefixList(List.Id), $"delete prefix list {List.Name}"));

    // Parses an entry: a CIDR of the list's family, not already in it (the entry at exceptIndex is the one being changed).
    private (Cidr Cidr, string? Error, string? Note) Check(string text, int? exceptIndex)
    {
        var parsed = Cidr.Parse(text.Trim());
        if (!parsed.IsOk)
            return (default, parsed.Error, null);
        var cidr = parsed.Value;
        if (cidr.Family != List.Family)
            return (cidr, $"{cidr} is not an {FamilyText} block: {List.Name} holds {FamilyText} entries", null);
        var at = List.Entries.IndexOf(cidr);
        if (at >= 0 && at != exceptIndex)
            return (cidr, $"{cidr} is already an entry of {List.Name}", null);
        return (cidr, null, parsed.Warning is null ? null : RuleForm.HostBitsNote(text, cidr));
    }

    private void ForgetEntryInput(int index)
    {
        EntryInputs.Remove(index);
        EntryErrors.Remove(index);
    }

    private async Task<string?> StoreAsync(PrefixList changed, string what) =>
        InstancesView.MessageOf(await Session.EditAsync(NetworkEdits.PutPrefixList(changed), what));
}
