using System.Collections.Immutable;
using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Editing;

/// <summary>
/// Creating and deleting network ACLs, editing their numbered rules, associating subnets, and setting an instance's
/// client (ephemeral) port range (semantics.md, "Network ACLs"). Every edit is validated whole, with the network ACL
/// checks (<see cref="EditScope"/> gives ACL edits no narrow path).
/// </summary>
public static class NetworkAclEdits
{
    /// <summary>A new custom ACL in <paramref name="vpcId"/>: no rules, so it denies everything until rules are added.</summary>
    public static EstateEdit CreateAcl(string aclId, string vpcId, string? name) => EditCheck.Checked(e =>
        e.NetworkAcls.Any(a => a.Id == aclId)
            ? EditResult.Invalid($"networkAcls[{aclId}]", $"network ACL {QuotedValue.Of(aclId)} already exists")
            : !e.Vpcs.Any(v => v.Id == vpcId)
                ? EditResult.Invalid("vpcId", $"VPC {QuotedValue.Of(vpcId)} is not in the policy")
                : EditResult.Ok(e with { NetworkAcls = e.NetworkAcls.Add(new NetworkAcl(aclId, vpcId, false, [], [], [], Blank(name))) }));

    /// <summary>Deletes a custom ACL; as in AWS, refused for a VPC's default ACL and while subnets are associated with it.</summary>
    public static EstateEdit DeleteAcl(string aclId) => EditCheck.Checked(e => WithAcl(e, aclId, acl =>
        acl.IsDefault ? EditResult.Invalid($"networkAcls[{aclId}]", $"{aclId} is its VPC's default network ACL, which cannot be deleted")
        : acl.SubnetIds.Length > 0 ? EditResult.Invalid($"networkAcls[{aclId}].subnetIds",
            $"{aclId} is associated with {string.Join(", ", acl.SubnetIds)}: associate them with another ACL first")
        : EditResult.Ok(e with { NetworkAcls = e.NetworkAcls.RemoveAll(a => a.Id == aclId) })));

    /// <summary>
    /// Adds a rule, or replaces the rule numbered <paramref name="replacing"/> (which may renumber it). A number already
    /// taken in that direction by another rule is refused.
    /// </summary>
    public static EstateEdit PutEntry(string aclId, Direction direction, NetworkAclEntry entry, int? replacing = null) =>
        EditCheck.Checked(e => WithAcl(e, aclId, acl =>
        {
            var entries = acl.Entries(direction);
            var at = $"networkAcls[{aclId}].{Side(direction)}";
            if (replacing is { } old && !entries.Any(x => x.RuleNumber == old))
                return EditResult.NotFound($"{at}[#{Number(old)}]", $"{aclId} has no {DirectionText.Of(direction)} rule #{Number(old)}");
            if (entry.RuleNumber != replacing && entries.Any(x => x.RuleNumber == entry.RuleNumber))
                return EditResult.Invalid($"{at}[#{Number(entry.RuleNumber)}].ruleNumber",
                    $"rule number {Number(entry.RuleNumber)} is used twice in the {DirectionText.Of(direction)} rules");
            var kept = replacing is { } r ? entries.RemoveAll(x => x.RuleNumber == r) : entries;
            return EditResult.Ok(Replace(e, WithEntries(acl, direction, Sorted(kept.Add(entry)))));
        }));

    /// <summary>Deletes the rule numbered <paramref name="ruleNumber"/>.</summary>
    public static EstateEdit DeleteEntry(string aclId, Direction direction, int ruleNumber) => EditCheck.Checked(e => WithAcl(e, aclId, acl =>
    {
        var entries = acl.Entries(direction);
        return entries.Any(x => x.RuleNumber == ruleNumber)
            ? EditResult.Ok(Replace(e, WithEntries(acl, direction, entries.RemoveAll(x => x.RuleNumber == ruleNumber))))
            : EditResult.NotFound($"networkAcls[{aclId}].{Side(direction)}[#{Number(ruleNumber)}]",
                $"{aclId} has no {DirectionText.Of(direction)} rule #{Number(ruleNumber)}");
    }));

