using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace SgDesigner.Web.Features.Designer;

/// <summary>Takes back the last change made in this browser tab; its tooltip names that change.</summary>
public partial class UndoButton : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool Busy { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    /// <inheritdoc />
    public void Dispose()
    {
        Session.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }

    private async Task UndoAsync()
    {
        var what = Session.UndoDescription;
        Busy = true;
        try
        {
            var failure = await Session.UndoAsync();
            if (failure is null)
                Snackbar.Add($"Undone: {what}", Severity.Info);
            else
                Snackbar.Add($"Could not undo: {failure.Message}", Severity.Warning);
        }
        finally
        {
            Busy = false;
        }
    }
}
