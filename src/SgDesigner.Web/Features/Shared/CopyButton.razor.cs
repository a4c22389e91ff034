using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace SgDesigner.Web.Features.Shared;

/// <summary>Copies a text to the clipboard: a secret shown once (a sign-up link, an access token), or an id beside its name.</summary>
public partial class CopyButton
{
    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The text to copy; required.</summary>
    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    /// <summary>The tooltip and accessible name; "Copy" by default.</summary>
    [Parameter]
    public string Label { get; set; } = "Copy";

    /// <summary>Other attributes (data-testid) for the button.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    private async Task CopyAsync()
    {
        await JS.InvokeVoidAsync("navigator.clipboard.writeText", Text);
        Snackbar.Add("Copied.", Severity.Info);
    }
}
