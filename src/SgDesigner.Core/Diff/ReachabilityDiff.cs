using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// Every (source, destination, traffic) that one estate allows and the other does not: what a change opens and
/// what it closes (semantics.md "All-pairs reachability and what changes"), grouped for a reviewer.
/// </summary>
/// <param name="Changes">One entry per (senders, receivers) with something opened or closed: ENIs are collapsed into
/// classes and then merged by their groups, so a change to one group reads as one line, not one per ENI pair.
/// Ordered by sender then receiver label.</param>
public sealed record ReachabilityDiff(ImmutableArray<FlowChange> Changes)
{
    /// <summary>True when both estates allow exactly the same flows.</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>The changes that open something.</summary>
    public IEnumerable<FlowChange> Opening => Changes.Where(c => !c.Opened.IsEmpty);

    /// <summary>The changes that close something.</summary>
    public IEnumerable<FlowChange> Closing => Changes.Where(c => !c.Closed.IsEmpty);

    /// <summary>Compares two estates (builds an engine for each).</summary>
    public static ReachabilityDiff Compare(Estate before, Estate after) =>
        Compare(ReachabilityEngine.Build(before), ReachabilityEngine.Build(after));

    /// <summary>
    /// Compares two engines. ENIs are matched by id; an ENI only one estate has counts as allowed nothing in the
    /// other. The work is per pair of joint classes (old class, new class) with a non-empty cell, never per ENI pair.
    /// </summary>
    public static ReachabilityDiff Compare(ReachabilityEngine before, ReachabilityEngine after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var ctx = new DiffContext(before, after);
        var pending = EniFlows.Changes(ctx).Concat(OutsideFlows.Changes(ctx));
        return new ReachabilityDiff(Merge(pending));
    }

    /// <summary>Merges changes whose parties have the same labels and whose opened and closed traffic are equal.</summary>
    private static ImmutableArray<FlowChange> Merge(IEnumerable<PendingChange> pending)
    {
        var merged = new Dictionary<(string, string, TrafficSet, TrafficSet), Accumulator>();
        foreach (var p in pending)
        {
            var c = p.Change;
            var key = (c.From.Label, c.To.Label, c.Opened, c.Closed);
            if (!merged.TryGetValue(key, out var acc))
                merged[key] = acc = new Accumulator(c);
            acc.Add(p);
        }
        return
        [
            .. merged.Values.Select(a => a.Build())
                .OrderBy(c => c.From.Label, StringComparer.Ordinal)
                .ThenBy(c => c.To.Label, StringComparer.Ordinal)
                .ThenBy(c => c.Opened.ToString(), StringComparer.Ordinal),
        ];
    }

    private sealed class Accumulator(FlowChange first)
    {
        private readonly HashSet<string> _from = new(StringComparer.Ordinal);
        private readonly HashSet<string> _to = new(StringComparer.Ordinal);
        private readonly List<string> _fromOrder = [];
        private readonly List<string> _toOrder = [];
        private long _pairs;

        public void Add(PendingChange p)
        {
            _pairs += p.Change.Pairs;
            _fromOrder.AddRange(p.FromEnis.Where(_from.Add));
            _toOrder.AddRange(p.ToEnis.Where(_to.Add));
        }

        public FlowChange Build() => first with
        {
            From = Side(first.From, _fromOrder),
            To = Side(first.To, _toOrder),
            Pairs = _pairs,
        };

        private static FlowParty Side(FlowParty party, List<string> enis) =>
            party.Outside is not null ? party : party with { SampleEniIds = [.. enis.Take(3)], EniCount = enis.Count };
    }
}
