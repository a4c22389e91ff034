using System.Collections.Immutable;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Extensions;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Graph;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Graph;

/// <summary>
/// The chaining graph (Z.Blazor.Diagrams): groups as nodes with the instances that carry them, one arrow per
/// rule referencing a group, labelled with its traffic, laid out in rows by reference depth. The rules that
/// decide the preview's flow, and their groups, are highlighted; clicking a group (or a rule's arrow) opens the group. Rebuilt whenever
/// the draft changes. A node an editor drags keeps its place: it is stored per policy (<see cref="GraphLayoutStore"/>) and
/// shown there to everyone who opens the policy; "Reset layout" gives every node the automatic layout again.
/// </summary>
public sealed partial class ChainingGraph : IDisposable
{
    private const double Margin = 30, ColumnGap = 70, RowGap = 90, ParallelOffset = 64, LoopReach = 56;
    // Beyond this a drawing is neither legible nor quick over a Blazor Server circuit.
    internal const int MaxNodes = 150, MaxEdges = 600;

    private const string EdgeColor = "#78909c", PathColor = "#2e7d32", MissColor = "#ef6c00";

    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private GraphLayoutStore Layouts { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    // Hand-placed nodes of the draft's policy, by node id.
    private Dictionary<string, NodePosition> _placed = new(StringComparer.Ordinal);

    private Guid? _layoutPolicyId;

    private string? LayoutProblem { get; set; }

    private bool HasPlacedNodes => _placed.Count > 0;

    // How many nodes the shown layout places by hand: stored ones, once stored (a test waits for it).
    private int PlacedCount => _placed.Count;

    /// <summary>The flow the preview explains now, whose path the graph highlights; null when there is none.</summary>
    [Parameter]
    public Explanation? Flow { get; set; }

    /// <summary>Called with a group's id when its node is clicked.</summary>
    [Parameter]
    public EventCallback<string> OpenGroup { get; set; }

    private Explanation? _shownFlow;

    private ChainingGraphModel Model { get; set; } = new([], []);

    private BlazorDiagram Diagram { get; set; } = new();

    private bool WithExternalPeers { get; set; }

    // The instances aggregated (AggregatedGraph) instead of the groups and their references.
    private bool ShowAggregated { get; set; }

    private int GroupCount => Model.Nodes.Count(n => n.Kind == GraphNodeKind.Group);

    private bool TooLarge => Model.Nodes.Length > MaxNodes || Model.Edges.Length > MaxEdges;

    private string? FlowText => Flow is null ? null
        : Flow.Verdict.Allowed ? "The preview's flow is allowed: its deciding rules and their groups are highlighted in green."
        : "The preview's flow is denied: the rules that came nearest are highlighted in orange.";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Session.Changed += OnChanged;
        Rebuild();
        // Too many groups to draw: open on the instances aggregated (a few dozen nodes) rather than on a list of every
        // arrow, as the matrix opens aggregated on a large estate; the switch still shows the groups' arrows.
        ShowAggregated = TooLarge;
        await LoadLayoutAsync();
    }

