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
    public static ReachabilityDiff Compare(ReachabilityEngine before, ReachabilityEngine after) => Compare(before, after, CancellationToken.None);

    /// <summary>As above; <paramref name="ct"/> is checked per change found, so a comparison nobody waits for any more stops early.</summary>
    public static ReachabilityDiff Compare(ReachabilityEngine before, ReachabilityEngine after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var ctx = new DiffContext(before, after);
        var pending = EniFlows.Changes(ctx).Concat(OutsideFlows.Changes(ctx));
        return new ReachabilityDiff(Merge(ctx, pending, ct));
    }

    /// <summary>
    /// Every flow between the estate's ENIs and the outside that the estate allows (the internet, the declared external
    /// endpoints, and every CIDR and prefix list its rules name), with the rules that allow it: the outside part of the
    /// diff from the same estate with no rules, so each outside endpoint reads exactly as a change request's impact shows it.
    /// </summary>
    public static ReachabilityDiff OutsideReach(ReachabilityEngine engine, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var estate = engine.Estate;
        var bare = estate with { Groups = [.. estate.Groups.Select(g => g with { Rules = [] })] };
        var ctx = new DiffContext(ReachabilityEngine.Build(bare), engine);
        return new ReachabilityDiff(Merge(ctx, OutsideFlows.Changes(ctx), ct));
    }

    /// <summary>Merges changes whose parties have the same labels and whose opened and closed traffic are equal.</summary>
    private static ImmutableArray<FlowChange> Merge(DiffContext ctx, IEnumerable<PendingChange> pending, CancellationToken ct)
    {
        var merged = new Dictionary<(string, string, TrafficSet, TrafficSet), Accumulator>();
        foreach (var p in pending)
        {
            ct.ThrowIfCancellationRequested();
            var c = p.Change;
            var key = (c.From.Label, c.To.Label, c.Opened, c.Closed);
            if (!merged.TryGetValue(key, out var acc))
                merged[key] = acc = new Accumulator(p);
            acc.Add(p);
        }
        return
        [
            .. merged.Values.Select(a => a.Build(ctx))
                .OrderBy(c => c.From.Label, StringComparer.Ordinal)
                .ThenBy(c => c.To.Label, StringComparer.Ordinal)
                .ThenBy(c => c.Opened.ToString(), StringComparer.Ordinal)
                .ThenBy(c => c.Closed.ToString(), StringComparer.Ordinal),
        ];
    }

    /// <summary>One merged line: its classes, expanded to ENIs (in joint order) only when built.</summary>
    private sealed class Accumulator(PendingChange first)
    {
        private readonly HashSet<JointClass> _from = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<JointClass> _to = new(ReferenceEqualityComparer.Instance);
        private PendingChange _first = first;
        private long _pairs;

        public void Add(PendingChange p)
        {
            _pairs += p.Change.Pairs;
            _from.UnionWith(p.From);
            _to.UnionWith(p.To);
            // Details come from the earliest class pair in joint order, whatever order the pairs were visited in.
            if (p.From.Count > 0 && p.To.Count > 0 && (p.From[0].Order, p.To[0].Order).CompareTo((_first.From[0].Order, _first.To[0].Order)) < 0)
                _first = p;
        }

        public FlowChange Build(DiffContext ctx)
        {
            var change = EniFlows.WithDetails(ctx, _first);
            return change with
            {
                From = Side(change.From, _from),
                To = Side(change.To, _to),
                Pairs = _pairs,
            };
        }

        // Joint classes never share an ENI, so counting and sampling need no set of ENI ids.
        private static FlowParty Side(FlowParty party, HashSet<JointClass> classes) =>
            party.Outside is not null
                ? party
                : party with
                {
                    SampleEniIds = [.. classes.OrderBy(c => c.Order).SelectMany(c => c.EniIds).Take(3)],
                    EniCount = classes.Sum(c => c.EniIds.Count),
                };
    }
}
