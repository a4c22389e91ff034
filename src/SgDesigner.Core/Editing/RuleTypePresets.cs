using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>
/// One entry of the AWS console's "Type" list for a security-group rule. A fixed preset (SSH, HTTPS, All traffic…)
/// sets protocol and ports, which the console then shows read-only; a custom one (Custom TCP…) sets the protocol and
/// leaves the ports to the user.
/// </summary>
/// <param name="Name">The console's name, e.g. <c>HTTPS</c> or <c>Custom TCP</c>.</param>
/// <param name="Protocol">The protocol it sets; null for "Custom protocol", where the user types the number.</param>
/// <param name="FromPort">A fixed preset's first port (ICMP type, or -1); unused for a custom one.</param>
/// <param name="ToPort">A fixed preset's last port (ICMP code, or -1); unused for a custom one.</param>
/// <param name="IsFixed">True when protocol and ports are fixed by the preset.</param>
public sealed record RuleTypePreset(string Name, IpProtocol? Protocol, int FromPort, int ToPort, bool IsFixed)
{
    /// <summary>True when a rule with this protocol and these ports is exactly this fixed preset.</summary>
    public bool Matches(IpProtocol protocol, int fromPort, int toPort) =>
        IsFixed && Protocol == protocol && (!(protocol.HasPorts || protocol.IsIcmp) || (FromPort, ToPort) == (fromPort, toPort));

    /// <summary>A fixed preset's ports as the designer writes them ("443", "0-65535", "any", or empty).</summary>
    public string PortsText => Protocol is { } p ? RulePorts.Text(p, FromPort, ToPort) : "";
}

/// <summary>The console's rule types (security-group-rules-reference.html), and which one a rule shows.</summary>
public static class RuleTypePresets
{
    /// <summary>"Custom TCP".</summary>
    public static RuleTypePreset CustomTcp { get; } = Custom("Custom TCP", IpProtocol.Tcp);

    /// <summary>"Custom UDP".</summary>
    public static RuleTypePreset CustomUdp { get; } = Custom("Custom UDP", IpProtocol.Udp);

    /// <summary>"Custom ICMP - IPv4": the user gives type/code.</summary>
    public static RuleTypePreset CustomIcmp { get; } = Custom("Custom ICMP - IPv4", IpProtocol.Icmp);

    /// <summary>"Custom ICMP - IPv6": the user gives type/code.</summary>
    public static RuleTypePreset CustomIcmpV6 { get; } = Custom("Custom ICMP - IPv6", IpProtocol.IcmpV6);

    /// <summary>"Custom protocol": any protocol number the user types.</summary>
    public static RuleTypePreset CustomProtocol { get; } = new("Custom protocol", null, -1, -1, false);

    /// <summary>Every type in the console's order: the custom ones, the "All …" ones, then the named services.</summary>
    public static ImmutableArray<RuleTypePreset> All { get; } =
    [
        CustomTcp, CustomUdp, CustomIcmp, CustomIcmpV6, CustomProtocol,
        Fixed("All TCP", IpProtocol.Tcp, 0, 65535),
        Fixed("All UDP", IpProtocol.Udp, 0, 65535),
        Fixed("All ICMP - IPv4", IpProtocol.Icmp, -1, -1),
        Fixed("All ICMP - IPv6", IpProtocol.IcmpV6, -1, -1),
        Fixed("All traffic", IpProtocol.All, -1, -1),
        Fixed("SSH", IpProtocol.Tcp, 22),
        Fixed("DNS (UDP)", IpProtocol.Udp, 53),
        Fixed("DNS (TCP)", IpProtocol.Tcp, 53),
        Fixed("HTTP", IpProtocol.Tcp, 80),
        Fixed("HTTPS", IpProtocol.Tcp, 443),
        Fixed("MySQL/Aurora", IpProtocol.Tcp, 3306),
        Fixed("RDP", IpProtocol.Tcp, 3389),
        Fixed("PostgreSQL", IpProtocol.Tcp, 5432),
        Fixed("Redis", IpProtocol.Tcp, 6379),
    ];

    /// <summary>The type named <paramref name="name"/> (any case, spaces around ignored), or null.</summary>
    public static RuleTypePreset? Find(string? name)
    {
        var n = name?.Trim();
        return All.FirstOrDefault(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The type a rule shows: the fixed preset it is exactly (tcp 443 is HTTPS, tcp 0-65535 All TCP), otherwise the
    /// custom type of its protocol (tcp 8443 is Custom TCP).
    /// </summary>
    public static RuleTypePreset Match(IpProtocol protocol, int fromPort, int toPort) =>
        All.FirstOrDefault(p => p.Matches(protocol, fromPort, toPort)) ?? CustomFor(protocol);

    /// <summary>The custom type for <paramref name="protocol"/>: Custom TCP, UDP, ICMP - IPv4/IPv6, or Custom protocol.</summary>
    public static RuleTypePreset CustomFor(IpProtocol protocol) => protocol.Number switch
    {
        6 => CustomTcp,
        17 => CustomUdp,
        1 => CustomIcmp,
        58 => CustomIcmpV6,
        _ => CustomProtocol,
    };

    private static RuleTypePreset Custom(string name, IpProtocol protocol) => new(name, protocol, -1, -1, false);

    private static RuleTypePreset Fixed(string name, IpProtocol protocol, int from, int to) => new(name, protocol, from, to, true);

    private static RuleTypePreset Fixed(string name, IpProtocol protocol, int port) => Fixed(name, protocol, port, port);
}
