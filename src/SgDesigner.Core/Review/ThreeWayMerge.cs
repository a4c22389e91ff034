using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Review;

/// <summary>
/// Rebases a change request whose base revision is no longer the newest: our draft (base → ours) is replayed onto
/// their newest revision (base → theirs). Objects are matched by their stable ids (groups, rules inside their group,
/// ENIs, instances, prefix lists, VPCs, subnets, network ACLs and their rules by direction and number; connections by their VPC pair, external endpoints by name). A change
/// on one side is taken; the same change on both is taken once; different changes to the same object or field, or a
/// deletion on one side of what the other changed, are conflicts for the author. Nothing is dropped silently: every
/// conflict is listed, and the merged estate is validated for problems that only the combination has.
/// </summary>
public static partial class ThreeWayMerge
{
    private static readonly IReadOnlyDictionary<string, MergeSide> s_noChoices = new Dictionary<string, MergeSide>();

    /// <summary>Merges, leaving every conflict at THEIR value.</summary>
    public static MergeResult Merge(Estate baseEstate, Estate ours, Estate theirs) =>
        Resolve(baseEstate, ours, theirs, s_noChoices);

    /// <summary>
    /// Merges again with the author's choices, keyed by <see cref="MergeConflict.Key"/>; conflicts without a choice stay at
    /// THEIR value and are listed as unresolved. Validation uses <paramref name="mode"/> (the designer's rules by default).
    /// </summary>
    public static MergeResult Resolve(
        Estate baseEstate, Estate ours, Estate theirs, IReadOnlyDictionary<string, MergeSide> choices,
        EstateValidationMode mode = EstateValidationMode.Designer)
    {
        ArgumentNullException.ThrowIfNull(baseEstate);
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(theirs);
        ArgumentNullException.ThrowIfNull(choices);
        var sink = new MergeSink(choices);
        var merged = new Estate(
            Vpcs(sink, baseEstate, ours, theirs),
            Subnets(sink, baseEstate, ours, theirs),
            Connections(sink, baseEstate, ours, theirs),
            Groups(sink, baseEstate.Groups, ours.Groups, theirs.Groups),
            PrefixLists(sink, baseEstate, ours, theirs),
            Instances(sink, baseEstate, ours, theirs),
            Enis(sink, baseEstate, ours, theirs),
            Externals(sink, baseEstate, ours, theirs),
            sink.Pick(new Subject(MergeEntityKind.Quotas, "quotas"), baseEstate.Quotas, ours.Quotas, theirs.Quotas,
                EqualityComparer<Quotas>.Default, MergeText.Quotas))
        {
            NetworkAcls = Acls(sink, baseEstate, ours, theirs),
        };
        return new MergeResult(merged, sink.Conflicts, IntroducedErrors(merged, ours, theirs, mode), sink.IgnoredChoices);
    }

    /// <summary>The merged estate's errors that neither side has: the ones the author's own editor never showed.</summary>
    private static ImmutableArray<ValidationError> IntroducedErrors(Estate merged, Estate ours, Estate theirs, EstateValidationMode mode)
    {
        var errors = EstateValidator.Validate(merged, mode);
        if (errors.IsEmpty)
            return errors;
        var known = EstateValidator.Validate(ours, mode).Concat(EstateValidator.Validate(theirs, mode)).ToHashSet();
        return [.. errors.Where(e => !known.Contains(e))];
    }

