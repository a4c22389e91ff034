using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Plans;
using SgDesigner.Core.Review;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Plans;

/// <summary>
/// A Terraform plan reviewed in reachability terms (<c>/policies/{id}/plan-impact</c>): upload what
/// <c>terraform show -json tfplan</c> printed and see, on the newest revision, what it opens and closes exactly as a
/// change request shows it (<see cref="ChangeTabs"/>), gated by the policy's assertions. For teams whose changes arrive
/// as Terraform pull requests rather than through the designer. Nothing is stored.
/// </summary>
public partial class PlanImpactPage
{
    /// <summary>The largest plan read, in bytes.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private PolicySettingsStore Settings { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    private PolicySummary? Summary { get; set; }

    private string? Problem { get; set; }

    private bool Busy { get; set; }

    private string? PlanError { get; set; }

    private string FileName { get; set; } = "";

    private PlanImpact? Result { get; set; }

    /// <summary>The flows network-ACL changes of the plan decide, with those resources: the change tabs name group rules only.</summary>
    private IEnumerable<(Core.Diff.FlowChange Change, System.Collections.Immutable.ImmutableArray<string> Resources)> AclFlows =>
        Result is null || Result.AclRulesOfFlows.IsDefaultOrEmpty ? [] : Result.Flows.Changes.Zip(Result.AclRulesOfFlows).Where(x => !x.Second.IsEmpty);

    private ImpactView? Impact { get; set; }

    private string Verdict => Result is null ? "" : Result.Blocked ? "blocked" : Result.Opens ? "opens" : "opens-nothing";

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Terraform plan", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var summary = await (await Circuit.RequireAsync()).ViewPolicyAsync(Access, Store, PolicyId);
        Summary = summary.IsOk ? summary.Value : null;
        Problem = summary.IsOk ? null : summary.Failure!.Message;
    }

    private async Task ReadPlanAsync(InputFileChangeEventArgs e)
    {
        (Busy, PlanError, Result, Impact, FileName) = (true, null, null, null, e.File.Name);
        try
        {
            if (e.File.Size > MaxBytes)
            {
                PlanError = $"{e.File.Name}: {e.File.Size / 1048576.0:0.#} MB is over the {MaxBytes / 1048576} MB a plan may have";
                return;
            }
            string text;
            await using (var stream = e.File.OpenReadStream(MaxBytes))
            using (var reader = new StreamReader(stream))
                text = await reader.ReadToEndAsync();
            await AnalyzeAsync(e.File.Name, text);
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task AnalyzeAsync(string fileName, string text)
    {
        var plan = TerraformPlanReader.Read(text, fileName);
        if (!plan.IsOk)
        {
            PlanError = plan.Error;
            return;
        }
        var revision = await Store.GetRevisionAsync(PolicyId, null);
        var settings = await Settings.GetAsync(PolicyId);
        if (!revision.IsOk || !settings.IsOk)
        {
            PlanError = (revision.Failure ?? settings.Failure)!.Message;
            return;
        }
        var assertions = AssertionParser.Parse(settings.Value.Assertions).Assertions;
        var baseNumber = revision.Value.Info.Number;
        var lint = settings.Value.LintOptions(Clock.GetUtcNow().UtcDateTime);
        var (result, view) = await Task.Run(() =>
        {
            var impact = PlanImpact.Of(plan.Value, revision.Value.Estate, assertions, lint);
            if (!impact.IsOk)
                return (impact, (ImpactView?)null);
            var change = ChangeImpact.Analyze(impact.Value.Before, impact.Value.After, assertions, lint, CancellationToken.None);
            return (impact, ImpactView.From(change, baseNumber, 0, IdNames.Of(impact.Value.Before, impact.Value.After), impact.Value.AclAddressOf));
        });
        if (!result.IsOk)
            PlanError = result.Error;
        else
            (Result, Impact) = (result.Value, view);
    }

    private static string Action(PlanAction action) => action switch
    {
        PlanAction.NoOp => "no-op",
        var a => a.ToString().ToLowerInvariant(),
    };
}
