using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The peer of a rule: a CIDR typed as text, or a security group (chaining) or prefix list found by name or id.
/// The browser suggests the groups and prefix lists by name as the user types; the text is handed over only when
/// the user commits it (Enter or leaving the field), never while typing, so that a prefix such as
/// <c>10.30.0.0/1</c> is never stored. Escape puts the stored peer back. The shortcuts (Anywhere-IPv4, Anywhere-IPv6,
/// My IP) hand their CIDR over the same way, so it takes the same validation path. The stored id shows on hover.
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

    /// <summary>
    /// The id of a <see cref="PeerOptions"/> list rendered once for many fields (a rule table's), or null for a list of
    /// the field's own.
    /// </summary>
    [Parameter]
    public string? ListId { get; set; }

    // The field's own suggestion list when no shared one is named: the input names it in its list attribute.
    private readonly string _listId = $"peer-options-{Guid.NewGuid():N}";

    /// <summary>The caller's address as a single-address block ("203.0.113.7/32") for the My IP shortcut, or null when not known.</summary>
    [Parameter]
    public string? MyAddress { get; set; }

    /// <summary>The field's accessible name, e.g. "Source". Default "Peer".</summary>
    [Parameter]
    public string AriaLabel { get; set; } = "Peer";

    private Task CommitAsync(string text) => ValueChanged.InvokeAsync(text);

    /// <summary>
    /// The id named by <paramref name="text"/>: a group or prefix list chosen as "name (id)" or typed by its name,
    /// otherwise the text itself (a CIDR or an id).
    /// </summary>
    public static string IdOf(Estate estate, string? text) => PeerText.IdOf(estate, text);

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
