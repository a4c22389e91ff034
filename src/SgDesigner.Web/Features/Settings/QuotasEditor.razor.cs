using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Settings;

/// <summary>
/// The draft's quotas (rules per group and direction, groups per network interface) and a form to change them. Values
/// outside AWS's bounds show <see cref="AwsLimits"/>' sentence at their field and are not sent; a change goes through
/// <see cref="DesignSession"/> to <see cref="DraftEditor"/> with the edit <c>PUT /api/drafts/{id}/quotas</c> makes.
/// </summary>
public sealed partial class QuotasEditor : IDisposable
{
    private const string RulesField = "quotas.rulesPerDirection", GroupsField = "quotas.groupsPerEni";

    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool Editing { get; set; }

    private bool Busy { get; set; }

    private string? RulesText { get; set; }

    private string? GroupsText { get; set; }

    private string? RulesError { get; set; }

    private string? GroupsError { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _seen = (Session.Estate.Quotas, Session.CanEdit);
        Session.Changed += OnChanged;
    }

    // The quotas and the right to edit as of the session's last change: a rule edit changes neither and renders nothing here.
    private (SgDesigner.Core.Model.Quotas Quotas, bool CanEdit) _seen;

    private void OnChanged()
    {
        if (_seen == (Session.Estate.Quotas, Session.CanEdit))
            return;
        _seen = (Session.Estate.Quotas, Session.CanEdit);
        _ = InvokeAsync(StateHasChanged);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;

    private void Edit()
    {
        RulesText = Session.Estate.Quotas.RulesPerDirection.ToString(CultureInfo.InvariantCulture);
        GroupsText = Session.Estate.Quotas.GroupsPerEni.ToString(CultureInfo.InvariantCulture);
        Check();
        Editing = true;
    }

    private void Cancel() => Editing = false;

    private void RulesChanged(string? text)
    {
        RulesText = text;
        Check();
    }

    private void GroupsChanged(string? text)
    {
        GroupsText = text;
        Check();
    }

    // The fields as numbers, with each field's first problem (not a number, then AWS's bounds and their product).
    private (int? Rules, int? Groups) Check()
    {
        var rules = Parse(RulesText, out var rulesError);
        var groups = Parse(GroupsText, out var groupsError);
        (RulesError, GroupsError) = (rulesError, groupsError);
        foreach (var (field, message) in AwsLimits.QuotaProblems(rules ?? 1, groups ?? 1))
        {
            if (field == "rulesPerDirection" && rules is not null)
                RulesError ??= message;
            else if (field == "groupsPerEni" && groups is not null && rules is not null)
                GroupsError ??= message;
        }
        return (rules, groups);
    }

    private static int? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a number is required";
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        error = $"'{text.Trim()}' is not a whole number";
        return null;
    }

    private async Task SaveAsync()
    {
        var (rules, groups) = Check();
        if (RulesError is not null || GroupsError is not null)
            return;
        Busy = true;
        try
        {
            var failure = await Session.EditAsync(ContentEdits.SetQuotas(rules, groups), $"set quotas to {rules} rules and {groups} groups");
            if (failure is null)
            {
                Editing = false;
                Snackbar.Add($"Quotas set: {rules} rules per group and direction, {groups} groups per network interface", Severity.Success);
                return;
            }
            RulesError = ErrorsAt(failure, RulesField);
            GroupsError = ErrorsAt(failure, GroupsField);
            if (RulesError is null && GroupsError is null)
                Snackbar.Add($"The quotas were not set: {failure.Message}", Severity.Warning);
        }
        finally
        {
            Busy = false;
        }
    }

    private static string? ErrorsAt(StoreFailure failure, string path) =>
        string.Join("; ", failure.Errors.Where(e => e.Path == path).Select(e => e.Message)) is { Length: > 0 } text ? text : null;
}
