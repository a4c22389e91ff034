using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Review;

/// <summary>The network side of the merge: VPCs, subnets, connections, prefix lists, instances and outside endpoints.</summary>
public static partial class ThreeWayMerge
{
    private static ImmutableArray<Vpc> Vpcs(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.Vpcs, o.Vpcs, t.Vpcs, v => v.Id, ModelEquality.Vpc, (key, bv, ov, tv) =>
        {
            var subject = new Subject(MergeEntityKind.Vpc, key);
            return sink.Entity(subject, bv, ov, tv, ModelEquality.Vpc, MergeText.Vpc, (bv, ov, tv) => tv with
            {
                Name = sink.Pick(subject.At("name"), bv?.Name, ov.Name, tv.Name, StringComparer.Ordinal, v => v),
                Cidrs = MergeSink.Set(bv?.Cidrs ?? [], ov.Cidrs, tv.Cidrs),
            });
        });

    private static ImmutableArray<Subnet> Subnets(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.Subnets, o.Subnets, t.Subnets, s => s.Id, EqualityComparer<Subnet>.Default, (key, bs, os, ts) =>
            sink.Pick(new Subject(MergeEntityKind.Subnet, key), bs, os, ts, EqualityComparer<Subnet?>.Default, s => MergeText.Subnet(s!)));

    private static ImmutableArray<VpcConnection> Connections(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.VpcConnections, o.VpcConnections, t.VpcConnections, ConnectionKey, EqualityComparer<VpcConnection>.Default, (key, bc, oc, tc) =>
            sink.Pick(new Subject(MergeEntityKind.VpcConnection, key), bc, oc, tc, EqualityComparer<VpcConnection?>.Default, c => MergeText.Connection(c!)));

    /// <summary>A connection joins two VPCs whichever way round it was written.</summary>
    private static string ConnectionKey(VpcConnection c) =>
        string.CompareOrdinal(c.VpcA, c.VpcB) <= 0 ? $"{c.VpcA}|{c.VpcB}" : $"{c.VpcB}|{c.VpcA}";

    private static ImmutableArray<PrefixList> PrefixLists(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.PrefixLists, o.PrefixLists, t.PrefixLists, p => p.Id, ModelEquality.PrefixList, (key, bp, op, tp) =>
        {
            var subject = new Subject(MergeEntityKind.PrefixList, key);
            return sink.Entity(subject, bp, op, tp, ModelEquality.PrefixList, MergeText.PrefixList, (bp, op, tp) => tp with
            {
                Name = sink.Pick(subject.At("name"), bp?.Name, op.Name, tp.Name, StringComparer.Ordinal, v => v)!,
                Family = sink.Pick(subject.At("family"), bp?.Family, op.Family, tp.Family, EqualityComparer<IpFamily?>.Default, f => f?.ToString())!.Value,
                Entries = MergeSink.Set(bp?.Entries ?? [], op.Entries, tp.Entries),
            });
        });

    private static ImmutableArray<Instance> Instances(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.Instances, o.Instances, t.Instances, i => i.Id, ModelEquality.Instance, (key, bi, oi, ti) =>
        {
            var subject = new Subject(MergeEntityKind.Instance, key);
            return sink.Entity(subject, bi, oi, ti, ModelEquality.Instance, MergeText.Instance, (bi, oi, ti) => ti with
            {
                Name = sink.Pick(subject.At("name"), bi?.Name, oi.Name, ti.Name, StringComparer.Ordinal, v => v),
                Tags = sink.Tags(subject, bi?.Tags, oi.Tags, ti.Tags),
                EphemeralPorts = sink.Pick(subject.At("ephemeralPorts"), bi?.EphemeralPorts, oi.EphemeralPorts, ti.EphemeralPorts,
                    EqualityComparer<EphemeralPorts?>.Default, p => p?.ToString())!,
            });
        });

    private static ImmutableArray<ExternalEndpoint> Externals(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.ExternalEndpoints, o.ExternalEndpoints, t.ExternalEndpoints, e => e.Name, EqualityComparer<ExternalEndpoint>.Default, (key, be, oe, te) =>
            sink.Pick(new Subject(MergeEntityKind.ExternalEndpoint, key), be, oe, te, EqualityComparer<ExternalEndpoint?>.Default, e => MergeText.External(e!)));
}
