using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Insight;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Policies;

/// <summary>
/// The rules of a policy's newest revision due for review (<c>/policies/{id}/recertification</c>), by owner, each with
/// the flows only it allows (<see cref="RuleInsight"/>), so an owner can tell what removing the rule would close.
/// </summary>
public sealed partial class RecertificationPage : IDisposable
{
    /// <summary>Flows shown per rule before saying how many more there are.</summary>
    public const int MaxFlows = 5;

    /// <summary>Rules whose flows are computed; each costs a reachability analysis.</summary>
    public const int MaxRulesAnalysed = 50;

    private CancellationTokenSource? _cts;
    private Estate? _estate;

    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    /// <summary>The window in days, from <c>?days=</c> (0 to <see cref="MaxDays"/>); <see cref="DefaultDays"/> when left out or not such a number.</summary>
    [Parameter, SupplyParameterFromQuery(Name = "days")]
    public string? DaysQuery { get; set; }

    /// <summary>The window when none is given.</summary>
    public const int DefaultDays = 30;

    /// <summary>The widest window.</summary>
    public const int MaxDays = 3650;

    private int Days { get; set; } = DefaultDays;

    // What is wrong with ?days=, shown above the list (which then uses the default window).
    private string? DaysProblem { get; set; }

    private PolicySummary? Summary { get; set; }

    private string? Problem { get; set; }

    private ImmutableArray<OwnerDueRules> Due { get; set; }

    private Dictionary<string, ImmutableArray<RuleFlow>> Flows { get; } = new(StringComparer.Ordinal);

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Recertification", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var (days, problem) = PageQuery.WholeNumber(DaysQuery, "days", 0, MaxDays);
        (Days, DaysProblem) = (days ?? DefaultDays, problem is null ? null : $"{problem}; showing {DefaultDays} days.");
        var summary = await (await Circuit.RequireAsync()).ViewPolicyAsync(Access, Store, PolicyId);
        Summary = summary.IsOk ? summary.Value : null;
        Problem = summary.IsOk ? null : summary.Failure!.Message;
        if (!summary.IsOk)
            return;
        var revision = await Store.GetRevisionAsync(PolicyId, null);
        if (!revision.IsOk)
        {
            Problem = revision.Failure!.Message;
            return;
        }
        _estate = revision.Value.Estate;
        await ListAsync();
    }

    private async Task DaysChangedAsync(int days)
    {
        (Days, DaysProblem) = (Math.Clamp(days, 0, MaxDays), null);
        await ListAsync();
    }

    // The list at once; the flows of the first rules after it, off the render thread, one rule at a time.
    private async Task ListAsync()
    {
        if (_cts is not null)
            await _cts.CancelAsync();
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        var ct = _cts.Token;
        var estate = _estate!;
        Due = Recertification.Due(estate, Today, Days);
        Flows.Clear();
        var ids = Due.SelectMany(o => o.Rules).Take(MaxRulesAnalysed).Select(d => d.Rule.Id).ToList();
        if (ids.Count == 0)
            return;
        StateHasChanged();
        try
        {
            var engine = await Task.Run(() => ReachabilityEngine.Build(estate), ct);
            foreach (var id in ids)
            {
                var insight = await Task.Run(() => RuleInsight.Of(engine, id, ct), ct);
                if (ct.IsCancellationRequested)
                    return;
                Flows[id] = insight.OnlyThis;
                StateHasChanged();
            }
        }
        catch (OperationCanceledException)
        {
            // Another window took over.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
