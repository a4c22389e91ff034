using System.Globalization;
using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Policies;

/// <summary>The first page: every policy with its revision count and last change.</summary>
public partial class PoliciesPage
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    private IReadOnlyList<PolicySummary>? Summaries { get; set; }

    private bool Loading { get; set; }

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        Loading = true;
        Summaries = await Store.ListPoliciesAsync();
        Loading = false;
    }

    /// <summary>A UTC time as the page shows it.</summary>
    internal static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
