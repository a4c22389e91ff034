using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The draft's title, revision, status, version and whether an edit is being saved. Its own listener of the session, so that
/// the version and "saving…" that change on every edit re-render these three lines, not the designer page around them.
/// </summary>
public sealed partial class DraftHeading : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    // What the lines show, as of the session's last change: a change that leaves it as it was renders nothing.
    private (DraftInfo? Info, bool Storing) _seen;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _seen = (Session.Info, Session.Storing);
        Session.Changed += OnChanged;
    }

    private void OnChanged()
    {
        if (_seen == (Session.Info, Session.Storing))
            return;
        _seen = (Session.Info, Session.Storing);
        _ = InvokeAsync(StateHasChanged);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
