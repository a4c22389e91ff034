using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// One concrete connection attempt: tcp/udp to a destination port, icmp/icmpv6 with a type and code,
/// or another protocol number. Security-group rules match only the destination port (semantics.md).
/// </summary>
/// <param name="Protocol">The IP protocol (not <c>-1</c> for a concrete query).</param>
/// <param name="Port">tcp/udp destination port 0..65535; -1 otherwise.</param>
/// <param name="IcmpType">icmp/icmpv6 type 0..255; -1 otherwise.</param>
/// <param name="IcmpCode">icmp/icmpv6 code 0..255; -1 otherwise.</param>
public readonly record struct Traffic(IpProtocol Protocol, int Port = -1, int IcmpType = -1, int IcmpCode = -1)
{
    /// <summary>A TCP connection to <paramref name="port"/>.</summary>
    public static Traffic Tcp(int port) => new(IpProtocol.Tcp, port);

    /// <summary>A UDP flow to <paramref name="port"/>.</summary>
    public static Traffic Udp(int port) => new(IpProtocol.Udp, port);

    /// <summary>An ICMP (IPv4) message of the given type and code.</summary>
    public static Traffic Icmp(int type, int code) => new(IpProtocol.Icmp, -1, type, code);

    /// <summary>An ICMPv6 message of the given type and code.</summary>
    public static Traffic IcmpV6(int type, int code) => new(IpProtocol.IcmpV6, -1, type, code);

    /// <summary>Traffic of another protocol number (e.g. 50 for ESP, 47 for GRE); ports do not apply.</summary>
    public static Traffic Other(int protocolNumber) => new(new IpProtocol(protocolNumber));

    /// <summary>
    /// Checks that the numbers fit the protocol: a port 0..65535 for tcp/udp, a type and code 0..255 for icmp.
    /// Returns null when valid, otherwise the reason.
    /// </summary>
    public string? Validate() => Protocol switch
    {
        { IsAll: true } => "a query needs one protocol, not all (-1)",
        { Number: < 0 or > 255 } => $"protocol {Protocol.Number} is not 0..255",
        { HasPorts: true } when Port is < 0 or > 65535 => $"{Protocol} needs a port 0..65535",
        { IsIcmp: true } when IcmpType is < 0 or > 255 || IcmpCode is < 0 or > 255 =>
            $"{Protocol} needs a type and a code 0..255",
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Protocol switch
    {
        { HasPorts: true } => string.Create(CultureInfo.InvariantCulture, $"{Protocol} {Port}"),
        { IsIcmp: true } => string.Create(CultureInfo.InvariantCulture, $"{Protocol} {IcmpType}/{IcmpCode}"),
        { IsAll: true } => "all",
        _ => string.Create(CultureInfo.InvariantCulture, $"protocol {Protocol.Number}"),
    };
}
