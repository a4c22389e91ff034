using System.Text.Json.Nodes;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.AwsCli;

/// <summary>
/// Test-only: writes an estate in the shapes the AWS CLI prints (permissions grouping peers of the same traffic,
/// -1 permissions without ports, ENIs under their instances or in describe-network-interfaces), so the importer
/// can be checked against random estates and not only the stored samples.
/// </summary>
internal static class AwsCliJsonWriter
{
    public static List<AwsCliFile> Write(Estate estate) =>
    [
        new("Vpcs.json", Wrap("Vpcs", estate.Vpcs.Select(Vpc))),
        new("Subnets.json", Wrap("Subnets", estate.Subnets.Select(Subnet))),
        new("PrefixLists.json", Wrap("PrefixLists", estate.PrefixLists.Select(p => new JsonObject
        {
            ["PrefixListId"] = p.Id, ["PrefixListName"] = p.Name, ["Cidrs"] = Array(p.Entries.Select(c => (JsonNode)c.ToString())),
        }))),
        new("SecurityGroups.json", Wrap("SecurityGroups", estate.Groups.Select(Group))),
        new("Reservations.json", Wrap("Reservations", [new JsonObject { ["Instances"] = Array(estate.Instances.Select(i => Instance(i, estate))) }])),
        new("NetworkInterfaces.json", Wrap("NetworkInterfaces", estate.NetworkInterfaces.Where(e => e.InstanceId is null).Select(Interface))),
    ];

    private static JsonObject Vpc(Vpc vpc)
    {
        var v4 = vpc.Cidrs.Where(c => c.Family == IpFamily.V4).ToList();
        var node = new JsonObject
        {
            ["VpcId"] = vpc.Id,
            ["CidrBlock"] = v4[0].ToString(),
            ["CidrBlockAssociationSet"] = Array(v4.Select(c => (JsonNode)new JsonObject { ["CidrBlock"] = c.ToString(), ["CidrBlockState"] = new JsonObject { ["State"] = "associated" } })),
            ["Ipv6CidrBlockAssociationSet"] = Array(vpc.Cidrs.Where(c => c.Family == IpFamily.V6).Select(c => (JsonNode)new JsonObject { ["Ipv6CidrBlock"] = c.ToString() })),
        };
        if (vpc.Name is not null)
            node["Tags"] = Tags(new Dictionary<string, string> { ["Name"] = vpc.Name });
        return node;
    }

    private static JsonObject Subnet(Subnet s)
    {
        var node = new JsonObject { ["SubnetId"] = s.Id, ["VpcId"] = s.VpcId, ["CidrBlock"] = s.Cidr.ToString(), ["AvailabilityZone"] = s.AvailabilityZone };
        if (s.Ipv6Cidr is { } v6)
            node["Ipv6CidrBlockAssociationSet"] = Array([new JsonObject { ["Ipv6CidrBlock"] = v6.ToString(), ["Ipv6CidrBlockState"] = new JsonObject { ["State"] = "associated" } }]);
        if (s.Name is not null)
            node["Tags"] = Tags(new Dictionary<string, string> { ["Name"] = s.Name });
        return node;
    }

    private static JsonObject Group(SecurityGroup g) => new()
    {
        ["GroupId"] = g.Id,
        ["GroupName"] = g.Name,
        ["Description"] = g.Description,
        ["VpcId"] = g.VpcId,
        ["OwnerId"] = "123456789012",
        ["Tags"] = Tags(g.Tags),
        ["IpPermissions"] = Permissions(g.Inbound),
        ["IpPermissionsEgress"] = Permissions(g.Outbound),
    };

    private static JsonArray Permissions(IEnumerable<Rule> rules) => Array(rules
        .GroupBy(r => (r.Protocol, r.FromPort, r.ToPort))
        .Select(traffic =>
        {
            var permission = new JsonObject { ["IpProtocol"] = traffic.Key.Protocol.AwsName };
            if (!traffic.Key.Protocol.IsAll)
            {
                permission["FromPort"] = traffic.Key.FromPort;
                permission["ToPort"] = traffic.Key.ToPort;
            }
            permission["IpRanges"] = Peers(traffic, r => r.Peer is CidrPeer { Block.Family: IpFamily.V4 } c ? ("CidrIp", c.Block.ToString()) : null);
            permission["Ipv6Ranges"] = Peers(traffic, r => r.Peer is CidrPeer { Block.Family: IpFamily.V6 } c ? ("CidrIpv6", c.Block.ToString()) : null);
            permission["UserIdGroupPairs"] = Peers(traffic, r => r.Peer is GroupPeer g ? ("GroupId", g.GroupId) : null);
            permission["PrefixListIds"] = Peers(traffic, r => r.Peer is PrefixListPeer p ? ("PrefixListId", p.PrefixListId) : null);
            return (JsonNode)permission;
        }));

    private static JsonArray Peers(IEnumerable<Rule> rules, Func<Rule, (string Key, string Value)?> peer) => Array(rules
        .Select(r => (Rule: r, Peer: peer(r)))
        .Where(x => x.Peer is not null)
        .Select(x =>
        {
            var node = new JsonObject { [x.Peer!.Value.Key] = x.Peer.Value.Value, ["SecurityGroupRuleId"] = x.Rule.Id };
            if (x.Rule.Description is not null)
                node["Description"] = x.Rule.Description;
            return (JsonNode)node;
        }));

    private static JsonObject Instance(Instance instance, Estate estate) => new()
    {
        ["InstanceId"] = instance.Id,
        ["Tags"] = Tags(instance.Tags),
        ["SecurityGroups"] = Array([]),
        ["NetworkInterfaces"] = Array(estate.NetworkInterfaces.Where(e => e.InstanceId == instance.Id).Select(Interface)),
    };

    private static JsonNode Interface(NetworkInterface e)
    {
        var v4 = e.PrivateIps.Where(ip => ip.Family == IpFamily.V4).ToList();
        var node = new JsonObject
        {
            ["NetworkInterfaceId"] = e.Id,
            ["SubnetId"] = e.SubnetId,
            ["VpcId"] = e.VpcId,
            ["Description"] = e.Description ?? "",
            ["Groups"] = Array(e.GroupIds.Select(g => (JsonNode)new JsonObject { ["GroupId"] = g, ["GroupName"] = "x" })),
            ["PrivateIpAddresses"] = Array(v4.Select((ip, i) => (JsonNode)new JsonObject { ["PrivateIpAddress"] = ip.ToString(), ["Primary"] = i == 0 })),
            ["Ipv6Addresses"] = Array(e.PrivateIps.Where(ip => ip.Family == IpFamily.V6).Select(ip => (JsonNode)new JsonObject { ["Ipv6Address"] = ip.ToString() })),
            ["TagSet"] = Array([]),
        };
        if (v4.Count > 0)
            node["PrivateIpAddress"] = v4[0].ToString();
        if (e.PublicIp is { } publicIp)
            node["Association"] = new JsonObject { ["PublicIp"] = publicIp.ToString() };
        if (e.InstanceId is not null)
            node["Attachment"] = new JsonObject { ["InstanceId"] = e.InstanceId, ["DeviceIndex"] = e.DeviceIndex };
        return node;
    }

    private static JsonArray Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        Array(tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }));

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    private static string Wrap(string key, IEnumerable<JsonNode> items) => new JsonObject { [key] = Array(items) }.ToJsonString();
}