    // The policy's stored positions, read once per policy shown (a reload or another user's tab reads them afresh).
    private async Task LoadLayoutAsync()
    {
        if (Session.Info?.PolicyId is not { } policyId || policyId == _layoutPolicyId)
            return;
        _layoutPolicyId = policyId;
        var layout = await Layouts.GetAsync(policyId);
        if (!layout.IsOk)
            return;
        _placed = new(layout.Value.Positions, StringComparer.Ordinal);
        if (_placed.Count > 0)
            Rebuild();
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Flow, _shownFlow))
            return;
        Rebuild();
    }

    private void OnChanged()
    {
        Rebuild();
        _ = InvokeAsync(async () =>
        {
            StateHasChanged();
            await LoadLayoutAsync();
            StateHasChanged();
        });
    }

    // A node dropped after a drag: its place is stored for the policy (editors only; a viewer's drag stays on this screen).
    private async Task StorePlaceAsync(GroupNode node)
    {
        var position = new NodePosition(Math.Round(node.Position.X, 1), Math.Round(node.Position.Y, 1));
        if (_layoutPolicyId is not { } policyId || !Session.MayEdit || await Circuit.GetAsync() is not { } caller)
        {
            _placed[node.Id] = position;
            LayoutProblem = Session.MayEdit ? null : "Moved on this screen only: storing the layout needs the editor role.";
            StateHasChanged();
            return;
        }
        var stored = await Layouts.MoveAsync(caller.Actor, policyId, node.Id, position);
        LayoutProblem = stored.IsOk ? null : $"The node's place was not stored: {stored.Failure!.Message}";
        // What is stored, so that a later rebuild (any edit) keeps the node there; a refused place stays on this screen only.
        if (stored.IsOk)
            _placed = new(stored.Value.Positions, StringComparer.Ordinal);
        else
            _placed[node.Id] = position;
        StateHasChanged();
    }

    // Every node back to the automatic layout, for everyone on the policy.
    private async Task ResetLayoutAsync()
    {
        if (_layoutPolicyId is not { } policyId || await Circuit.GetAsync() is not { } caller)
            return;
        var reset = await Layouts.ReplaceAsync(caller.Actor, policyId, new Dictionary<string, NodePosition>());
        LayoutProblem = reset.IsOk ? null : $"The layout was not reset: {reset.Failure!.Message}";
        if (reset.IsOk)
        {
            _placed = new(StringComparer.Ordinal);
            Rebuild();
        }
    }

    private void ShowExternalPeers(bool show)
    {
        WithExternalPeers = show;
        Rebuild();
    }

    // A node's name as the drawing shows it (a group's name, a CIDR, a prefix list's name), for the table of arrows.
    private string NodeLabel(string id) => Model.Nodes.FirstOrDefault(n => n.Id == id)?.Label ?? id;

    private void Rebuild()
    {
        _shownFlow = Flow;
        Model = ChainingGraphModel.Build(Session.Estate, WithExternalPeers);
        var deciding = Flow is null ? [] : Flow.Verdict.Egress.AddRange(Flow.Verdict.Ingress);
        var pathRules = deciding.Select(r => r.Rule.Id).ToHashSet(StringComparer.Ordinal);
        var pathGroups = deciding.Select(r => r.GroupId).ToHashSet(StringComparer.Ordinal);
        var missedRules = (Flow?.NearestMisses ?? []).Where(m => m.Rule is not null).Select(m => m.Rule!.Rule.Id).ToHashSet(StringComparer.Ordinal);

        if (TooLarge)
            return;
        var diagram = new BlazorDiagram(new BlazorDiagramOptions { AllowMultiSelection = false, Links = { DefaultColor = EdgeColor, DefaultSelectedColor = EdgeColor } });
        // The graph is a view of the draft: deleting a node with the keyboard would only hide it.
        diagram.UnregisterBehavior<KeyboardShortcutsBehavior>();
        diagram.RegisterComponent<GroupNode, GroupNodeWidget>();
        var nodes = Place(Model.Nodes, pathGroups, _placed).ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var node in nodes.Values)
            node.Moved += moved => _ = InvokeAsync(() => StorePlaceAsync((GroupNode)moved));
        diagram.Nodes.Add(nodes.Values);
        diagram.Links.Add(Links(nodes, pathRules, missedRules));
        diagram.PointerClick += OnPointerClick;
        diagram.ContainerChanged += () => FitWhenLarger(diagram);
        Diagram = diagram;
    }

    // Layers as rows from the top (the canvas sits in a narrow column), each row centred against the widest; a node placed by
    // hand goes where it was put instead.
    private static IEnumerable<GroupNode> Place(ImmutableArray<GraphNode> nodes, HashSet<string> onPath, Dictionary<string, NodePosition> placed)
    {
        var rows = nodes.GroupBy(n => n.Layer).OrderBy(r => r.Key).Select(r => r.OrderBy(n => n.Slot).ToList()).ToList();
        var widths = rows.Select(r => r.Count * GroupNode.Width + ColumnGap * (r.Count - 1)).ToList();
        var widest = widths.DefaultIfEmpty(0).Max();
        var y = Margin;
        for (var i = 0; i < rows.Count; i++)
        {
            var x = Margin + (widest - widths[i]) / 2;
            foreach (var node in rows[i])
            {
                var at = placed.TryGetValue(node.Id, out var p) ? new Point(p.X, p.Y) : new Point(x, y);
                yield return new GroupNode(node, at, onPath.Contains(node.Id));
                x += GroupNode.Width + ColumnGap;
            }
            y += rows[i].Max(GroupNode.HeightOf) + RowGap;
        }
    }

    private IEnumerable<LinkModel> Links(Dictionary<string, GroupNode> nodes, HashSet<string> pathRules, HashSet<string> missedRules)
    {
        // Edges between the same two nodes would lie on top of each other: bend the second, third… apart.
        foreach (var pair in Model.Edges.GroupBy(e => string.CompareOrdinal(e.From, e.To) <= 0 ? (e.From, e.To) : (e.To, e.From)))
        {
            var index = 0;
            foreach (var edge in pair)
            {
                var (from, to) = (nodes[edge.From], nodes[edge.To]);
                var link = new LinkModel(edge.RuleId, from, to)
                {
                    TargetMarker = LinkMarker.Arrow,
                    Color = pathRules.Contains(edge.RuleId) ? PathColor : missedRules.Contains(edge.RuleId) ? MissColor : null,
                    Width = pathRules.Contains(edge.RuleId) || missedRules.Contains(edge.RuleId) ? 4 : 2,
                    Locked = true,
                };
                foreach (var vertex in Bend(from, to, index++))
                    link.Vertices.Add(new LinkVertexModel(link, vertex) { Locked = true });
                link.Labels.Add(new LinkLabelModel(link, $"{edge.RuleId}-label", edge.Label));
                yield return link;
            }
        }
    }

    // A rule of a group referencing itself loops out to the right; parallel edges bow out alternately.
    private static IEnumerable<Point> Bend(GroupNode from, GroupNode to, int index)
    {
        var (a, b) = (from.GetBounds()!, to.GetBounds()!);
        if (ReferenceEquals(from, to))
        {
            var x = a.Right + LoopReach * (index + 1);
            return [new Point(x, a.Top + a.Height * 0.25), new Point(x, a.Bottom - a.Height * 0.25)];
        }
        if (index == 0)
            return [];
        var (dx, dy) = (b.Center.X - a.Center.X, b.Center.Y - a.Center.Y);
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        var offset = ParallelOffset * ((index + 1) / 2) * (index % 2 == 1 ? 1 : -1);
        return [new Point((a.Center.X + b.Center.X) / 2 - dy / length * offset, (a.Center.Y + b.Center.Y) / 2 + dx / length * offset)];
    }

    // A graph larger than the canvas starts zoomed out to fit; a small one keeps its natural size.
    private static void FitWhenLarger(BlazorDiagram diagram)
    {
        if (diagram.Container is not { } canvas || diagram.Nodes.Count == 0)
            return;
        var bounds = diagram.Nodes.GetBounds();
        if (bounds.Right + Margin > canvas.Width || bounds.Bottom + Margin > canvas.Height)
            diagram.ZoomToFit(Margin);
    }

    // A group's node opens that group; an arrow opens the group holding its rule.
    private void OnPointerClick(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        var groupId = model switch
        {
            GroupNode { Info.Kind: GraphNodeKind.Group } node => node.Info.Id,
            LinkModel link => Model.Edges.FirstOrDefault(edge => edge.RuleId == link.Id)?.GroupId,
            _ => null,
        };
        if (groupId is not null)
            _ = InvokeAsync(() => OpenGroup.InvokeAsync(groupId));
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
