using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>
/// One reachability question as the user gave it (flags or a JSON line), before it is resolved
/// against the estate. Field names are kept so errors name the flag or JSON field.
/// </summary>
/// <param name="From">The source as given (instance, ENI, Name tag or IP).</param>
/// <param name="To">The destination as given.</param>
/// <param name="Protocol">tcp, udp, icmp, icmpv6 or a protocol number.</param>
/// <param name="Port">The port, for tcp and udp.</param>
/// <param name="IcmpType">The ICMP type, for icmp and icmpv6.</param>
/// <param name="IcmpCode">The ICMP code (default 0).</param>
public sealed record ReachQuery(string? From, string? To, string? Protocol, int? Port, int? IcmpType, int? IcmpCode)
{
    /// <summary>Resolves the endpoints and traffic, or says which field is wrong.</summary>
    public (Endpoint From, Endpoint To, Traffic Traffic)? Resolve(Estate estate, ReachFieldNames names, out string? error)
    {
        var traffic = ToTraffic(names, out error);
        var endpoints = traffic is null ? null : ResolveEndpoints(estate, names, out error);
        return endpoints is { } e ? (e.From, e.To, traffic!.Value) : null;
    }

    /// <summary>The two endpoints in the estate, or null with the reason naming the field.</summary>
    public (Endpoint From, Endpoint To)? ResolveEndpoints(Estate estate, ReachFieldNames names, out string? error)
    {
        error = null;
        var from = ResolveEndpoint(estate, From, names.From, ref error);
        var to = ResolveEndpoint(estate, To, names.To, ref error);
        return error is null ? (from!, to!) : null;
    }

    private static Endpoint? ResolveEndpoint(Estate estate, string? text, string field, ref string? error)
    {
        if (error is not null)
            return null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"{field} is required";
            return null;
        }
        var resolved = EndpointResolver.Resolve(estate, text);
        if (resolved.IsOk)
            return resolved.Value;
        error = $"{field}: {resolved.Error}";
        return null;
    }

    /// <summary>The traffic of the query, or null with the reason naming the field.</summary>
    public Traffic? ToTraffic(ReachFieldNames names, out string? error)
    {
        error = null;
        if (Protocol is null)
        {
            error = $"{names.Protocol} is required";
            return null;
        }
        var parsed = IpProtocol.Parse(Protocol);
        if (!parsed.IsOk)
        {
            error = $"{names.Protocol}: {parsed.Error}";
            return null;
        }
        var protocol = parsed.Value;
        if (protocol.IsAll)
        {
            error = $"{names.Protocol}: a query is one connection: give tcp, udp, icmp, icmpv6 or a protocol number, not all";
            return null;
        }
        if (protocol.HasPorts)
        {
            if (IcmpType is not null || IcmpCode is not null)
                error = $"{(IcmpType is not null ? names.IcmpType : names.IcmpCode)} applies to icmp and icmpv6 only";
            else if (Port is not { } port)
                error = $"{names.Port} is required for {protocol}";
            else if (port is < 0 or > 65535)
                error = $"{names.Port}: {port} is not a port number 0..65535";
            return error is null ? new Traffic(protocol, Port!.Value) : null;
        }
        if (Port is not null)
        {
            error = $"{names.Port} applies to tcp and udp only";
            return null;
        }
        if (!protocol.IsIcmp)
        {
            if (IcmpType is not null || IcmpCode is not null)
                error = $"{(IcmpType is not null ? names.IcmpType : names.IcmpCode)} applies to icmp and icmpv6 only";
            return error is null ? new Traffic(protocol) : null;
        }
        if (IcmpType is not { } type || type is < 0 or > 255)
            error = IcmpType is null ? $"{names.IcmpType} is required for {protocol}" : $"{names.IcmpType}: {IcmpType} is not an ICMP type 0..255";
        else if (IcmpCode is < 0 or > 255)
            error = $"{names.IcmpCode}: {IcmpCode} is not an ICMP code 0..255";
        // A query is one concrete message: an echo request is type 8 code 0, so the code defaults to 0.
        return error is null ? new Traffic(protocol, -1, IcmpType!.Value, IcmpCode ?? 0) : null;
    }
}

/// <summary>How the fields of a <see cref="ReachQuery"/> are named where it came from.</summary>
/// <param name="From">The source's name.</param>
/// <param name="To">The destination's name.</param>
/// <param name="Protocol">The protocol's name.</param>
/// <param name="Port">The port's name.</param>
/// <param name="IcmpType">The ICMP type's name.</param>
/// <param name="IcmpCode">The ICMP code's name.</param>
public sealed record ReachFieldNames(string From, string To, string Protocol, string Port, string IcmpType, string IcmpCode)
{
    /// <summary>As <c>sgd reach</c>'s flags.</summary>
    public static ReachFieldNames Flags { get; } = new("--from", "--to", "--protocol", "--port", "--icmp-type", "--icmp-code");

    /// <summary>As JSON fields (a batch line, a request body) and HTTP query parameters.</summary>
    public static ReachFieldNames Json { get; } = new("from", "to", "protocol", "port", "icmpType", "icmpCode");
}
