using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Model;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Policies;

/// <summary>A policy, read-only: a revision's (by default the newest's) groups with their rules, and its instances and ENIs.</summary>
public partial class PolicyPage
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    /// <summary>The policy to show, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    /// <summary>The revision to show, from <c>?revision=N</c>; left out (the default), the newest.</summary>
    [SupplyParameterFromQuery(Name = "revision")]
    public string? RevisionText { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    private IReadOnlyList<RevisionInfo> Revisions { get; set; } = [];

    private int CompareFrom { get; set; }

    private int CompareTo { get; set; }

    private PolicySummary? Summary { get; set; }

    private RevisionContent? Revision { get; set; }

    private string? Problem { get; set; }

    private Estate Estate => Revision?.Estate ?? Estate.Empty;

    private IReadOnlyDictionary<string, string> NamesById { get; set; } = new Dictionary<string, string>();

    private IEnumerable<NetworkInterface> Interfaces => Estate.NetworkInterfaces
        .OrderBy(n => n.InstanceId is null).ThenBy(n => InstanceText(n.InstanceId), StringComparer.OrdinalIgnoreCase).ThenBy(n => n.DeviceIndex);

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var summary = await (await Circuit.RequireAsync()).ViewPolicyAsync(Access, Store, PolicyId);
        var (number, badQuery) = PageQuery.WholeNumber(RevisionText, "revision", 1);
        var revision = summary.IsOk && badQuery is null ? await Store.GetRevisionAsync(PolicyId, number) : default;
        if (!summary.IsOk || badQuery is not null || !revision.IsOk)
        {
            Problem = summary.Failure?.Message ?? badQuery ?? revision.Failure!.Message;
            return;
        }
        (Summary, Revision, Problem) = (summary.Value, revision.Value, null);
        var revisions = await Store.ListRevisionsAsync(PolicyId);
        Revisions = revisions.IsOk ? revisions.Value : [revision.Value.Info];
        // The history tab's comparison starts as "the revision shown, with the latest" (or with its predecessor when it is the latest).
        CompareTo = summary.Value.LatestRevision;
        CompareFrom = revision.Value.Info.Number == CompareTo ? Math.Max(1, CompareTo - 1) : revision.Value.Info.Number;
        NamesById = Estate.Groups.Select(g => (g.Id, g.Name))
            .Concat(Estate.PrefixLists.Select(p => (p.Id, p.Name)))
            .DistinctBy(x => x.Id).ToDictionary(x => x.Id, x => x.Name);
    }

    private void ShowRevision(int number) => Navigation.NavigateTo($"/policies/{PolicyId}?revision={number}");

    private string NameOf(string groupId) => NamesById.TryGetValue(groupId, out var name) ? name : groupId;

    private string InstanceText(string? instanceId)
    {
        if (instanceId is null)
            return "—";
        var name = Estate.Instances.FirstOrDefault(i => i.Id == instanceId)?.Name;
        return name is null ? instanceId : $"{name} ({instanceId})";
    }
}
