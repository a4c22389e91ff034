using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Tokens;

/// <summary>Creates a personal access token and then shows it, once, with a copy button.</summary>
public partial class NewTokenDialog
{
    [Inject]
    private TokenIssuer Issuer { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>Who creates the token; required.</summary>
    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>The policies a token may be bound to (those the caller may view).</summary>
    [Parameter]
    public IReadOnlyList<PolicySummary> Policies { get; set; } = [];

    private string? Name { get; set; }

    private TokenScope Scope { get; set; } = TokenScope.Read;

    private Guid PolicyId { get; set; }

    private DateTime? ExpiresOn { get; set; }

    private CreatedAccessToken? Created { get; set; }

    private StoreFailure? Failure { get; set; }

    private string? Problem => Failure is { } f && ErrorAt("name") is null && ErrorAt("expiresAt") is null ? f.Message : null;

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; true when a token was created.</summary>
    public static async Task<bool> ShowAsync(IDialogService dialogs, Caller caller, IReadOnlyList<PolicySummary> policies)
    {
        var parameters = new DialogParameters<NewTokenDialog> { { d => d.Caller, caller }, { d => d.Policies, policies } };
        var dialog = await dialogs.ShowAsync<NewTokenDialog>("New access token", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        return await dialog.Result is { Canceled: false };
    }

    private string? ErrorAt(string path) => Failure?.Errors.FirstOrDefault(e => e.Path == path)?.Message;

    private async Task CreateAsync()
    {
        Saving = true;
        DateTime? expiresAt = ExpiresOn is { } day ? DateTime.SpecifyKind(day.Date, DateTimeKind.Utc) : null;
        var created = await Issuer.CreateAsync(Caller, Name ?? "", Scope, PolicyId == Guid.Empty ? null : PolicyId, expiresAt);
        (Created, Failure) = (created.IsOk ? created.Value : null, created.Failure);
        Saving = false;
    }

    private void Cancel() => Dialog.Cancel();

    private void Done() => Dialog.Close(DialogResult.Ok(true));
}
