using SgDesigner.Core.Model;

namespace SgDesigner.Data.Store;

/// <summary>
/// What the schema demands of an estate beyond Core's validator. Imported data may break some AWS rules that
/// AWS itself let happen, and the validator's import mode only warns about them; the foreign keys (VPCs, subnets,
/// instances, attached groups) and the check constraints on names and descriptions refuse them. Checking first
/// turns what would be a database exception into errors at their model paths, and nothing is written.
/// Everything the validator already reports as an error (ids, ports, protocols, quotas…) is left to it.
/// References from rules to groups and prefix lists may be stale (semantics.md) and have no foreign key.
/// </summary>
internal static class StorageIntegrity
{
    public static List<ValidationError> Check(Estate estate)
    {
        var errors = new List<ValidationError>();
        void Error(string path, string message) => errors.Add(new ValidationError(path, message));

        var vpcs = estate.Vpcs.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var subnets = estate.Subnets.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var groups = estate.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var instances = estate.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var s in estate.Subnets.Where(s => !vpcs.Contains(s.VpcId)))
            Error($"subnets[{s.Id}].vpcId", $"VPC '{s.VpcId}' is not in the policy");

        foreach (var g in estate.Groups)
        {
            var at = $"groups[{g.Id}]";
            if (!vpcs.Contains(g.VpcId))
                Error($"{at}.vpcId", $"VPC '{g.VpcId}' is not in the policy");
            // The check constraints: up to 255 characters, not starting with "sg-".
            if (g.Name.Length > 255)
                Error($"{at}.name", "a group name must have 1 to 255 characters");
            else if (g.Name.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
                Error($"{at}.name", "a group name cannot start with 'sg-'");
            if (g.Description.Length > 255)
                Error($"{at}.description", "a description can have at most 255 characters");
            foreach (var r in g.Rules.Where(r => r.Description is { Length: > 255 }))
                Error($"{at}.rules[{r.Id}].description", "a description can have at most 255 characters");
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
            foreach (var missing in n.GroupIds.Where(x => !groups.Contains(x)))
                Error($"{at}.groupIds", $"group '{missing}' is not in the policy");
        }
        return errors;
    }
}
