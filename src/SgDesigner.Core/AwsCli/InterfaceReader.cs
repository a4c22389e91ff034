using System.Collections.Immutable;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.AwsCli;

/// <summary>
/// Reads instances (<c>describe-instances</c>) and network interfaces (<c>describe-network-interfaces</c>).
/// An ENI's own <c>Groups</c> are authoritative: <c>Instances[].SecurityGroups</c> can disagree and is ignored
/// (semantics.md, "Defaults and limits"). The same ENI listed in both files is kept once.
/// </summary>
/// <remarks>
/// Anonymised samples repeat an ENI id across instances (CloudMapper's demo gives all three instances
/// <c>eni-00000000</c>). Such ENIs are kept apart: the first keeps the id, later ones get
/// <c>{eni id}@{instance id}</c> (or <c>@standalone</c> without an instance), and a warning says so.
/// </remarks>
internal sealed class InterfaceReader(ImportLog log)
{
    private readonly List<NetworkInterface> _interfaces = [];
    private readonly List<Instance> _instances = [];
    private readonly HashSet<(string AwsId, string? InstanceId, int? DeviceIndex)> _seen = [];
    private readonly HashSet<string> _interfaceIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _instanceIds = new(StringComparer.Ordinal);

    public ImmutableArray<NetworkInterface> Interfaces => [.. _interfaces];

    public ImmutableArray<Instance> Instances => [.. _instances];

    public void ReadInstances(JsonInput root)
    {
        foreach (var reservation in root.ItemsOf("Reservations"))
        {
            foreach (var node in reservation.ItemsOf("Instances"))
            {
                var id = node.RequiredString("InstanceId");
                var tags = AwsTags.Read(node);
                if (!_instanceIds.Add(id))
                    log.Warn(node, $"instance {id} appears more than once; its interfaces are added to the first");
                else
                    _instances.Add(new Instance(id, AwsTags.Name(tags), tags) { EphemeralPorts = ClientPorts(node) });
                foreach (var eni in node.ItemsOf("NetworkInterfaces"))
                    Add(eni, id, node.OptionalString("VpcId"), node.OptionalString("SubnetId"));
            }
        }
    }

    // describe-instances says Platform "windows" for Windows; everything else (no Platform) is Linux/UNIX.
    private static EphemeralPorts ClientPorts(JsonInput instance) =>
        string.Equals(instance.OptionalString("Platform"), "windows", StringComparison.OrdinalIgnoreCase) ? EphemeralPorts.Windows : EphemeralPorts.Linux;

    public void ReadNetworkInterfaces(JsonInput root)
    {
        foreach (var node in root.ItemsOf("NetworkInterfaces"))
        {
            var instanceId = node.Optional("Attachment")?.OptionalString("InstanceId");
            if (instanceId is not null && _instanceIds.Add(instanceId))
            {
                // The instance is not in the input (no describe-instances file, or a different snapshot).
                _instances.Add(new Instance(instanceId, null, ImmutableSortedDictionary<string, string>.Empty));
            }
            Add(node, instanceId, null, null);
        }
    }

    private void Add(JsonInput node, string? instanceId, string? fallbackVpc, string? fallbackSubnet)
    {
        var awsId = node.RequiredString("NetworkInterfaceId");
        var deviceIndex = node.Optional("Attachment")?.Optional("DeviceIndex")?.Int();
        if (!_seen.Add((awsId, instanceId, deviceIndex)))
            return; // The same ENI seen from describe-instances and describe-network-interfaces.
        var id = awsId;
        if (!_interfaceIds.Add(id))
        {
            var owner = instanceId ?? "standalone";
            id = $"{awsId}@{owner}";
            for (var n = 2; !_interfaceIds.Add(id); n++)
                id = $"{awsId}@{owner}#{n}";
            log.Warn(node, $"network interface id {awsId} is used more than once (anonymised data?); this one, of {owner}, is kept apart as {id}");
        }
        var subnetId = node.OptionalString("SubnetId") ?? fallbackSubnet;
        var vpcId = node.OptionalString("VpcId") ?? fallbackVpc
            ?? throw node.Fail("the network interface has no VpcId");
        var description = node.OptionalString("Description");
        if (string.IsNullOrEmpty(description))
            description = AwsTags.Name(AwsTags.Read(node));
        _interfaces.Add(new NetworkInterface(
            id, vpcId, subnetId, instanceId, deviceIndex,
            PrivateIps(node),
            node.Optional("Association")?.Optional("PublicIp") is { } publicIp ? log.Parse(publicIp, IpAddress.Parse) : null,
            [.. node.ItemsOf("Groups").Select(g => g.RequiredString("GroupId")).Distinct()],
            description));
    }

    /// <summary>Primary private IPv4 first, then secondary IPv4, then IPv6 addresses.</summary>
    private ImmutableArray<IpAddress> PrivateIps(JsonInput node)
    {
        var ips = new List<IpAddress>();
        if (node.Optional("PrivateIpAddress") is { } primary)
            ips.Add(log.Parse(primary, IpAddress.Parse));
        foreach (var entry in node.ItemsOf("PrivateIpAddresses").OrderByDescending(e => e.Optional("Primary")?.Bool() ?? false))
        {
            var ip = log.Parse(entry.Required("PrivateIpAddress"), IpAddress.Parse);
            if (!ips.Contains(ip))
                ips.Add(ip);
        }
        foreach (var entry in node.ItemsOf("Ipv6Addresses"))
        {
            var ip = log.Parse(entry.Required("Ipv6Address"), IpAddress.Parse);
            if (!ips.Contains(ip))
                ips.Add(ip);
        }
        return [.. ips];
    }
}
