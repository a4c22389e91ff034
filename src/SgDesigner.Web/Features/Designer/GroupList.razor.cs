using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
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

    private IEnumerable<SecurityGroup> Shown => Session.Estate.Groups
        .Where(g => string.IsNullOrWhiteSpace(Filter)
            || g.Name.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase)
            || g.Id.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase))
        .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task AddAsync()
    {
        var name = NewName?.Trim() ?? "";
        if (name.Length == 0)
        {
            NameError = "a group name is required";
            return;
        }
        var id = Session.Ids.Next("sg-");
        var description = string.IsNullOrWhiteSpace(NewDescription) ? $"{name} security group" : NewDescription;
        var failure = await Session.EditAsync(GroupEdits.Add(Session.Ids, id, name, description), $"add group {name}");
        NameError = failure switch
        {
            null => null,
            { Kind: StoreFailureKind.Invalid } => string.Join("; ", failure.Errors.Select(e => e.Message)),
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
