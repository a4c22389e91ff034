using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Policies;

/// <summary>The first page: every policy with its revision count and last change; search, create, rename, delete.</summary>
public partial class PoliciesPage
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private PolicyEditor Editor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    private IReadOnlyList<PolicySummary>? Summaries { get; set; }

    private bool Loading { get; set; }

    // The policies whose owners (or an administrator) may rename and delete them here.
    private HashSet<Guid> Manageable { get; set; } = [];

    private string? Search { get; set; }

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        Loading = true;
        var caller = await Circuit.RequireAsync();
        var roles = await Access.RolesAsync(caller.UserId);
        var all = await Store.ListPoliciesAsync();
        PolicyRole? RoleOn(PolicySummary p) => roles.TryGetValue(p.Id, out var role) ? role : null;
        Summaries = [.. all.Where(p => PolicyAccess.Allows(RoleOn(p), caller.IsAdministrator, PolicyAction.View, p.Id))];
        Manageable = [.. all.Where(p => PolicyAccess.Allows(RoleOn(p), caller.IsAdministrator, PolicyAction.ManageSettings, p.Id)).Select(p => p.Id)];
        Loading = false;
    }

    private bool Matches(PolicySummary policy) =>
        string.IsNullOrWhiteSpace(Search)
        || policy.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
        || policy.Description.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase);

    private async Task CreateAsync()
    {
        if (await PolicyNameDialog.ShowAsync(Dialogs, null) is { } created)
            Navigation.NavigateTo($"/policies/{created.Id}");
    }

    private async Task RenameAsync(PolicySummary policy)
    {
        if (await PolicyNameDialog.ShowAsync(Dialogs, policy) is { } renamed)
        {
            Snackbar.Add($"Renamed to “{renamed.Name}”.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(PolicySummary policy)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete policy",
            $"Delete “{policy.Name}” with its {policy.RevisionCount} revision(s), its drafts and its audit trail? This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        var caller = await Circuit.RequireAsync();
        var deleted = await Editor.DeleteAsync(caller, policy.Id);
        if (deleted.IsOk)
            Snackbar.Add($"Deleted “{policy.Name}”.", Severity.Success);
        else
            Snackbar.Add(deleted.Failure!.Message, Severity.Warning);
        await LoadAsync();
    }

    /// <summary>A UTC time as the page shows it.</summary>
    internal static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
