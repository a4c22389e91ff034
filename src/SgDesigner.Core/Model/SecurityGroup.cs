using System.Collections.Immutable;

namespace SgDesigner.Core.Model;

/// <summary>A security group: a named set of inbound and outbound rules in one VPC.</summary>
/// <param name="Id">The group id (<c>sg-…</c>), unique in the estate.</param>
/// <param name="Name">Unique within its VPC ignoring case, up to 255 characters, not starting with <c>sg-</c>.</param>
/// <param name="Description">Up to 255 characters.</param>
/// <param name="VpcId">The VPC the group belongs to.</param>
/// <param name="Tags">AWS tags, key to value.</param>
/// <param name="Rules">Inbound and outbound rules, one peer each; order has no meaning.</param>
public sealed record SecurityGroup(
    string Id,
    string Name,
    string Description,
    string VpcId,
    ImmutableSortedDictionary<string, string> Tags,
    ImmutableArray<Rule> Rules)
{
    /// <summary>The inbound rules.</summary>
    public IEnumerable<Rule> Inbound => Rules.Where(r => r.Direction == Direction.Inbound);

    /// <summary>The outbound rules.</summary>
    public IEnumerable<Rule> Outbound => Rules.Where(r => r.Direction == Direction.Outbound);
}
