using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Renders its content again only when <see cref="Shows"/> changed (by value): a row of a large table whose parent renders
/// for another row's edit. Blazor sets the parameters of every component in a re-rendered fragment again (a lambda or a
/// fragment is never known to be unchanged), so without this each row's fields and buttons render on every edit of any row.
/// The components inside still render on their own events; <see cref="Shows"/> must hold everything the content reads
/// from its parent.
/// </summary>
public sealed class KeyedRender : ComponentBase
{
    /// <summary>What the content shows, compared with <see cref="object.Equals(object?, object?)"/>: a record or a tuple.</summary>
    [Parameter, EditorRequired]
    public object Shows { get; set; } = default!;

    /// <summary>The content.</summary>
    [Parameter, EditorRequired]
    public RenderFragment? ChildContent { get; set; }

    private object? _rendered;

    /// <inheritdoc />
    protected override bool ShouldRender() => !Equals(_rendered, Shows);

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        _rendered = Shows;
        builder.AddContent(0, ChildContent);
    }
}
