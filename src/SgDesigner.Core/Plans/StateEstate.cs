using System.Collections.Immutable;
using System.Text.Json.Nodes;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Plans;

/// <summary>
/// An estate from a Terraform state: its VPCs, subnets, instances, network interfaces, groups and network ACLs, so that teams who
/// never designed here can still see a plan's impact on what is deployed.
/// </summary>
public static class StateEstate
{
    /// <summary>The estate of a state file as <c>terraform show -json</c> prints it; errors name the file and the JSON path.</summary>
    public static ParseResult<Estate> Read(string? json, string fileName, List<string> warnings)
    {
        var state = TerraformStateReader.Read(json, fileName);
        if (!state.IsOk)
            return ParseResult<Estate>.Fail(state.Error!);
        var estate = From(state.Value, warnings);
        return estate.IsOk ? estate : ParseResult<Estate>.Fail($"{fileName}: {estate.Error}", estate.ErrorSource);
    }

    /// <summary>As <see cref="Read"/>, with the problem at its place (<c>file:$.json.path</c>) apart from its message.</summary>
    public static (Estate? Estate, ValidationError? Error) ReadAt(string? json, string fileName, List<string> warnings)
    {
        var (resources, error) = TerraformStateReader.ReadAt(json, fileName);
        if (error is not null)
            return (null, error);
        var estate = From(resources, warnings);
        return estate.IsOk ? (estate.Value, null) : (null, new ValidationError($"{fileName}:$", estate.Error!));
    }

    /// <summary>The estate of <paramref name="resources"/> (those of a state: every resource has the same values on both sides).</summary>
    /// <remarks>A group, rule or ACL resource the provider would refuse (a malformed rule, an id of the wrong JSON type) is an
    /// error naming its address and field, as in a plan: read as a warning, the rest would pass for what is deployed.</remarks>
    public static ParseResult<Estate> From(ImmutableArray<PlannedResource> resources, List<string> warnings)
    {
        var vpcs = resources.Where(r => r.Type == "aws_vpc" && r.Before is not null)
            .Select(r => new Vpc(Text(r, "id") ?? r.Address, Tag(r, "Name"), [.. Cidrs(r, "cidr_block", "ipv6_cidr_block")]))
            .ToList();
        var subnets = new List<Subnet>();
        foreach (var r in resources.Where(r => r.Type == "aws_subnet" && r.Before is not null))
        {
            if (Text(r, "cidr_block") is { } text && Cidr.Parse(text) is { IsOk: true } cidr && Text(r, "vpc_id") is { } vpc)
                subnets.Add(new Subnet(Text(r, "id") ?? r.Address, vpc, cidr.Value, Cidrs(r, "ipv6_cidr_block").Cast<Cidr?>().FirstOrDefault(), Text(r, "availability_zone"), Tag(r, "Name")));
            else
                warnings.Add($"{r.Address}: a subnet without its VPC or IPv4 block; skipped");
        }
        var vpcOfSubnet = subnets.ToDictionary(s => s.Id, s => s.VpcId, StringComparer.Ordinal);
        var instances = new List<Instance>();
        var enis = new List<NetworkInterface>();
        foreach (var r in resources.Where(r => r.Type == "aws_instance" && r.Before is not null))
        {
            var id = Text(r, "id") ?? r.Address;
            instances.Add(new Instance(id, Tag(r, "Name"), Tags(r)));
            var subnet = Text(r, "subnet_id");
            if (subnet is null || !vpcOfSubnet.TryGetValue(subnet, out var vpc))
            {
                warnings.Add($"{r.Address}: its subnet is not in the state, so its VPC is unknown; skipped");
                continue;
            }
            var ips = new[] { Text(r, "private_ip") }.Concat(Strings(r, "ipv6_addresses")).OfType<string>()
                .Select(IpAddress.Parse).Where(p => p.IsOk).Select(p => p.Value).ToImmutableArray();
            enis.Add(new NetworkInterface(Text(r, "primary_network_interface_id") ?? id + "/eth0", vpc, subnet, id, 0, ips,
                null, [.. Strings(r, "vpc_security_group_ids")], null));
        }
        var primary = enis.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var r in resources.Where(r => r.Type == "aws_network_interface" && r.Before is not null))
        {
            var id = Text(r, "id") ?? r.Address;
            var subnet = Text(r, "subnet_id");
            if (primary.Contains(id) || subnet is null || !vpcOfSubnet.TryGetValue(subnet, out var vpc))
                continue;
            var ips = Strings(r, "private_ips").Concat(Strings(r, "ipv6_addresses"))
                .Select(IpAddress.Parse).Where(p => p.IsOk).Select(p => p.Value).ToImmutableArray();
            enis.Add(new NetworkInterface(id, vpc, subnet, null, null, ips, null, [.. Strings(r, "security_groups")], Text(r, "description")));
        }
        var groups = new SecurityGroupResources(resources, Estate.Empty).Read(PlanSide.Before, warnings);
        if (!groups.IsOk)
            return ParseResult<Estate>.Fail(groups.Error!, groups.ErrorSource);
        var groupList = groups.Value.Groups;
        var acls = new NetworkAclResources(resources, Estate.Empty).Read(PlanSide.Before, warnings);
        if (!acls.IsOk)
            return ParseResult<Estate>.Fail(acls.Error!, acls.ErrorSource);
        var aclList = acls.Value.Acls;
        foreach (var vpcId in groupList.Select(g => g.VpcId).Concat(subnets.Select(s => s.VpcId)).Concat(aclList.Select(a => a.VpcId)).Distinct().Where(id => vpcs.All(v => v.Id != id)).ToList())
            vpcs.Add(new Vpc(vpcId, null, []));
        return ParseResult<Estate>.Ok(Estate.Empty with
        {
            Vpcs = [.. vpcs],
            Subnets = [.. subnets],
            Groups = groupList,
            Instances = [.. instances],
            NetworkInterfaces = [.. enis],
            NetworkAcls = aclList,
        });
    }

    private static string? Text(PlannedResource r, string name) => SyntheticTerraform.Text(r.Before, name);

    private static IEnumerable<string> Strings(PlannedResource r, string name) =>
        r.Before?[name] is JsonArray items ? items.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>() : [];

    private static IEnumerable<Cidr> Cidrs(PlannedResource r, params string[] names) =>
        names.Select(n => Text(r, n)).OfType<string>().Select(Cidr.Parse).Where(c => c.IsOk).Select(c => c.Value);

    private static ImmutableSortedDictionary<string, string> Tags(PlannedResource r) =>
        r.Before?["tags"] is JsonObject tags
            ? tags.Where(t => t.Value is JsonValue).ToImmutableSortedDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    private static string? Tag(PlannedResource r, string key) => Tags(r).GetValueOrDefault(key);
}
