using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

/// <summary>The draft's groups, searchable by name or id, and a form to add one.</summary>
public sealed partial class GroupList : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The chosen group's id, or null.</summary>
    [Parameter]
    public string? Selected { get; set; }

    /// <summary>Raised when a group is chosen or added.</summary>
    [Parameter]
    public EventCallback<string?> SelectedChanged { get; set; }

    private string? Filter { get; set; }

    private string? NewName { get; set; }

    private string? NewDescription { get; set; }

    private string? NameError { get; set; }

    private string? DescriptionError { get; set; }

    /// <summary>
    /// How many groups the list shows at once, in name order; past that it asks for a search (the console pages its lists
    /// too): a thousand items would be most of the page's first render for a list nobody scrolls.
    /// </summary>
    public const int MaxListed = 100;

    // The groups matching the search, in name order, the first MaxListed of them and the chosen one; and how many match.
    private (List<SecurityGroup> Listed, int Matching) Shown()
    {
        var filter = Filter?.Trim() ?? "";
        var matching = Session.Estate.Groups
            .Where(g => filter.Length == 0 || g.Name.Contains(filter, StringComparison.OrdinalIgnoreCase) || g.Id.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var listed = matching.Take(MaxListed).ToList();
        if (matching.Count > MaxListed && matching.FindIndex(MaxListed, g => g.Id == Selected) is >= 0 and var chosen)
            listed.Add(matching[chosen]);
        return (listed, matching.Count);
    }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    // Most edits change nothing the list shows: re-rendering a thousand items on each one (and on every render of the
    // page) would hold back the preview. It renders when a group is added, removed, renamed or changes its rule count,
    // or when anything else it shows changed.
    private (List<(string Id, string Name, int Rules)> Groups, string? Selected, string? Filter, string? NewName, string? NewDescription,
        string? NameError, string? DescriptionError, bool CanEdit)? _rendered;

    /// <inheritdoc />
    protected override bool ShouldRender()
    {
        var groups = _rendered is { } before && Same(before.Groups, Session.Estate.Groups) ? before.Groups
            : [.. Session.Estate.Groups.Select(g => (g.Id, g.Name, g.Rules.Length))];
        var now = (groups, Selected, Filter, NewName, NewDescription, NameError, DescriptionError, Session.CanEdit);
        if (_rendered is { } shown && ReferenceEquals(shown.Groups, groups) && shown.Selected == Selected && shown.Filter == Filter &&
            shown.NewName == NewName && shown.NewDescription == NewDescription && shown.NameError == NameError &&
            shown.DescriptionError == DescriptionError && shown.CanEdit == Session.CanEdit)
            return false;
        _rendered = now;
        return true;
    }

    private static bool Same(List<(string Id, string Name, int Rules)> listed, System.Collections.Immutable.ImmutableArray<SecurityGroup> groups)
    {
        if (listed.Count != groups.Length)
            return false;
        for (var i = 0; i < groups.Length; i++)
        {
            if (listed[i] != (groups[i].Id, groups[i].Name, groups[i].Rules.Length))
                return false;
        }
        return true;
    }

    // The same sentences as the API's, from Core's table of AWS limits, shown while typing.
    private void NameChanged(string? value)
    {
        NewName = value;
        NameError = string.IsNullOrEmpty(value) ? null : AwsLimits.GroupNameProblem(value.Trim());
    }

    // An empty description is allowed here: the group then gets "<name> security group".
    private void DescriptionChanged(string? value)
    {
        NewDescription = value;
        DescriptionError = string.IsNullOrWhiteSpace(value) ? null : AwsLimits.GroupDescriptionProblem(value);
    }

    private async Task AddAsync()
    {
        var name = NewName?.Trim() ?? "";
        NameError = AwsLimits.GroupNameProblem(name);
        DescriptionChanged(NewDescription);
        if (NameError is not null || DescriptionError is not null)
            return;
        var id = Session.Ids.Next(AwsLimits.IdPrefix.Group);
        var description = string.IsNullOrWhiteSpace(NewDescription) ? $"{name} security group" : NewDescription;
        var failure = await Session.EditAsync(GroupEdits.Add(Session.Ids, id, name, description), $"add group {name}");
        var errors = failure is { Kind: StoreFailureKind.Invalid } ? failure.Errors : [];
        DescriptionError = string.Join("; ", errors.Where(e => e.Path.EndsWith(".description", StringComparison.Ordinal)).Select(e => e.Message)) is { Length: > 0 } d ? d : null;
        NameError = failure switch
        {
            null => null,
            { Kind: StoreFailureKind.Invalid } => string.Join("; ", errors.Where(e => !e.Path.EndsWith(".description", StringComparison.Ordinal)).Select(e => e.Message)) is { Length: > 0 } n ? n
                : DescriptionError is null ? failure.Message : null,
            _ => failure.Message,
        };
        if (failure is not null)
            return;
        (NewName, NewDescription) = (null, null);
        await SelectedChanged.InvokeAsync(id);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
