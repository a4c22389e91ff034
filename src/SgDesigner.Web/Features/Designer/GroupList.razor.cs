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

    private IEnumerable<SecurityGroup> Shown => Session.Estate.Groups
        .Where(g => string.IsNullOrWhiteSpace(Filter)
            || g.Name.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase)
            || g.Id.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase))
        .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

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
