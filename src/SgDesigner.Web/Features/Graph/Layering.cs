namespace SgDesigner.Web.Features.Graph;

/// <summary>
/// A simple layered layout (longest path from the nodes nothing points at): each node goes one layer beyond the
/// deepest node pointing at it. Group references often form cycles (a group admitting itself, two tiers
/// talking both ways), so when every remaining node has a predecessor left, the first one in the given order
/// is placed anyway and its remaining incoming edges are ignored.
/// </summary>
internal static class Layering
{
    /// <summary>The node ids by layer, each layer in the order <paramref name="ordered"/> gave them.</summary>
    public static List<List<string>> Of(IEnumerable<string> ordered, IEnumerable<GraphEdge> edges)
    {
        var order = ordered.ToList();
        var incoming = order.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var edge in edges.Where(e => e.From != e.To))
            incoming[edge.To].Add(edge.From);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        while (layer.Count < order.Count)
        {
            var ready = order.Where(id => !layer.ContainsKey(id) && incoming[id].All(layer.ContainsKey)).ToList();
            if (ready.Count == 0)
                ready = [order.First(id => !layer.ContainsKey(id))];
            foreach (var id in ready)
                layer[id] = incoming[id].Where(layer.ContainsKey).Select(p => layer[p] + 1).DefaultIfEmpty(0).Max();
        }
        var layers = new List<List<string>>();
        foreach (var id in order)
        {
            while (layers.Count <= layer[id])
                layers.Add([]);
            layers[layer[id]].Add(id);
        }
        return [.. layers.Where(l => l.Count > 0)];
    }
}
