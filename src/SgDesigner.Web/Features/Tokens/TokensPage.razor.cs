using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Policies;

namespace SgDesigner.Web.Features.Tokens;

/// <summary>The signed-in user's personal access tokens: list, create (the token is shown once), revoke.</summary>
public partial class TokensPage
{
    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private AccessTokenStore Store { get; set; } = default!;

    [Inject]
    private TokenIssuer Issuer { get; set; } = default!;

    [Inject]
    private PolicyStore Policies { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private Caller? Me { get; set; }

    private IReadOnlyList<AccessTokenInfo>? Tokens { get; set; }

    private IReadOnlyList<PolicySummary> Visible { get; set; } = [];

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Me = await Circuit.RequireAsync();
        var visible = (await Access.VisiblePoliciesAsync(Me.UserId, Me.Token)).ToHashSet();
        Visible = [.. (await Policies.ListPoliciesAsync()).Where(p => visible.Contains(p.Id))];
        await LoadAsync();
    }

    private async Task LoadAsync() => Tokens = await Store.ListAsync(Me!.UserId);

    private string PolicyName(Guid policyId) => Visible.FirstOrDefault(p => p.Id == policyId)?.Name ?? policyId.ToString();

    private static string When(DateTime? utc, string none) => utc is { } t ? PoliciesPage.When(t) : none;

    private async Task CreateAsync()
    {
        if (await NewTokenDialog.ShowAsync(Dialogs, Me!, Visible))
            await LoadAsync();
    }

    private async Task RevokeAsync(AccessTokenInfo token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke token", $"Revoke “{token.Name}” ({token.Prefix}…)? Scripts using it stop working at once.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
            return;
        var revoked = await Issuer.RevokeAsync(Me!, token.Id);
        Snackbar.Add(revoked.IsOk ? $"Revoked “{token.Name}”." : revoked.Failure!.Message, revoked.IsOk ? Severity.Success : Severity.Warning);
        await LoadAsync();
    }
}