    /// <summary>
    /// Moves a rule one place earlier (<paramref name="up"/>) or later in evaluation order by swapping its number with its
    /// neighbour's: every other number, and every gap left for later inserts, stays as it was.
    /// </summary>
    public static EstateEdit MoveEntry(string aclId, Direction direction, int ruleNumber, bool up) => EditCheck.Checked(e => WithAcl(e, aclId, acl =>
    {
        var ordered = Sorted(acl.Entries(direction));
        var at = $"networkAcls[{aclId}].{Side(direction)}[#{Number(ruleNumber)}]";
        var index = ordered.IndexOf(ordered.FirstOrDefault(x => x.RuleNumber == ruleNumber)!);
        if (index < 0)
            return EditResult.NotFound(at, $"{aclId} has no {DirectionText.Of(direction)} rule #{Number(ruleNumber)}");
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= ordered.Length)
            return EditResult.Invalid(at, $"rule #{Number(ruleNumber)} is already the {(up ? "first" : "last")} {DirectionText.Of(direction)} rule");
        var (a, b) = (ordered[index], ordered[other]);
        var swapped = ordered.SetItem(index, b with { RuleNumber = a.RuleNumber }).SetItem(other, a with { RuleNumber = b.RuleNumber });
        return EditResult.Ok(Replace(e, WithEntries(acl, direction, Sorted(swapped))));
    }));

    /// <summary>Associates a subnet with the ACL, taking it from the ACL it had (a subnet has exactly one).</summary>
    public static EstateEdit AssociateSubnet(string aclId, string subnetId) => EditCheck.Checked(e => WithAcl(e, aclId, acl =>
    {
        var subnet = e.Subnets.FirstOrDefault(s => s.Id == subnetId);
        if (subnet is null)
            return EditResult.Invalid("subnetId", $"subnet {QuotedValue.Of(subnetId)} is not in the policy");
        if (subnet.VpcId != acl.VpcId)
            return EditResult.Invalid("subnetId", $"subnet {QuotedValue.Of(subnetId)} is in {subnet.VpcId}, not in the ACL's VPC {acl.VpcId}");
        var acls = e.NetworkAcls.Select(a => a.Id == aclId
                ? a.SubnetIds.Contains(subnetId) ? a : a with { SubnetIds = a.SubnetIds.Add(subnetId) }
                : a.SubnetIds.Contains(subnetId) ? a with { SubnetIds = a.SubnetIds.Remove(subnetId) } : a)
            .ToImmutableArray();
        return EditResult.Ok(e with { NetworkAcls = acls });
    }));

    /// <summary>Sets the client port range of an instance, which ACL reply rules must let back in.</summary>
    public static EstateEdit SetEphemeralPorts(string instanceId, EphemeralPorts ports) => EditCheck.Checked(e =>
    {
        var index = e.Instances.IndexOf(e.Instances.FirstOrDefault(i => i.Id == instanceId)!);
        return index < 0
            ? EditResult.NotFound($"instances[{instanceId}]", $"instance {QuotedValue.Of(instanceId)} is not in the draft")
            : EditResult.Ok(e with { Instances = e.Instances.SetItem(index, e.Instances[index] with { EphemeralPorts = ports }) });
    });

    /// <summary>The ACL a subnet uses: its explicit association, else its VPC's default ACL, else null (allow all).</summary>
    public static NetworkAcl? AclOf(Estate estate, Subnet subnet) =>
        estate.NetworkAcls.FirstOrDefault(a => a.SubnetIds.Contains(subnet.Id))
        ?? estate.NetworkAcls.FirstOrDefault(a => a.IsDefault && a.VpcId == subnet.VpcId);

    /// <summary>The rules in evaluation order: lowest number first.</summary>
    public static ImmutableArray<NetworkAclEntry> Sorted(ImmutableArray<NetworkAclEntry> entries) =>
        [.. (entries.IsDefault ? [] : entries).OrderBy(x => x.RuleNumber)];

    /// <summary>"inbound" or "outbound", as paths name the rule lists.</summary>
    public static string Side(Direction direction) => direction == Direction.Inbound ? "inbound" : "outbound";

    private static EditResult WithAcl(Estate e, string aclId, Func<NetworkAcl, EditResult> change) =>
        e.NetworkAcls.FirstOrDefault(a => a.Id == aclId) is { } acl
            ? change(acl)
            : EditResult.NotFound($"networkAcls[{aclId}]", $"network ACL {QuotedValue.Of(aclId)} is not in the draft");

    private static Estate Replace(Estate e, NetworkAcl acl) =>
        e with { NetworkAcls = EditCheck.Upsert(e.NetworkAcls, acl, a => a.Id) };

    private static NetworkAcl WithEntries(NetworkAcl acl, Direction direction, ImmutableArray<NetworkAclEntry> entries) =>
        direction == Direction.Inbound ? acl with { Inbound = entries } : acl with { Outbound = entries };

    private static string? Blank(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