    private static ImmutableArray<SecurityGroup> Groups(
        MergeSink sink, ImmutableArray<SecurityGroup> b, ImmutableArray<SecurityGroup> o, ImmutableArray<SecurityGroup> t) =>
        sink.Keyed(b, o, t, g => g.Id, ModelEquality.Group, (key, bg, og, tg) =>
        {
            var subject = new Subject(MergeEntityKind.SecurityGroup, key, key);
            return sink.Entity(subject, bg, og, tg, ModelEquality.Group, MergeText.Group, (bg, og, tg) => tg with
            {
                Name = sink.Pick(subject.At("name"), bg?.Name, og.Name, tg.Name, StringComparer.Ordinal, v => v)!,
                Description = sink.Pick(subject.At("description"), bg?.Description, og.Description, tg.Description, StringComparer.Ordinal, v => v)!,
                VpcId = sink.Pick(subject.At("vpcId"), bg?.VpcId, og.VpcId, tg.VpcId, StringComparer.Ordinal, v => v)!,
                Tags = sink.Tags(subject, bg?.Tags, og.Tags, tg.Tags),
                Rules = sink.Keyed(bg?.Rules ?? [], og.Rules, tg.Rules, r => r.Id, EqualityComparer<Rule>.Default, (id, br, or, tr) =>
                    MergeRule(sink, new Subject(MergeEntityKind.Rule, id, key), br, or, tr)),
            });
        });

    // The rule's AWS part and its metadata merge apart: one side re-certifying a rule while the other narrows its
    // ports is no conflict; both sides changing the metadata differently is one, named "metadata".
    private static Rule? MergeRule(MergeSink sink, Subject subject, Rule? b, Rule? o, Rule? t) =>
        sink.Entity(subject, b, o, t, EqualityComparer<Rule>.Default, MergeText.Rule, (b, o, t) =>
        {
            var traffic = sink.Pick(subject, b?.WithoutMetadata(), o.WithoutMetadata(), t.WithoutMetadata(), EqualityComparer<Rule?>.Default, r => MergeText.Rule(r!))!;
            var metadata = sink.Pick(subject.At("metadata"), b?.Metadata, o.Metadata, t.Metadata, EqualityComparer<RuleMetadata?>.Default, m => m?.ToString());
            return traffic with { Metadata = metadata ?? default };
        });

    private static ImmutableArray<NetworkInterface> Enis(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.NetworkInterfaces, o.NetworkInterfaces, t.NetworkInterfaces, e => e.Id, ModelEquality.Eni, (key, be, oe, te) =>
        {
            var subject = new Subject(MergeEntityKind.NetworkInterface, key);
            return sink.Entity(subject, be, oe, te, ModelEquality.Eni, MergeText.Eni, (be, oe, te) =>
            {
                // Instance and device index describe one attachment, so they merge together.
                var attachment = sink.Pick(subject.At("attachment"),
                    be is null ? null : Tuple.Create(be.InstanceId, be.DeviceIndex), Tuple.Create(oe.InstanceId, oe.DeviceIndex),
                    Tuple.Create(te.InstanceId, te.DeviceIndex), EqualityComparer<Tuple<string?, int?>?>.Default,
                    a => a!.Item1 is null ? "not attached" : $"{a.Item1}#{a.Item2}")!;
                return te with
                {
                    VpcId = sink.Pick(subject.At("vpcId"), be?.VpcId, oe.VpcId, te.VpcId, StringComparer.Ordinal, v => v)!,
                    SubnetId = sink.Pick(subject.At("subnetId"), be?.SubnetId, oe.SubnetId, te.SubnetId, StringComparer.Ordinal, v => v),
                    InstanceId = attachment.Item1,
                    DeviceIndex = attachment.Item2,
                    // Ordered: the first address is the primary one.
                    PrivateIps = sink.Pick(subject.At("privateIps"), be is null ? [] : be.PrivateIps, oe.PrivateIps, te.PrivateIps, ModelEquality.Ips, MergeText.Ips),
                    PublicIp = sink.Pick(subject.At("publicIp"), be?.PublicIp, oe.PublicIp, te.PublicIp, EqualityComparer<IpAddress?>.Default, p => p?.ToString()),
                    GroupIds = MergeSink.Set(be?.GroupIds ?? [], oe.GroupIds, te.GroupIds),
                    Description = sink.Pick(subject.At("description"), be?.Description, oe.Description, te.Description, StringComparer.Ordinal, v => v),
                };
            });
        });
}
