using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>
/// Checks the network ACLs (semantics.md, "Network ACLs"): ids, their VPC and subnets exist (errors in the designer,
/// warnings on import), a subnet has at most one ACL, a VPC at most one default ACL, and each rule: number 1..32766 and unique in its direction, protocol, ports or
/// ICMP type/code. Paths name the ACL and the rule, e.g. <c>networkAcls[acl-1].inbound[#100].fromPort</c>.
/// </summary>
internal static class NetworkAclValidator
{
    public static void Check(Estate estate, ValidationSink sink)
    {
        if (estate.NetworkAcls.IsDefaultOrEmpty)
            return;
        var vpcs = estate.Vpcs.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var subnets = estate.Subnets.ToDictionary(s => s.Id, s => s.VpcId, StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var acl in estate.NetworkAcls)
        {
            var path = string.IsNullOrWhiteSpace(acl.Id) ? $"networkAcls[{index}]" : $"networkAcls[{acl.Id}]";
            index++;
            if (string.IsNullOrWhiteSpace(acl.Id))
                sink.Error(path, "a network ACL id is required");
            else if (!ids.Add(acl.Id))
                sink.Error(path, $"network ACL '{acl.Id}' appears more than once");
            else
                TextValidator.CheckId(acl.Id, AwsLimits.IdPrefix.NetworkAcl, "network ACL", $"{path}.id", sink);
            if (!vpcs.Contains(acl.VpcId))
                sink.Soft($"{path}.vpcId", $"VPC '{acl.VpcId}' is not in the policy");
            if (acl.IsDefault && !defaults.TryAdd(acl.VpcId, acl.Id))
                sink.Error($"{path}.isDefault", $"VPC '{acl.VpcId}' already has a default network ACL, {defaults[acl.VpcId]}");
            CheckSubnets(acl, path, subnets, owner, sink);
            CheckEntries(acl, Direction.Inbound, $"{path}.inbound", sink);
            CheckEntries(acl, Direction.Outbound, $"{path}.outbound", sink);
        }
    }

    private static void CheckSubnets(NetworkAcl acl, string path, Dictionary<string, string> subnets, Dictionary<string, string> owner, ValidationSink sink)
    {
        foreach (var subnet in acl.SubnetIds.IsDefault ? [] : acl.SubnetIds)
        {
            var at = $"{path}.subnetIds[{subnet}]";
            // An import without describe-subnets output still names the subnets: kept with a warning, as for ENIs.
            if (!subnets.TryGetValue(subnet, out var vpc))
                sink.Soft(at, $"subnet '{subnet}' is not in the policy");
            else if (vpc != acl.VpcId)
                sink.Soft(at, $"subnet '{subnet}' is in {vpc}, not in the ACL's VPC {acl.VpcId}");
            if (!owner.TryAdd(subnet, acl.Id))
                sink.Error(at, $"subnet '{subnet}' is associated with two network ACLs, {owner[subnet]} and {acl.Id}: a subnet has exactly one");
        }
    }

    private static void CheckEntries(NetworkAcl acl, Direction direction, string path, ValidationSink sink)
    {
        var numbers = new HashSet<int>();
        foreach (var entry in acl.Entries(direction).IsDefault ? [] : acl.Entries(direction))
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}[#{entry.RuleNumber}]");
            if (entry.RuleNumber is < NetworkAclEntry.MinRuleNumber or > NetworkAclEntry.MaxRuleNumber)
                sink.Error($"{at}.ruleNumber", string.Create(CultureInfo.InvariantCulture,
                    $"rule number {entry.RuleNumber} is out of range {NetworkAclEntry.MinRuleNumber}..{NetworkAclEntry.MaxRuleNumber}"));
            else if (!numbers.Add(entry.RuleNumber))
                sink.Error($"{at}.ruleNumber", string.Create(CultureInfo.InvariantCulture,
                    $"rule number {entry.RuleNumber} is used twice in the {DirectionText.Of(direction)} rules"));
            if (AwsLimits.ProtocolProblem(entry.Protocol.Number) is { } protocol)
                sink.Error($"{at}.protocol", protocol);
            else if (entry.Protocol.HasPorts && AwsLimits.PortRangeProblem(entry.FromPort, entry.ToPort) is { } ports)
                sink.Error($"{at}.fromPort", ports);
            else if (entry.Protocol.IsIcmp && (AwsLimits.IcmpTypeProblem(entry.FromPort) ?? AwsLimits.IcmpCodeProblem(entry.ToPort)
                ?? AwsLimits.IcmpPairProblem(entry.FromPort, entry.ToPort)) is { } icmp)
                sink.Error($"{at}.icmp", icmp);
        }
    }
}
