using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Audit;

/// <summary>
/// The audit trail, newest first: every policy's for administrators, or one policy's (<c>?policy=</c>) for whoever may
/// view it; filtered by action family, actor and days; downloadable as CSV through the API with the same filters.
/// </summary>
public partial class AuditPage
{
    /// <summary>Entries the page shows at most; the CSV has them all.</summary>
    internal const int PageLimit = 500;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private PolicyStore Policies { get; set; } = default!;

    [Inject]
    private AuditLog Log { get; set; } = default!;

    [Inject]
    private IDbContextFactory<SgDbContext> Contexts { get; set; } = default!;

    /// <summary>The policy whose trail to show, from <c>?policy=</c>; left out (the default), every policy's, to administrators.</summary>
    [SupplyParameterFromQuery(Name = "policy")]
    public string? PolicyText { get; set; }

    // The policy's id as parsed from PolicyText; null for every policy's trail.
    private Guid? PolicyId { get; set; }

    private PolicySummary? Summary { get; set; }

    private IReadOnlyList<AuditEntry> Entries { get; set; } = [];

    // Names for the ids in the entries, per policy (each policy's newest revision has the names people know; ids of
    // two policies' estates may be the same, e.g. two copies of one estate).
    private Dictionary<Guid, IdNames> NamesByPolicy { get; set; } = [];

    private IdNames NamesOf(AuditEntry entry) =>
        entry.PolicyId is { } policy && NamesByPolicy.TryGetValue(policy, out var names) ? names : IdNames.None;

    private IReadOnlyCollection<string> Families { get; set; } = [];

    private string? Actor { get; set; }

    private string? FromDay { get; set; }

    private string? ToDay { get; set; }

    private bool Loading { get; set; }

    private string? Problem { get; set; }

    private string? FilterProblem { get; set; }

    private string CsvLink { get; set; } = "/api/audit.csv";

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Audit trail", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var me = await Circuit.RequireAsync();
        (Summary, (PolicyId, Problem)) = (null, PageQuery.Id(PolicyText, "policy", "a policy"));
        if (Problem is not null)
            return;
        if (PolicyId is { } policy)
        {
            if (await Access.RefusalAsync(me.UserId, PolicyAction.View, policy, me.Token) is { } refused)
            {
                Problem = refused.Message;
                return;
            }
            var summary = await Policies.GetPolicyAsync(policy);
            Summary = summary.IsOk ? summary.Value : null;
        }
        else if (!me.IsAdministrator)
        {
            Problem = "The trail of every policy is for administrators; open a policy's own trail from its page.";
            return;
        }
        await LoadAsync();
    }

    private async Task FamiliesChangedAsync(IReadOnlyCollection<string>? families)
    {
        Families = families ?? [];
        await LoadAsync();
    }

    private async Task ActorChangedAsync(string? actor)
    {
        Actor = actor;
        await LoadAsync();
    }

    private async Task FromChangedAsync(string? day)
    {
        FromDay = day;
        await LoadAsync();
    }

    private async Task ToChangedAsync(string? day)
    {
        ToDay = day;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Loading = true;
        var (parsed, errors) = AuditQuery.Parse(PolicyId?.ToString(), Families, Actor, FromDay, DayAfter(ToDay),
            PageLimit.ToString(CultureInfo.InvariantCulture));
        var me = await Circuit.RequireAsync();
        var (query, actorError) = parsed is null ? (null, null) : await parsed.ResolveActorAsync(Contexts, sayWhenUnknown: me.IsAdministrator);
        if (query is null)
        {
            FilterProblem = actorError ?? string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value));
            Entries = [];
        }
        else
        {
            FilterProblem = null;
            // Before the awaits: a render between them showed the new entries beside the previous filter's link.
            CsvLink = "/api/audit.csv" + (parsed! with { Limit = AuditQuery.MaxLimit }).ToQueryString();
            Entries = await query.RunAsync(Log);
            await LoadNamesAsync();
        }
        Loading = false;
    }

    // Entries name groups, instances and prefix lists by id: the names of every policy the entries concern, read once.
    private async Task LoadNamesAsync()
    {
        foreach (var policy in Entries.Select(e => e.PolicyId).OfType<Guid>().Distinct().Where(p => !NamesByPolicy.ContainsKey(p)))
        {
            var newest = await Policies.GetRevisionAsync(policy);
            NamesByPolicy[policy] = newest.IsOk ? IdNames.Of(newest.Value.Estate) : IdNames.None;
        }
    }

    // The page's "to" day is included; the query's end is exclusive.
    private static string? DayAfter(string? day) =>
        DateOnly.TryParse(day, CultureInfo.InvariantCulture, out var d) ? d.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day;

    private static string Target(AuditEntry entry) =>
        entry.TargetKind is null ? "" : $"{entry.TargetKind} {entry.TargetId}".Trim();
}
