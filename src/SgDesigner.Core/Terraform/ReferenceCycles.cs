using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// Groups whose inline rules reference each other in a cycle. Terraform creates a group before anything that
/// references it, so two groups naming each other in their own blocks form a dependency cycle it refuses
/// ("Error: Cycle"). A self-reference is written as <c>self</c> and is no edge.
/// </summary>
internal static class ReferenceCycles
{
    /// <summary>The ids of the <paramref name="inline"/> groups that lie on a cycle of references among them.</summary>
    public static HashSet<string> Find(IReadOnlyList<SecurityGroup> inline)
    {
        var ids = inline.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var edges = inline.ToDictionary(
            g => g.Id,
            g => g.Rules.Select(r => r.Peer).OfType<GroupPeer>().Select(p => p.GroupId)
                .Where(id => id != g.Id && ids.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        return new Tarjan(edges).InCycles();
    }

    /// <summary>Tarjan's strongly connected components, iterative so deep reference chains cannot overflow the stack.</summary>
    private sealed class Tarjan(Dictionary<string, List<string>> edges)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _low = new(StringComparer.Ordinal);
        private readonly HashSet<string> _onStack = new(StringComparer.Ordinal);
        private readonly Stack<string> _stack = new();
        private readonly HashSet<string> _result = new(StringComparer.Ordinal);

        public HashSet<string> InCycles()
        {
            foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
            {
                if (!_index.ContainsKey(node))
                    Visit(node);
            }
            return _result;
        }

        private void Visit(string root)
        {
            var work = new Stack<(string Node, int Next)>();
            Open(root);
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = edges[node];
                if (next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (!_index.TryGetValue(target, out var targetIndex))
                    {
                        Open(target);
                        work.Push((target, 0));
                    }
                    else if (_onStack.Contains(target))
                        _low[node] = Math.Min(_low[node], targetIndex);
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    _low[parent] = Math.Min(_low[parent], _low[node]);
                }
                if (_low[node] == _index[node])
                    Close(node);
            }
        }

        private void Open(string node)
        {
            _index[node] = _low[node] = _index.Count;
            _stack.Push(node);
            _onStack.Add(node);
        }

        private void Close(string node)
        {
            var component = new List<string>();
            string member;
            do
            {
                member = _stack.Pop();
                _onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            if (component.Count > 1)
                _result.UnionWith(component);
        }
    }
}
