using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>
/// Checks the network ACLs (semantics.md, "Network ACLs"): ids, their VPC and subnets exist, a subnet has at most one
/// ACL, a VPC at most one default ACL, and each rule: number 1..32766 and unique in its direction, protocol, ports or
/// ICMP type/code. Paths are positions, as in the policy document (<c>networkAcls[2].inbound[0].ruleNumber</c>): an id
/// can be the problem itself (100 KB, a NUL), so it never goes into a path, and messages name it only when it is sane.
/// </summary>
internal static class NetworkAclValidator
{
    /// <summary>The ACLs' errors and warnings alone, in the given mode.</summary>
    public static EstateValidation Check(Estate estate, EstateValidationMode mode)
    {
        var sink = new ValidationSink(mode);
        Check(estate, sink);
        return sink.ToResult();
    }

    public static void Check(Estate estate, ValidationSink sink)
    {
        if (estate.NetworkAcls.IsDefaultOrEmpty)
            return;
        var vpcs = estate.Vpcs.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var subnets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var subnet in estate.Subnets)
            subnets.TryAdd(subnet.Id, subnet.VpcId);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < estate.NetworkAcls.Length; index++)
        {
            var acl = estate.NetworkAcls[index];
            var path = Invariant($"networkAcls[{index}]");
            if (string.IsNullOrWhiteSpace(acl.Id))
                sink.Error($"{path}.id", "a network ACL id is required");
            else if (!ids.Add(acl.Id))
                sink.Error($"{path}.id", $"network ACL {Shown(acl.Id)} appears more than once");
            else
                TextValidator.CheckId(acl.Id, AwsLimits.IdPrefix.NetworkAcl, "network ACL", $"{path}.id", sink);
            if (!vpcs.Contains(acl.VpcId))
                sink.Soft($"{path}.vpcId", $"VPC {Shown(acl.VpcId)} is not in the policy");
            if (acl.IsDefault && !defaults.TryAdd(acl.VpcId, acl.Id))
                sink.Error($"{path}.isDefault", $"VPC {Shown(acl.VpcId)} already has a default network ACL, {Shown(defaults[acl.VpcId])}");
            TextValidator.CheckFreeText(acl.Name, $"{path}.name", "name", sink);
            CheckSubnets(acl, path, subnets, owner, sink);
            CheckEntries(acl, Direction.Inbound, $"{path}.inbound", sink);
            CheckEntries(acl, Direction.Outbound, $"{path}.outbound", sink);
        }
    }

    private static void CheckSubnets(NetworkAcl acl, string path, Dictionary<string, string> subnets, Dictionary<string, string> owner, ValidationSink sink)
    {
        var ids = acl.SubnetIds.IsDefault ? [] : acl.SubnetIds;
        for (var i = 0; i < ids.Length; i++)
        {
            var subnet = ids[i];
            var at = Invariant($"{path}.subnetIds[{i}]");
            // Without the subnet, no ENI can be found behind the ACL: the association would be silently inert. The AWS
            // import refuses it too (describe-subnets output is needed), so what it writes reads back.
            if (!subnets.TryGetValue(subnet, out var vpc))
                sink.Error(at, $"subnet {Shown(subnet)} is not in the policy");
            else if (vpc != acl.VpcId)
                sink.Soft(at, $"subnet {Shown(subnet)} is in {vpc}, not in the ACL's VPC {Shown(acl.VpcId)}");
            if (!owner.TryAdd(subnet, acl.Id))
                sink.Error(at, $"subnet {Shown(subnet)} is associated with two network ACLs, {Shown(owner[subnet])} and {Shown(acl.Id)}: a subnet has exactly one");
        }
    }

    private static void CheckEntries(NetworkAcl acl, Direction direction, string path, ValidationSink sink)
    {
        var numbers = new HashSet<int>();
        var entries = acl.Entries(direction).IsDefault ? [] : acl.Entries(direction);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var at = Invariant($"{path}[{i}]");
            if (entry.RuleNumber is < NetworkAclEntry.MinRuleNumber or > NetworkAclEntry.MaxRuleNumber)
                sink.Error($"{at}.ruleNumber", Invariant($"{entry.RuleNumber} is out of range {NetworkAclEntry.MinRuleNumber}–{NetworkAclEntry.MaxRuleNumber}"));
            else if (!numbers.Add(entry.RuleNumber))
                sink.Error($"{at}.ruleNumber", Invariant($"rule number {entry.RuleNumber} is used twice in the {DirectionText.Of(direction)} rules"));
            if (AwsLimits.ProtocolProblem(entry.Protocol.Number) is { } protocol)
                sink.Error($"{at}.protocol", protocol);
            else if (entry.Protocol.HasPorts && AwsLimits.PortRangeProblem(entry.FromPort, entry.ToPort) is { } ports)
                sink.Error($"{at}.fromPort", ports);
            else if (entry.Protocol.IsIcmp && (AwsLimits.IcmpTypeProblem(entry.FromPort) ?? AwsLimits.IcmpCodeProblem(entry.ToPort)
                ?? AwsLimits.IcmpPairProblem(entry.FromPort, entry.ToPort)) is { } icmp)
                sink.Error($"{at}.icmp", icmp);
        }
    }

    /// <summary>An id quoted for a message, or "the id given" when it is too long or holds control characters.</summary>
    private static string Shown(string id) =>
        id.Length > AwsLimits.IdMaxLength || AwsLimits.ControlCharacterProblem(id) is not null ? "(the id given)" : $"'{id}'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
