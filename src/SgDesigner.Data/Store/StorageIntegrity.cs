using SgDesigner.Core.Model;

namespace SgDesigner.Data.Store;

/// <summary>
/// What the schema demands of an estate before it can be stored, beyond Core's validation of imported data:
/// unique ids, the references that are foreign keys (VPCs, subnets, instances, attached groups), and the AWS limits the check constraints encode. References from rules to groups and prefix
/// lists may be stale (semantics.md) and are left to Core's validator. Checking first turns what would be a database
/// exception into errors at their model paths (<c>groups[sg-1].rules[sgr-2].peer</c>), and nothing is written.
/// </summary>
internal static class StorageIntegrity
{
    public static List<ValidationError> Check(Estate estate)
    {
        var errors = new List<ValidationError>();
        void Error(string path, string message) => errors.Add(new ValidationError(path, message));

        var vpcs = UniqueIds(estate.Vpcs, v => v.Id, "vpcs", errors);
        var subnets = UniqueIds(estate.Subnets, s => s.Id, "subnets", errors);
        var groups = UniqueIds(estate.Groups, g => g.Id, "groups", errors);
        UniqueIds(estate.PrefixLists, p => p.Id, "prefixLists", errors);
        var instances = UniqueIds(estate.Instances, i => i.Id, "instances", errors);
        UniqueIds(estate.NetworkInterfaces, n => n.Id, "networkInterfaces", errors);

        foreach (var s in estate.Subnets.Where(s => !vpcs.Contains(s.VpcId)))
            Error($"subnets[{s.Id}].vpcId", $"VPC '{s.VpcId}' is not in the policy");
        for (var i = 0; i < estate.VpcConnections.Length; i++)
        {
            var c = estate.VpcConnections[i];
            foreach (var (field, vpc) in new[] { ("vpcA", c.VpcA), ("vpcB", c.VpcB) }.Where(p => !vpcs.Contains(p.Item2)))
                Error($"vpcConnections[{i}].{field}", $"VPC '{vpc}' is not in the policy");
            if (c.VpcA == c.VpcB)
                Error($"vpcConnections[{i}]", "a connection needs two different VPCs");
        }

        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in estate.Groups)
        {
            var at = $"groups[{g.Id}]";
            if (!vpcs.Contains(g.VpcId))
                Error($"{at}.vpcId", $"VPC '{g.VpcId}' is not in the policy");
            // AWS: up to 255 characters, not starting with "sg-", unique per VPC ignoring case.
            if (string.IsNullOrEmpty(g.Name) || g.Name.Length > 255)
                Error($"{at}.name", "a group name must have 1 to 255 characters");
            else if (g.Name.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
                Error($"{at}.name", "a group name cannot start with 'sg-'");
            if (g.Description.Length > 255)
                Error($"{at}.description", "a description can have at most 255 characters");
            foreach (var r in g.Rules)
            {
                var rat = $"{at}.rules[{r.Id}]";
                if (!ruleIds.Add(r.Id))
                    Error(rat, $"rule id '{r.Id}' is used more than once");
                CheckRule(r, rat, errors);
            }
        }

        foreach (var n in estate.NetworkInterfaces)
        {
            var at = $"networkInterfaces[{n.Id}]";
            if (!vpcs.Contains(n.VpcId))
                Error($"{at}.vpcId", $"VPC '{n.VpcId}' is not in the policy");
            if (n.SubnetId is { } subnet && !subnets.Contains(subnet))
                Error($"{at}.subnetId", $"subnet '{subnet}' is not in the policy");
            if (n.InstanceId is { } instance && !instances.Contains(instance))
                Error($"{at}.instanceId", $"instance '{instance}' is not in the policy");
            if (n.DeviceIndex < 0)
                Error($"{at}.deviceIndex", "a device index cannot be negative");
            foreach (var duplicate in n.GroupIds.GroupBy(x => x).Where(x => x.Count() > 1))
                Error($"{at}.groupIds", $"group '{duplicate.Key}' is attached more than once");
            foreach (var missing in n.GroupIds.Where(x => !groups.Contains(x)))
                Error($"{at}.groupIds", $"group '{missing}' is not in the policy");
        }
        if (estate.Quotas.RulesPerDirection <= 0 || estate.Quotas.GroupsPerEni <= 0)
            Error("quotas", "quotas must be positive");
        return errors;
    }

    private static void CheckRule(Rule r, string at, List<ValidationError> errors)
    {
        void Error(string path, string message) => errors.Add(new ValidationError(path, message));
        var p = r.Protocol;
        if (p.Number is < -1 or > 255)
            Error($"{at}.protocol", $"protocol {p.Number} is not -1 (all) or 0..255");
        else if (p.HasPorts && (r.FromPort is < 0 or > 65535 || r.ToPort is < 0 or > 65535 || r.FromPort > r.ToPort))
            Error($"{at}.fromPort", $"a {p} port range must be 0..65535 with from ≤ to (got {r.FromPort}-{r.ToPort})");
        else if (p.IsIcmp && (r.FromPort is < -1 or > 255 || r.ToPort is < -1 or > 255))
            Error($"{at}.fromPort", $"an {p} type and code must each be -1 (any) or 0..255 (got {r.FromPort}/{r.ToPort})");
        if (r.Peer is null)
            Error($"{at}.peer", "a rule needs a peer");
        if (r.Description is { Length: > 255 })
            Error($"{at}.description", "a description can have at most 255 characters");
    }

    private static HashSet<string> UniqueIds<T>(IEnumerable<T> items, Func<T, string> id, string collection, List<ValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (string.IsNullOrWhiteSpace(id(item)))
                errors.Add(new ValidationError(collection, "an id is required"));
            else if (!seen.Add(id(item)))
                errors.Add(new ValidationError($"{collection}[{id(item)}]", $"id '{id(item)}' is used more than once"));
        }
        return seen;
    }
}
