using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Model;

/// <summary>
/// An IP protocol as AWS names it in a rule: <c>-1</c> for all traffic, otherwise the IANA number 0..255.
/// </summary>
public readonly record struct IpProtocol(int Number)
{
    /// <summary>All protocols (<c>-1</c>).</summary>
    public static IpProtocol All { get; } = new(-1);

    /// <summary>ICMP (1).</summary>
    public static IpProtocol Icmp { get; } = new(1);

    /// <summary>TCP (6).</summary>
    public static IpProtocol Tcp { get; } = new(6);

    /// <summary>UDP (17).</summary>
    public static IpProtocol Udp { get; } = new(17);

    /// <summary>ICMPv6 (58).</summary>
    public static IpProtocol IcmpV6 { get; } = new(58);

    /// <summary>True for <c>-1</c>.</summary>
    public bool IsAll => Number == -1;

    /// <summary>True for tcp and udp, whose rules carry a port range.</summary>
    public bool HasPorts => Number is 6 or 17;

    /// <summary>True for icmp and icmpv6, whose rules carry an ICMP type and code.</summary>
    public bool IsIcmp => Number is 1 or 58;

    /// <summary>
    /// Parses <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>all</c>/<c>-1</c>, or a number 0..255
    /// (AWS accepts <c>"6"</c> for tcp, semantics.md "Matching one rule").
    /// </summary>
    public static ParseResult<IpProtocol> Parse(string? text)
    {
        var t = text?.Trim().ToLowerInvariant();
        switch (t)
        {
            case null or "":
                return ParseResult<IpProtocol>.Fail("a protocol is required");
            case "-1" or "all":
                return ParseResult<IpProtocol>.Ok(All);
            case "tcp":
                return ParseResult<IpProtocol>.Ok(Tcp);
            case "udp":
                return ParseResult<IpProtocol>.Ok(Udp);
            case "icmp":
                return ParseResult<IpProtocol>.Ok(Icmp);
            case "icmpv6":
                return ParseResult<IpProtocol>.Ok(IcmpV6);
        }
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= Validation.AwsLimits.MaxProtocolNumber
            ? ParseResult<IpProtocol>.Ok(new IpProtocol(n))
            : ParseResult<IpProtocol>.Fail($"unknown protocol {QuotedValue.Of(text)}: use tcp, udp, icmp, icmpv6, all (-1) or a number 0..255");
    }

    /// <summary>The name AWS's rule API uses: <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>-1</c>, or the number.</summary>
    public string AwsName => Number switch
    {
        -1 => "-1",
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        58 => "icmpv6",
        _ => Number.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The display name: like <see cref="AwsName"/> but <c>all</c> for <c>-1</c>.</summary>
    public override string ToString() => IsAll ? "all" : AwsName;
}
