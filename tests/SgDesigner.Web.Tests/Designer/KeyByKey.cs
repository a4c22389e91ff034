using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// Types into a rendered input as a browser does: one input event per character (each answered before the next,
/// as at a person's pace), then the commit: Tab (key down, change, blur) or Enter (key down, change, key up).
/// The input is found again before each event, since each may re-render it. An event the input does not listen to
/// is skipped, as in a browser (a field that commits on change has no input handler; an autocomplete no change
/// handler).
/// </summary>
internal static class KeyByKey
{
    /// <summary>Types <paramref name="text"/> into the input found by <paramref name="find"/>, replacing its text, calling <paramref name="afterEachKey"/> after each character.</summary>
    public static async Task TypeAsync(Func<IElement> find, string text, Action? afterEachKey = null)
    {
        for (var i = 1; i <= text.Length; i++)
        {
            await Fire(find, e => e.InputAsync(new ChangeEventArgs { Value = text[..i] }));
            afterEachKey?.Invoke();
        }
    }

    /// <summary>Leaves the field with Tab: the browser raises change (when the text changed) and then blur.</summary>
    public static async Task TabAsync(Func<IElement> find, string text)
    {
        await Fire(find, e => e.KeyDownAsync(new KeyboardEventArgs { Key = "Tab", Code = "Tab" }));
        await Fire(find, e => e.ChangeAsync(new ChangeEventArgs { Value = text }));
        await Fire(find, e => e.BlurAsync(new FocusEventArgs()));
    }

    /// <summary>Commits the field with Enter: the browser raises change after the key down; the focus stays.</summary>
    public static async Task EnterAsync(Func<IElement> find, string text)
    {
        await Fire(find, e => e.KeyDownAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" }));
        await Fire(find, e => e.ChangeAsync(new ChangeEventArgs { Value = text }));
        await Fire(find, e => e.KeyUpAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" }));
    }

    /// <summary>Presses Escape in the field.</summary>
    public static Task EscapeAsync(Func<IElement> find) => Fire(find, e => e.KeyDownAsync(new KeyboardEventArgs { Key = "Escape", Code = "Escape" }));

    private static async Task Fire(Func<IElement> find, Func<IElement, Task> dispatch)
    {
        try
        {
            await dispatch(find());
        }
        catch (MissingEventHandlerException)
        {
            // Not listened to: a browser raises it and nothing happens.
        }
    }

    /// <summary>Types <paramref name="text"/> and leaves the field with Tab.</summary>
    public static async Task TypeAndTabAsync(Func<IElement> find, string text, Action? afterEachKey = null)
    {
        await TypeAsync(find, text, afterEachKey);
        await TabAsync(find, text);
    }

    /// <summary>Types <paramref name="text"/> and commits it with Enter.</summary>
    public static async Task TypeAndEnterAsync(Func<IElement> find, string text, Action? afterEachKey = null)
    {
        await TypeAsync(find, text, afterEachKey);
        await EnterAsync(find, text);
    }
}
