using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace SgDesigner.Web.Features.Preview;

/// <summary>
/// An endpoint field of the preview: what is typed is the endpoint (an address, a CIDR, a name), and a choice picked
/// from the list replaces it. A pick stays until the user types in the field again.
/// </summary>
/// <remarks>
/// MudAutocomplete with <c>CoerceValue</c> makes its text the value at every text event the field handles, with no
/// notion of order: when the text typed before a pick reaches the field after the pick (a late input event, as under
/// load), it would become the value again and the pick would be lost, the field showing the bare text. So after a
/// pick, a value that is not one of the offered choices is taken only after a key press, a paste or a cut in the field (the user's own
/// edit; navigation keys do not count); otherwise the field is rebuilt to show the pick again.
/// </remarks>
public sealed partial class EndpointField
{
    /// <summary>The endpoint as committed.</summary>
    [Parameter]
    public string? Value { get; set; }

    /// <summary>Raised with the new endpoint: a pick, or the text the user typed.</summary>
    [Parameter]
    public EventCallback<string?> ValueChanged { get; set; }

    /// <summary>The choices for a text.</summary>
    [Parameter, EditorRequired]
    public Func<string, CancellationToken, Task<IEnumerable<string>>> SearchFunc { get; set; } = default!;

    /// <summary>The label.</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>The accessible name of the list's button.</summary>
    [Parameter]
    public string? AdornmentAriaLabel { get; set; }

    /// <summary>Other attributes (data-testid), put on the input.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public Dictionary<string, object?> Attributes { get; set; } = [];

    // Every choice the list offered: a value among them is a pick.
    private readonly HashSet<string> _offered = new(StringComparer.Ordinal);

    // A pick is held until the user presses a key that edits the text.
    private bool _pickHeld;

    // Bumped to rebuild the field showing the held pick, when text from before it came back.
    private int _generation;

    private async Task<IEnumerable<string>> OfferAsync(string text, CancellationToken ct)
    {
        var choices = (await SearchFunc(text, ct)).ToList();
        _offered.UnionWith(choices);
        return choices;
    }

    private void KeyDown(KeyboardEventArgs e)
    {
        if (Edits(e))
            _pickHeld = false;
    }

    // A paste or cut with the context menu edits the text without a key.
    private void Edited() => _pickHeld = false;

    // Keys that change the text: characters (AltGr ones too, which browsers report with Ctrl and Alt), deletion, paste
    // and cut; not moving, choosing, selecting or leaving.
    private static bool Edits(KeyboardEventArgs e) =>
        e.Key is "Backspace" or "Delete"
        || (e.Key.Length == 1 && (!(e.CtrlKey || e.MetaKey) || e.AltKey || e.Key is "v" or "V" or "x" or "X"));

    private async Task ChangedAsync(string? value)
    {
        var picked = value is not null && _offered.Contains(value);
        if (_pickHeld && !picked && value != Value)
        {
            // Text from before the pick: the pick stays, and the field shows it again.
            _generation++;
            return;
        }
        _pickHeld = picked;
        await ValueChanged.InvokeAsync(value);
    }
}
