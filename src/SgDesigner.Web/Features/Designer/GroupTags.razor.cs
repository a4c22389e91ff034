using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// A group's tags: add, change and remove keys and values. A field is committed when it is left or Enter is pressed, never
/// while typing; a tag AWS refuses shows <see cref="AwsLimits"/>' sentence at its field and is not stored. Every change is
/// one <see cref="GroupEdits.Change"/> through the session, like the group's other fields.
/// </summary>
public sealed partial class GroupTags : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The group whose tags are edited.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    // Read from the session, not a parameter, so that each change builds on the last one stored.
    private SecurityGroup? Group => Session.Estate.FindGroup(GroupId);

    private string? NewKey { get; set; }

    private string? NewValue { get; set; }

    private string? NewKeyError { get; set; }

    private string? NewValueError { get; set; }

    // Errors of the existing tags' fields, by the tag's stored key.
    private Dictionary<string, string> KeyErrors { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, string> ValueErrors { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _seen = (Group?.Tags, Session.CanEdit);
        Session.Changed += OnChanged;
    }

    // The group's tags and the right to edit as of the session's last change: a rule edit renders nothing here.
    private (ImmutableSortedDictionary<string, string>? Tags, bool CanEdit) _seen;

    private void OnChanged()
    {
        var now = (Group?.Tags, Session.CanEdit);
        if (ReferenceEquals(now.Tags, _seen.Tags) && now.CanEdit == _seen.CanEdit)
            return;
        _seen = now;
        _ = InvokeAsync(StateHasChanged);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;

    private string? _shownGroupId;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // Another group chosen: the errors and the half-typed tag were about the last one.
        if (GroupId == _shownGroupId)
            return;
        _shownGroupId = GroupId;
        KeyErrors.Clear();
        ValueErrors.Clear();
        (NewKey, NewValue, NewKeyError, NewValueError) = (null, null, null, null);
    }

    // AWS's own tags (imported) do not count against the limit.
    private static int OwnCount(ImmutableSortedDictionary<string, string> tags) =>
        tags.Keys.Count(k => !k.StartsWith(AwsLimits.ReservedTagKeyPrefix, StringComparison.OrdinalIgnoreCase));

    private static string? KeyProblem(string key) => AwsLimits.TagProblem(key, "");

    private async Task NewValueChangedAsync(string? value)
    {
        NewValue = value;
        if (!string.IsNullOrWhiteSpace(NewKey))
            await AddAsync();
    }

    private async Task AddAsync()
    {
        if (Group is not { } group)
            return;
        var (key, value) = (NewKey?.Trim() ?? "", NewValue ?? "");
        NewKeyError = KeyProblem(key)
            ?? (group.Tags.ContainsKey(key) ? $"the group has a tag {QuotedValue.Of(key)} already" : null)
            ?? AwsLimits.TagCountProblem(OwnCount(group.Tags) + 1);
        NewValueError = NewKeyError is null ? AwsLimits.TagProblem(key, value) : null;
        if (NewKeyError is not null || NewValueError is not null)
            return;
        NewValueError = await StoreAsync(t => t.SetItem(key, value), $"tag {group.Name} {key}");
        if (NewValueError is null)
            (NewKey, NewValue) = (null, null);
    }

    private async Task RenameAsync(string stored, string? typed)
    {
        var key = typed?.Trim() ?? "";
        if (Group is not { } group || key == stored || !group.Tags.TryGetValue(stored, out var value))
            return;
        var problem = KeyProblem(key) ?? (group.Tags.ContainsKey(key) ? $"the group has a tag {QuotedValue.Of(key)} already" : null)
            ?? await StoreAsync(t => t.Remove(stored).SetItem(key, t.GetValueOrDefault(stored, value)), $"rename tag {stored} of {group.Name}");
        Show(KeyErrors, stored, problem);
    }

    private async Task ChangeValueAsync(string key, string? typed)
    {
        var value = typed ?? "";
        if (Group is not { } group || !group.Tags.TryGetValue(key, out var stored) || value == stored)
            return;
        var problem = AwsLimits.TagProblem(key, value) ?? await StoreAsync(t => t.SetItem(key, value), $"change tag {key} of {group.Name}");
        Show(ValueErrors, key, problem);
    }

    private async Task RemoveAsync(string key)
    {
        if (Group is { } group)
            Show(KeyErrors, key, await StoreAsync(t => t.Remove(key), $"remove tag {key} of {group.Name}"));
    }

    private static void Show(Dictionary<string, string> errors, string key, string? problem)
    {
        if (problem is null)
            errors.Remove(key);
        else
            errors[key] = problem;
    }

    // The store's refusal as a sentence, or null when stored. The change applies to the tags as they are when the edit runs
    // (edits queue in the session), not as they were rendered, so quick changes in a row each keep the one before.
    private async Task<string?> StoreAsync(Func<ImmutableSortedDictionary<string, string>, ImmutableSortedDictionary<string, string>> change, string what)
    {
        var groupId = GroupId;
        EstateEdit edit = estate => estate.FindGroup(groupId) is { } g
            ? GroupEdits.Change(g.Id, g.Name, g.Description, g.VpcId, change(g.Tags))(estate)
            : EditResult.NotFound($"groups[{groupId}]", $"group {groupId} is not in the draft");
        var failure = await Session.EditAsync(edit, what);
        return failure is null ? null
            : failure.Errors.IsEmpty ? failure.Message : string.Join("; ", failure.Errors.Select(e => e.Message));
    }
}
