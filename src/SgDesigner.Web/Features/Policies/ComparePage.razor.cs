using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Features.Policies;

/// <summary>
/// Two revisions of a policy compared (<c>/policies/{id}/compare/{from}...{to}</c>, GitHub's habit): the rule diff and the
/// reachability diff as a change request's page shows them (<see cref="ChangeTabs"/>), with a way to revert to the first.
/// </summary>
public partial class ComparePage
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private RevisionComparisons Comparisons { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    /// <summary>The revisions compared, from the route: <c>from...to</c> (<c>from..to</c> is read too).</summary>
    [Parameter]
    public string Range { get; set; } = "";

    private int From { get; set; }

    private int To { get; set; }

    private PolicySummary? Summary { get; set; }

    private IReadOnlyList<RevisionInfo> Revisions { get; set; } = [];

    private ImpactView? Impact { get; set; }

    private string? Problem { get; set; }

    private string? ImpactProblem { get; set; }

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new($"Compare {From}…{To}", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        (Impact, ImpactProblem) = (null, null);
        if (ReadRange(Range) is not { } range)
        {
            Problem = $"{QuotedValue.Of(Range)} is not a comparison: write the two revisions as from...to, e.g. 1...3.";
            return;
        }
        (From, To) = range;
        var summary = await (await Circuit.RequireAsync()).ViewPolicyAsync(Access, Store, PolicyId);
        if (!summary.IsOk)
        {
            Problem = summary.Failure!.Message;
            return;
        }
        var revisions = await Store.ListRevisionsAsync(PolicyId);
        (Summary, Revisions, Problem) = (summary.Value, revisions.IsOk ? revisions.Value : [], null);
        var impact = await Comparisons.CompareAsync(PolicyId, From, To);
        if (impact.IsOk)
            Impact = impact.Value;
        else
            ImpactProblem = impact.Failure!.Message;
    }

    // "1...3" or "1..3".
    private static (int From, int To)? ReadRange(string text)
    {
        var parts = text.Split(text.Contains("...", StringComparison.Ordinal) ? "..." : "..");
        return parts.Length == 2 && Number(parts[0]) is { } from && Number(parts[1]) is { } to ? (from, to) : null;
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    private void Go(int from, int to) => Navigation.NavigateTo($"/policies/{PolicyId}/compare/{from}...{to}");
}
