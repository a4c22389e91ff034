using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>The browser's suggestion list for peer fields (<see cref="PeerPicker"/>): the estate's groups and prefix lists.</summary>
public partial class PeerOptions
{
    /// <summary>The draft content whose groups and prefix lists are offered.</summary>
    [Parameter, EditorRequired]
    public Estate Estate { get; set; } = Estate.Empty;

    /// <summary>The element id the fields name in their <c>list</c> attribute.</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    private List<(string Value, string Id)> _options = [];

    private bool _changed = true;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var options = Of(Estate);
        _changed = !options.SequenceEqual(_options);
        if (_changed)
            _options = options;
    }

    /// <inheritdoc />
    protected override bool ShouldRender() => _changed;

    /// <summary>Each group and prefix list as its label (<c>name (id)</c>) and id, by name.</summary>
    internal static List<(string Value, string Id)> Of(Estate estate)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in estate.Groups)
            labels.TryAdd(group.Id, $"{group.Name} ({group.Id})");
        foreach (var list in estate.PrefixLists)
            labels.TryAdd(list.Id, $"{list.Name} ({list.Id})");
        return [.. PeerPicker.Search(estate, null).Select(id => (labels.GetValueOrDefault(id, id), id))];
    }
}
