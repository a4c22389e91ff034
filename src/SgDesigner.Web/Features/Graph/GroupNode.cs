using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace SgDesigner.Web.Features.Graph;

/// <summary>
/// A diagram node for a <see cref="GraphNode"/>. Its size is fixed from its content (<see cref="NodeModel.ControlledSize"/>),
/// so links are routed on the server without measuring the browser's boxes.
/// </summary>
public sealed class GroupNode : NodeModel
{
    /// <summary>Width of every node, in diagram units (CSS pixels at zoom 1).</summary>
    public const double Width = 210;

    /// <summary>Instances listed by name inside a node; more are counted.</summary>
    public const int ListedInstances = 4;

    private const double Header = 52, Line = 18;

    /// <summary>Creates the node of <paramref name="info"/> at <paramref name="position"/>.</summary>
    public GroupNode(GraphNode info, Point position, bool onPath) : base(info.Id, position)
    {
        Info = info;
        OnPath = onPath;
        Title = info.Label;
        Size = new Size(Width, HeightOf(info));
        ControlledSize = true;
    }

    /// <summary>The graph node shown.</summary>
    public GraphNode Info { get; }

    /// <summary>True when a rule of this group decides the flow the preview explains.</summary>
    public bool OnPath { get; }

    /// <summary>The height <paramref name="info"/>'s node needs for its title and instance lines.</summary>
    public static double HeightOf(GraphNode info)
    {
        var lines = Math.Min(info.Instances.Length, ListedInstances) + (info.Instances.Length > ListedInstances ? 1 : 0);
        return Header + lines * Line;
    }
}
