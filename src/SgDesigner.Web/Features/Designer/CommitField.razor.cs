using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// A text field that hands its text over only when the user commits it (Enter or leaving the field), never while
/// typing: a half-typed value such as <c>10.30.0.0/1</c> is never parsed or stored. Escape puts the stored text back.
/// </summary>
public sealed partial class CommitField
{
    private MudTextField<string>? _field;

    // Bumped to rebuild the input with the stored text: a browser input keeps what was typed as long as the rendered
    // value does not change, and while typing the server does not know the typed text.
    private int _generation;

    private bool _refocus;

    /// <summary>The stored text.</summary>
    [Parameter]
    public string? Value { get; set; }

    /// <summary>Raised with the text when the user commits a changed value.</summary>
    [Parameter]
    public EventCallback<string> Committed { get; set; }

    /// <summary>Raised when the user presses Escape, before the field shows <see cref="Value"/> again: the owner may put its model back to the stored value first.</summary>
    [Parameter]
    public EventCallback Reverted { get; set; }

    /// <summary>A problem shown at the field, or null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>A note shown under the field (e.g. a value that was normalized), or null.</summary>
    [Parameter]
    public string? Warning { get; set; }

    /// <summary>The label, or null.</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>The placeholder, or null.</summary>
    [Parameter]
    public string? Placeholder { get; set; }

    /// <summary>Inline style, or null.</summary>
    [Parameter]
    public string? Style { get; set; }

    /// <summary>Whether the field is disabled.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>Whether the field is read-only (shown, focusable, not editable), e.g. ports fixed by a rule type.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Other attributes (data-testid, aria-label), put on the input.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public Dictionary<string, object?> Attributes { get; set; } = [];

    /// <summary>Moves the keyboard focus into the field.</summary>
    public async Task FocusAsync()
    {
        if (_field is not null)
            await _field.FocusAsync();
    }

    /// <summary>Shows the stored text again, keeping the focus in the field.</summary>
    public void Revert()
    {
        _generation++;
        _refocus = true;
    }

    // Enter commits through the browser's change event, which follows the key down; the focus stays in the field.
    private bool _enterDown;

    // Text committed with Enter: the field shows the stored text once it comes back different (normalized).
    private string? _committedByEnter;

    private async Task CommitAsync(string? text)
    {
        var typed = text ?? string.Empty;
        var enter = _enterDown;
        _committedByEnter = enter ? typed : null;
        _enterDown = false;
        await Committed.InvokeAsync(typed);
        // The owner stored something else (normalized), or nothing new (the same value in another spelling): show
        // what is stored, never the typed text as if it were.
        if (Value != typed)
        {
            _committedByEnter = null;
            _generation++;
        }
        // Enter keeps the focus here, also when the save moved the row (a renamed instance sorts elsewhere).
        _refocus = enter;
    }

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        _enterDown = e.Key is "Enter" or "NumpadEnter";
        if (!_enterDown)
            _committedByEnter = null;
        if (e.Key != "Escape")
            return;
        await Reverted.InvokeAsync();
        Revert();
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (_committedByEnter is { } typed && Value != typed)
        {
            _committedByEnter = null;
            Revert();
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_refocus)
            return;
        _refocus = false;
        await FocusAsync();
    }
}
