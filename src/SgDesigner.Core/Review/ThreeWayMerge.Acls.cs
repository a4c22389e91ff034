using System.Collections.Immutable;
using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Review;

/// <summary>
/// The network ACL side of the merge: ACLs by id, their rules by (direction, rule number), their subnets as a set. Both
/// sides changing the same rule differently (or one deleting what the other changed) is a conflict on that rule.
/// </summary>
public static partial class ThreeWayMerge
{
    private static ImmutableArray<NetworkAcl> Acls(MergeSink sink, Estate b, Estate o, Estate t) =>
        sink.Keyed(b.NetworkAcls, o.NetworkAcls, t.NetworkAcls, a => a.Id, ModelEquality.NetworkAcl, (key, ba, oa, ta) =>
        {
            var subject = new Subject(MergeEntityKind.NetworkAcl, key);
            return sink.Entity(subject, ba, oa, ta, ModelEquality.NetworkAcl, MergeText.NetworkAcl, (ba, oa, ta) => ta with
            {
                Name = sink.Pick(subject.At("name"), ba?.Name, oa.Name, ta.Name, StringComparer.Ordinal, v => v),
                VpcId = sink.Pick(subject.At("vpcId"), ba?.VpcId, oa.VpcId, ta.VpcId, StringComparer.Ordinal, v => v)!,
                IsDefault = sink.Pick(subject.At("isDefault"), ba?.IsDefault, oa.IsDefault, ta.IsDefault, EqualityComparer<bool?>.Default,
                    v => v?.ToString(CultureInfo.InvariantCulture))!.Value,
                SubnetIds = MergeSink.Set(ba?.SubnetIds ?? [], oa.SubnetIds, ta.SubnetIds),
                Inbound = AclEntries(sink, key, Direction.Inbound, ba, oa, ta),
                Outbound = AclEntries(sink, key, Direction.Outbound, ba, oa, ta),
            });
        });

    private static ImmutableArray<NetworkAclEntry> AclEntries(MergeSink sink, string aclId, Direction direction, NetworkAcl? b, NetworkAcl o, NetworkAcl t)
    {
        var side = direction == Direction.Inbound ? "inbound" : "outbound";
        var merged = sink.Keyed(b?.Entries(direction) ?? [], o.Entries(direction), t.Entries(direction),
            e => e.RuleNumber.ToString(CultureInfo.InvariantCulture), EqualityComparer<NetworkAclEntry>.Default, (number, be, oe, te) =>
                sink.Pick(new Subject(MergeEntityKind.NetworkAclEntry, $"{side}#{number}", aclId), be, oe, te,
                    EqualityComparer<NetworkAclEntry?>.Default, e => e!.ToString()));
        // Evaluation order is the rule number's: keep the merged list in it.
        return [.. merged.OrderBy(e => e.RuleNumber)];
    }
}
