using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Model;

/// <summary>Whose defaults an instance's client (ephemeral) port range follows (semantics.md, "Network ACLs").</summary>
public enum EphemeralPortsKind
{
    /// <summary>Linux: 32768–60999 (the default).</summary>
    Linux,
    /// <summary>Windows Server 2008 and later: 49152–65535.</summary>
    Windows,
    /// <summary>A NAT gateway: 1024–65535.</summary>
    NatGateway,
    /// <summary>Elastic Load Balancing: 1024–65535.</summary>
    LoadBalancer,
    /// <summary>An explicit range.</summary>
    Custom,
}

/// <summary>
/// The source ports an instance's operating system picks for the connections it opens: a network ACL's reply rule
/// must allow them back (ACLs are stateless).
/// </summary>
/// <param name="Kind">The defaults it follows, or <see cref="EphemeralPortsKind.Custom"/>.</param>
/// <param name="From">First port.</param>
/// <param name="To">Last port (inclusive).</param>
public sealed record EphemeralPorts(EphemeralPortsKind Kind, int From, int To)
{
    /// <summary>Linux, 32768–60999: the default of every instance.</summary>
    public static EphemeralPorts Linux { get; } = new(EphemeralPortsKind.Linux, 32768, 60999);

    /// <summary>Windows, 49152–65535.</summary>
    public static EphemeralPorts Windows { get; } = new(EphemeralPortsKind.Windows, 49152, 65535);

    /// <summary>NAT gateway, 1024–65535.</summary>
    public static EphemeralPorts NatGateway { get; } = new(EphemeralPortsKind.NatGateway, 1024, 65535);

    /// <summary>Elastic Load Balancing, 1024–65535.</summary>
    public static EphemeralPorts LoadBalancer { get; } = new(EphemeralPortsKind.LoadBalancer, 1024, 65535);

    /// <summary>What a client outside the estate may use: any unprivileged port, whatever its system.</summary>
    public static EphemeralPorts Outside { get; } = new(EphemeralPortsKind.Custom, 1024, 65535);

    /// <summary>
    /// Reads <c>linux</c>, <c>windows</c>, <c>nat-gateway</c>, <c>elb</c> or an explicit range <c>1024-5000</c>
    /// (ports 1..65535, from ≤ to).
    /// </summary>
    public static ParseResult<EphemeralPorts> Parse(string? text)
    {
        var t = text?.Trim().ToLowerInvariant() ?? "";
        switch (t)
        {
            case "linux": return ParseResult<EphemeralPorts>.Ok(Linux);
            case "windows": return ParseResult<EphemeralPorts>.Ok(Windows);
            case "nat-gateway": return ParseResult<EphemeralPorts>.Ok(NatGateway);
            case "elb": return ParseResult<EphemeralPorts>.Ok(LoadBalancer);
        }
        var dash = t.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0
            && int.TryParse(t[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(t[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            && from >= 1 && to <= 65535 && from <= to)
            return ParseResult<EphemeralPorts>.Ok(new EphemeralPorts(EphemeralPortsKind.Custom, from, to));
        return ParseResult<EphemeralPorts>.Fail($"{QuotedValue.Of(text)} is not an ephemeral port range: use linux, windows, nat-gateway, elb or a range such as 1024-5000 (ports 1..65535)");
    }

    /// <summary>Who uses the range, for verdicts: "Linux clients", "clients with ports 1024-5000".</summary>
    public string ClientText => Kind switch
    {
        EphemeralPortsKind.Linux => "Linux clients",
        EphemeralPortsKind.Windows => "Windows clients",
        EphemeralPortsKind.NatGateway => "NAT gateways",
        EphemeralPortsKind.LoadBalancer => "load balancers",
        _ => "clients",
    };

    /// <summary>The range as people write it, with an en dash: "32768–60999".</summary>
    public string RangeText => string.Create(CultureInfo.InvariantCulture, $"{From}–{To}");

    /// <summary>What <see cref="Parse"/> reads back: the kind's name, or the range.</summary>
    public override string ToString() => Kind switch
    {
        EphemeralPortsKind.Linux => "linux",
        EphemeralPortsKind.Windows => "windows",
        EphemeralPortsKind.NatGateway => "nat-gateway",
        EphemeralPortsKind.LoadBalancer => "elb",
        _ => string.Create(CultureInfo.InvariantCulture, $"{From}-{To}"),
    };
}
