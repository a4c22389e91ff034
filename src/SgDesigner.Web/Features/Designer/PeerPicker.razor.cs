using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The peer of a rule: a CIDR typed as text, or a security group (chaining) or prefix list found by name or id.
/// The typed text is handed over only when the user commits it (Enter or leaving the field) or picks an entry of
/// the list, never while typing, so that a prefix such as <c>10.30.0.0/1</c> is never stored. Escape puts the stored
/// peer back.
/// </summary>
public partial class PeerPicker
{
    /// <summary>The draft content whose groups and prefix lists are offered.</summary>
    [Parameter, EditorRequired]
    public Estate Estate { get; set; } = Estate.Empty;

    /// <summary>The peer: a CIDR, a group id or a prefix list id.</summary>
    [Parameter]
    public string? Value { get; set; }

    /// <summary>Raised with the chosen or committed peer text.</summary>
    [Parameter]
    public EventCallback<string?> ValueChanged { get; set; }

    /// <summary>Raised when the user presses Escape, before the field shows <see cref="Value"/> again.</summary>
    [Parameter]
    public EventCallback Reverted { get; set; }

    /// <summary>A problem shown at the field, or null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>A note shown under the field (e.g. host bits cleared), or null.</summary>
    [Parameter]
    public string? Warning { get; set; }

    /// <summary>Whether the field is disabled. Default false.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    private MudAutocomplete<string>? _field;

    // Bumped to rebuild the input showing the stored peer (see CommitField): Escape, or Enter on a value the
    // store normalized.
    private int _generation;

    private bool _refocus;

    // What the user typed since the last commit, or null.
    private string? _typed;

    // Text committed with Enter (the focus stays): shown as stored once the stored peer comes back.
    private string? _committedByEnter;

    private void Typed(string? text) => _typed = text;

    private async Task SelectedAsync(string? id)
    {
        _typed = null;
        await ValueChanged.InvokeAsync(id);
    }

    private async Task CommitAsync()
    {
        if (_typed is not { } text)
            return;
        _typed = null;
        await ValueChanged.InvokeAsync(text);
    }

    private Task BlurAsync(FocusEventArgs e) => CommitAsync();

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key != "Enter")
            _committedByEnter = null;
        if (e.Key != "Escape")
            return;
        _typed = null;
        await Reverted.InvokeAsync();
        Rebuild();
    }

    // MudAutocomplete handles Enter on key up (picking the highlighted entry of an open list) before this runs.
    private async Task KeyUpAsync(KeyboardEventArgs e)
    {
        if (e.Key is not ("Enter" or "NumpadEnter") || _typed is not { } text)
            return;
        _committedByEnter = text;
        await CommitAsync();
    }

    private void Rebuild()
    {
        _generation++;
        _refocus = true;
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (_committedByEnter is { } typed && Label(Value) != typed.Trim())
        {
            _committedByEnter = null;
            Rebuild();
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_refocus || _field is null)
            return;
        _refocus = false;
        await _field.FocusAsync();
    }

    /// <summary>
    /// The id named by <paramref name="text"/>: a group or prefix list chosen as "name (id)" or typed by its name,
    /// otherwise the text itself (a CIDR or an id).
    /// </summary>
    public static string IdOf(Estate estate, string? text)
    {
        var t = text?.Trim() ?? "";
        if (t.EndsWith(')') && t.LastIndexOf('(') is var open and >= 0)
            t = t[(open + 1)..^1].Trim();
        var named = estate.Groups.Where(g => string.Equals(g.Name, t, StringComparison.OrdinalIgnoreCase)).Select(g => g.Id)
            .Concat(estate.PrefixLists.Where(p => string.Equals(p.Name, t, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id))
            .ToList();
        return named.Count == 1 ? named[0] : t;
    }

    /// <summary>Groups and prefix lists whose name or id contains <paramref name="text"/>, as ids.</summary>
    public static IEnumerable<string> Search(Estate estate, string? text)
    {
        var t = text?.Trim() ?? "";
        bool Hit(string id, string name) => t.Length == 0 || id.Contains(t, StringComparison.OrdinalIgnoreCase) || name.Contains(t, StringComparison.OrdinalIgnoreCase);
        return estate.Groups.Where(g => Hit(g.Id, g.Name)).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.Id)
            .Concat(estate.PrefixLists.Where(p => Hit(p.Id, p.Name)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p => p.Id));
    }

    private Task<IEnumerable<string>> SearchAsync(string text, CancellationToken ct) => Task.FromResult(Search(Estate, text));

    private string Label(string? id)
    {
        if (string.IsNullOrEmpty(id))
            return "";
        var name = Estate.FindGroup(id)?.Name ?? Estate.PrefixLists.FirstOrDefault(p => p.Id == id)?.Name;
        return name is null ? id : $"{name} ({id})";
    }
}
