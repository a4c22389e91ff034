using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Settings;

/// <summary>A policy's review settings: its viewers read them, its owners (and administrators) change them.</summary>
public partial class SettingsPage
{
    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private PolicyStore Policies { get; set; } = default!;

    [Inject]
    private ReviewStore Reviews { get; set; } = default!;

    [Inject]
    private IDbContextFactory<SgDbContext> Contexts { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    private Caller? Me { get; set; }

    private PolicySummary? Summary { get; set; }

    private PolicySettingsView? Current { get; set; }

    private int RequiredApprovals { get; set; }

    private bool CanManage { get; set; }

    private bool Saving { get; set; }

    private string? Problem { get; set; }

    private StoreFailure? Failure { get; set; }

    private string? SaveProblem => Failure is { Errors.IsEmpty: true } f ? f.Message : null;

    private bool Changed => Current is not null && RequiredApprovals != Current.RequiredApprovals;

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Settings", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        Me = await Circuit.RequireAsync();
        if (await Access.RefusalAsync(Me.UserId, PolicyAction.View, PolicyId, Me.Token) is { } refused)
        {
            Problem = refused.Message;
            return;
        }
        var summary = await Policies.GetPolicyAsync(PolicyId);
        if (!summary.IsOk)
        {
            Problem = summary.Failure!.Message;
            return;
        }
        Summary = summary.Value;
        CanManage = await Me.MayAsync(Access, PolicyAction.ManageSettings, PolicyId);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var settings = await PolicySettingsReader.GetAsync(Contexts, PolicyId);
        if (!settings.IsOk)
        {
            Problem = settings.Failure!.Message;
            return;
        }
        Current = settings.Value;
        RequiredApprovals = Current.RequiredApprovals;
    }

    private string? ErrorAt(string path) => Failure?.Errors.FirstOrDefault(e => e.Path == path)?.Message;

    private async Task SaveAsync()
    {
        Saving = true;
        Failure = null;
        if (RequiredApprovals != Current!.RequiredApprovals)
            Failure = (await Reviews.SetRequiredApprovalsAsync(Me!.Actor, PolicyId, RequiredApprovals)).Failure;
        if (Failure is null)
        {
            Snackbar.Add("Settings saved.", Severity.Success);
            await LoadAsync();
        }
        Saving = false;
    }
}
