using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>A part of an asked range that the rules treat alike.</summary>
/// <param name="Label">The part as blocks ("10.0.0.0/24", "10.0.0.0/16 except 10.0.0.0/24").</param>
/// <param name="Sample">An address of the part, the one its explanation is computed at.</param>
/// <param name="IsRest">True for the part holding the range's own remainder (what no narrower rule block covers).</param>
/// <param name="Explanation">The verdict at <paramref name="Sample"/>, with its rules.</param>
public sealed record RangePart(string Label, IpAddress Sample, bool IsRest, Explanation Explanation);

/// <summary>
/// The answer for a whole range of outside addresses (a CIDR as the preview's source or destination): the range cut
/// where a rule's CIDR, a prefix-list entry or a named range starts or ends (<see cref="OutsideSpace"/>), every piece
/// asked about once, and pieces with the same verdict merged back and described by the fewest blocks.
/// </summary>
public static class RangeVerdicts
{
    /// <summary>
    /// The parts of <paramref name="range"/> as a source (<paramref name="rangeIsSource"/>) or destination of
    /// <paramref name="traffic"/> with <paramref name="other"/>, one per verdict; the part with the range's own
    /// remainder last. One part when the whole range has one verdict.
    /// </summary>
    public static ImmutableArray<RangePart> Split(ReachabilityEngine engine, Cidr range, Endpoint other, Traffic traffic, bool rangeIsSource)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(other);
        var space = new OutsideSpace(engine.Estate, engine.Estate, range);
        var top = space.NodeOf(range);
        var regions = new List<OutsideNode>();
        void Collect(OutsideNode node)
        {
            if (node.HasRegion)
                regions.Add(node);
            foreach (var child in node.Children)
                Collect(child);
        }
        Collect(top);
        var byVerdict = new Dictionary<bool, (HashSet<OutsideNode> Regions, Explanation First)>();
        foreach (var region in regions)
        {
            var outside = new ExternalEndpointIp(region.Sample!.Value);
            var explanation = rangeIsSource ? engine.Explain(outside, other, traffic) : engine.Explain(other, outside, traffic);
            if (byVerdict.TryGetValue(explanation.Verdict.Allowed, out var part))
                part.Regions.Add(region);
            else
                byVerdict[explanation.Verdict.Allowed] = ([region], explanation);
        }
        if (byVerdict.Count == 1)
        {
            var only = byVerdict.Values.Single();
            return [new RangePart(range.ToString(), top.Sample ?? regions[0].Sample!.Value, true, only.First)];
        }
        return
        [
            .. byVerdict.Values
                .Select(p => new RangePart(space.Describe(p.Regions).Label, p.Regions.MinBy(r => r.Order)!.Sample!.Value, p.Regions.Contains(top), p.First))
                .OrderBy(p => p.IsRest)
                .ThenBy(p => p.Sample.Value),
        ];
    }
}
