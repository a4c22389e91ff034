using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>Where things sit: VPCs, subnets, connections, prefix lists and ENIs.</summary>
internal static class NetworkValidator
{
    public static void Check(Estate estate, ValidationSink sink)
    {
        var vpcs = new Dictionary<string, Vpc>(StringComparer.Ordinal);
        foreach (var vpc in estate.Vpcs)
            vpcs.TryAdd(vpc.Id, vpc);
        foreach (var vpc in estate.Vpcs)
        {
            TextValidator.CheckFreeText(vpc.Name, $"vpcs[{vpc.Id}].name", "name", sink);
            if (!vpc.Cidrs.Any(c => c.Family == IpFamily.V4))
                sink.Soft($"vpcs[{vpc.Id}].cidrs", "a VPC needs an IPv4 CIDR block");
            for (var i = 0; i < vpc.Cidrs.Length; i++)
            {
                // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html: IPv4 blocks are /16 to /28.
                if (vpc.Cidrs[i] is { Family: IpFamily.V4, PrefixLength: < 16 or > 28 } block)
                    sink.Soft($"vpcs[{vpc.Id}].cidrs[{i}]", $"{block}: a VPC's IPv4 block must be between /16 and /28");
            }
        }
        CheckSubnets(estate, vpcs, sink);
        CheckConnections(estate, vpcs, sink);
        CheckPrefixLists(estate, sink);
        foreach (var instance in estate.Instances)
        {
            TextValidator.CheckFreeText(instance.Name, $"instances[{instance.Id}].name", "name", sink);
            TextValidator.CheckTags(instance.Tags, $"instances[{instance.Id}].tags", sink);
        }
        foreach (var endpoint in estate.ExternalEndpoints)
            TextValidator.CheckFreeText(endpoint.Name, $"externalEndpoints[{endpoint.Name}].name", "name", sink);
        EniValidator.Check(estate, vpcs, sink);
    }

    private static void CheckSubnets(Estate estate, Dictionary<string, Vpc> vpcs, ValidationSink sink)
    {
        foreach (var subnet in estate.Subnets)
        {
            var path = $"subnets[{subnet.Id}]";
            TextValidator.CheckFreeText(subnet.Name, $"{path}.name", "name", sink);
            TextValidator.CheckFreeText(subnet.AvailabilityZone, $"{path}.availabilityZone", "availability zone", sink);
            if (subnet.Cidr.Family != IpFamily.V4)
                sink.Error($"{path}.cidr", $"the subnet's main block {subnet.Cidr} must be IPv4");
            else if (subnet.Cidr.PrefixLength is < 16 or > 28)
                sink.Soft($"{path}.cidr", $"{subnet.Cidr}: a subnet's IPv4 block must be between /16 and /28");
            if (subnet.Ipv6Cidr is { Family: not IpFamily.V6 } v6)
                sink.Error($"{path}.ipv6Cidr", $"{v6} is not an IPv6 block");
            if (!vpcs.TryGetValue(subnet.VpcId, out var vpc))
            {
                sink.Soft($"{path}.vpcId", $"VPC {QuotedValue.Of(subnet.VpcId)} does not exist");
                continue;
            }
            // AWS requires a subnet's blocks to lie inside one of its VPC's blocks.
            if (!vpc.Cidrs.Any(c => c.Contains(subnet.Cidr)))
                sink.Soft($"{path}.cidr", $"{subnet.Cidr} is not inside any CIDR block of {vpc.Id} ({string.Join(", ", vpc.Cidrs)})");
            if (subnet.Ipv6Cidr is { } block && !vpc.Cidrs.Any(c => c.Contains(block)))
                sink.Soft($"{path}.ipv6Cidr", $"{block} is not inside any IPv6 block of {vpc.Id}");
        }
        foreach (var inVpc in estate.Subnets.GroupBy(s => s.VpcId))
        {
            var list = inVpc.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (list[i].Cidr.Overlaps(list[j].Cidr))
                        sink.Soft($"subnets[{list[j].Id}].cidr", $"{list[j].Cidr} overlaps {list[i].Id} ({list[i].Cidr}) in {inVpc.Key}");
                }
            }
        }
    }

    private static void CheckConnections(Estate estate, Dictionary<string, Vpc> vpcs, ValidationSink sink)
    {
        for (var i = 0; i < estate.VpcConnections.Length; i++)
        {
            var connection = estate.VpcConnections[i];
            var path = $"vpcConnections[{i}]";
            if (!vpcs.ContainsKey(connection.VpcA))
                sink.Error($"{path}.vpcA", $"VPC {QuotedValue.Of(connection.VpcA)} does not exist");
            if (!vpcs.ContainsKey(connection.VpcB))
                sink.Error($"{path}.vpcB", $"VPC {QuotedValue.Of(connection.VpcB)} does not exist");
            if (connection.VpcA == connection.VpcB)
                sink.Error(path, "a VPC cannot be connected to itself");
            // AWS refuses to peer VPCs whose IPv4 blocks overlap (a transit gateway accepts them but cannot route).
            else if (connection.Kind == VpcConnectionKind.Peering && vpcs.TryGetValue(connection.VpcA, out var a) && vpcs.TryGetValue(connection.VpcB, out var b))
            {
                var clash = a.Cidrs.Where(x => b.Cidrs.Any(x.Overlaps)).Select(x => x.ToString()).FirstOrDefault();
                if (clash is not null)
                    sink.Soft(path, $"{a.Id} and {b.Id} cannot be peered: their blocks overlap ({clash})");
            }
        }
    }

    private static void CheckPrefixLists(Estate estate, ValidationSink sink)
    {
        foreach (var list in estate.PrefixLists)
        {
            TextValidator.CheckFreeText(list.Name, $"prefixLists[{list.Id}].name", "name", sink);
            // Over AWS's size is an error in the designer; an imported list AWS let grow is kept with a warning.
            if (AwsLimits.PrefixListSizeProblem(list.Entries.Length, list.MaxEntries) is { } size)
                sink.Soft(list.MaxEntries is < 1 or > AwsLimits.MaxPrefixListEntries ? $"prefixLists[{list.Id}].maxEntries" : $"prefixLists[{list.Id}].entries", size);
            for (var i = 0; i < list.Entries.Length; i++)
            {
                if (list.Entries[i].Family != list.Family)
                    sink.Error($"prefixLists[{list.Id}].entries[{i}]", $"{list.Entries[i]} is not an {(list.Family == IpFamily.V4 ? "IPv4" : "IPv6")} block like the rest of the list");
            }
        }
    }
}
