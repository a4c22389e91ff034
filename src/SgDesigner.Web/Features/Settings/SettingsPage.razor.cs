using Microsoft.AspNetCore.Components;
using System.Globalization;
using System.Text.RegularExpressions;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Settings;

/// <summary>A policy's review settings: its viewers read them, its owners (and administrators) change them.</summary>
public partial class SettingsPage
{
    private const string AssertionExample = "{\"from\": \"web-1\", \"to\": \"db-1\", \"protocol\": \"tcp\", \"port\": 5432, \"expect\": \"allow\"}";

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private PolicyStore Policies { get; set; } = default!;

    [Inject]
    private SettingsEditor Editor { get; set; } = default!;

    [Inject]
    private PolicySettingsStore Settings { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    private Caller? Me { get; set; }

    private PolicySummary? Summary { get; set; }

    private PolicySettings? Current { get; set; }

    private int RequiredApprovals { get; set; }

    private string? Assertions { get; set; }

    private bool AssertionsBlockMerge { get; set; }

    private bool RequireJustification { get; set; }

    // The store's errors at "assertions[line N]", by line: shown under the text with the line they are about.
    private IReadOnlyList<(int Line, string Message)> AssertionErrors =>
        Failure is null ? [] : [.. Failure.Errors.Select(e => (Match: LinePath().Match(e.Path), e.Message))
            .Where(e => e.Match.Success).Select(e => (int.Parse(e.Match.Groups[1].Value, CultureInfo.InvariantCulture), e.Message))];

    private bool CanManage { get; set; }

    private bool Saving { get; set; }

    private string? Problem { get; set; }

    private StoreFailure? Failure { get; set; }

    private string? SaveProblem => Failure is not { } f || ErrorAt("requiredApprovals") is not null || AssertionErrors.Count > 0 ? null
        : f.CurrentTag is not null ? StaleSave : f.Message;

    private const string StaleSave = "The settings were changed by someone else since this page read them; nothing was saved. "
        + "Their change now shows in the fields you had not edited, and your edits are kept: check them and save again.";

    private bool Changed => Current is not null && (RequiredApprovals != Current.RequiredApprovals || (Assertions ?? "") != Current.Assertions
        || AssertionsBlockMerge != Current.AssertionsBlockMerge || RequireJustification != Current.RequireJustification);

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Settings", null, disabled: true)];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        Me = await Circuit.RequireAsync();
        var summary = await Me.ViewPolicyAsync(Access, Policies, PolicyId);
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
        var settings = await Settings.GetAsync(PolicyId);
        if (!settings.IsOk)
        {
            Problem = settings.Failure!.Message;
            return;
        }
        Show(settings.Value);
    }

    // The fields show exactly these settings, and the next save is checked against them.
    private void Show(PolicySettings settings)
    {
        Current = settings;
        (RequiredApprovals, Assertions, AssertionsBlockMerge, RequireJustification) =
            (Current.RequiredApprovals, Current.Assertions, Current.AssertionsBlockMerge, Current.RequireJustification);
    }

    private string? ErrorAt(string path) => Failure?.Errors.FirstOrDefault(e => e.Path == path)?.Message;

    private string LineText(int line) =>
        (Assertions ?? "").Split('\n') is var lines && line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";

    private async Task SaveAsync()
    {
        Saving = true;
        var read = Current!;
        // Only over the settings this page read: the form holds every field, so a save over someone else's change (another
        // tab, an assertion added from the matrix) would put back what they replaced.
        var saved = await Editor.ApplyAsync(Me!, PolicyId, new SettingsChange(RequiredApprovals, Assertions ?? "", AssertionsBlockMerge, RequireJustification),
            PolicySettingsStore.Tag(read));
        Failure = saved.Failure;
        if (saved.IsOk)
        {
            Snackbar.Add("Settings saved.", Severity.Success);
            // What this save stored, not a later read: a change made since then is someone else's, and saving over it
            // must be refused as stale rather than undo it with what the form still held.
            Show(saved.Value);
        }
        else if (saved.Failure!.CurrentTag is not null && await Settings.GetAsync(PolicyId) is { IsOk: true } stored)
        {
            // Refused as stale (a save stores all of it or nothing): their change shows, the user's edits stay.
            ShowTheirsKeepingEdits(read, stored.Value);
            Current = stored.Value;
        }
        Saving = false;
    }

    // After a save refused as stale: each field the user left as it was read shows the change made meanwhile; their edits stay.
    private void ShowTheirsKeepingEdits(PolicySettings read, PolicySettings theirs)
    {
        if (RequiredApprovals == read.RequiredApprovals)
            RequiredApprovals = theirs.RequiredApprovals;
        if ((Assertions ?? "") == read.Assertions)
            Assertions = theirs.Assertions;
        if (AssertionsBlockMerge == read.AssertionsBlockMerge)
            AssertionsBlockMerge = theirs.AssertionsBlockMerge;
        if (RequireJustification == read.RequireJustification)
            RequireJustification = theirs.RequireJustification;
    }

    [GeneratedRegex(@"^assertions\[line (\d+)\]$")]
    private static partial Regex LinePath();
}
