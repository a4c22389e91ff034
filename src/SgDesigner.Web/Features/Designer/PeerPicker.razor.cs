using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The peer of a rule: a CIDR typed as text, or a security group (chaining) or prefix list found by name or id.
/// The browser suggests the groups and prefix lists by name as the user types; the text is handed over only when
/// the user commits it (Enter or leaving the field), never while typing, so that a prefix such as
/// <c>10.30.0.0/1</c> is never stored. Escape puts the stored peer back.
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

    // One suggestion list per field: the input names it in its list attribute.
    private readonly string _listId = $"peer-options-{Guid.NewGuid():N}";

    /// <summary>The field's accessible name, e.g. "Source". Default "Peer".</summary>
    [Parameter]
    public string AriaLabel { get; set; } = "Peer";

    private Task CommitAsync(string text) => ValueChanged.InvokeAsync(text);

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

    private string Label(string? id)
    {
        if (string.IsNullOrEmpty(id))
            return "";
        var name = Estate.FindGroup(id)?.Name ?? Estate.PrefixLists.FirstOrDefault(p => p.Id == id)?.Name;
        return name is null ? id : $"{name} ({id})";
    }
}
