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
    protected override void OnInitialized()
    {
        _seen = (Session.CanEdit, Session.UndoDescription);
        Session.Changed += OnChanged;
    }

    // What the button shows as of the session's last change (an edit's "shown" and "stored" changes differ in the undo list only).
    private (bool CanEdit, string? What) _seen;

    private void OnChanged()
    {
        if (_seen == (Session.CanEdit, Session.UndoDescription))
            return;
        _seen = (Session.CanEdit, Session.UndoDescription);
        _ = InvokeAsync(StateHasChanged);
    }

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
