using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Preview;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>How a matrix cell is coloured.</summary>
public enum CellState
{
    /// <summary>The filtered traffic (or, for "any traffic", everything) is allowed.</summary>
    Allowed,
    /// <summary>Nothing of the filtered traffic is allowed.</summary>
    Denied,
    /// <summary>"Any traffic" only: some protocols or ports are allowed, not all.</summary>
    Partial,
    /// <summary>Both ends outside the estate: no security group stands between them.</summary>
    NoRules,
}

/// <summary>
/// The traffic the matrix shows: one protocol and port as the preview takes them (e.g. tcp 5432, icmp 8/0),
/// or any traffic when the protocol is empty, "any" or "all".
/// </summary>
/// <param name="Protocol">The protocol as typed.</param>
/// <param name="Port">The port or icmp type/code as typed.</param>
/// <param name="Traffic">The parsed connection, or null for any traffic.</param>
public sealed record MatrixFilter(string Protocol, string Port, Traffic? Traffic)
{
    /// <summary>Any traffic: cells show everything, something or nothing allowed.</summary>
    public static MatrixFilter AnyTraffic { get; } = new("any", "", null);

    // Both ends outside the estate, so that only the traffic part of the preview's parsing can fail.
    private const string Nowhere = "0.0.0.0/32";

    /// <summary>The filter for what the user typed, or the reason it is not one (named by field, as the preview does).</summary>
    public static ParseResult<MatrixFilter> Parse(string? protocol, string? port)
    {
        var p = protocol?.Trim() ?? "";
        if (p.Length == 0 || p.Equals("any", StringComparison.OrdinalIgnoreCase) || IpProtocol.Parse(p) is { IsOk: true, Value.IsAll: true })
            return ParseResult<MatrixFilter>.Ok(AnyTraffic);
        // The preview's own parsing, so that a cell and its explanation read the protocol and port alike.
        var query = new PreviewQuery { Source = Nowhere, Destination = Nowhere, Protocol = p, Port = port?.Trim() ?? "" };
        return query.Resolve(Estate.Empty, out var error) is { } resolved
            ? ParseResult<MatrixFilter>.Ok(new MatrixFilter(p, query.Port, resolved.Traffic))
            : ParseResult<MatrixFilter>.Fail(error ?? "not a protocol and port");
    }

    /// <summary>The cell's colour for what the rules allow between its two ends (null: both outside).</summary>
    public CellState StateOf(TrafficSet? allowed) => allowed is null ? CellState.NoRules : Traffic is { } traffic
        ? allowed.Contains(traffic) ? CellState.Allowed : CellState.Denied
        : allowed.IsAll ? CellState.Allowed : allowed.IsEmpty ? CellState.Denied : CellState.Partial;

    /// <summary>
    /// The preview question for a cell: the filtered traffic, or for "any traffic" an example of what is allowed
    /// (the first protocol and port of the set), so that the explanation names the rules that allow it.
    /// </summary>
    public PreviewQuery QueryFor(string source, string destination, TrafficSet allowed)
    {
        var (protocol, port) = Traffic is null ? Example(allowed) : (Protocol, Port);
        return new PreviewQuery { Source = source, Destination = destination, Protocol = protocol, Port = port };
    }

    private static (string Protocol, string Port) Example(TrafficSet allowed)
    {
        var entry = allowed.Entries.FirstOrDefault();
        return entry switch
        {
            null or { Protocol.IsAll: true } => ("tcp", "443"),
            { Protocol.HasPorts: true } => (entry.Protocol.AwsName, entry.Ports[0].From.ToString(CultureInfo.InvariantCulture)),
            { Protocol.IsIcmp: true } => (entry.Protocol.AwsName, IcmpExample(entry.Protocol, entry.IcmpTypes[0])),
            _ => (entry.Protocol.AwsName, ""),
        };
    }

    // An echo request (8/0, or 128/0 for icmpv6) when every type is allowed; code 0 when every code of a type is.
    private static string IcmpExample(IpProtocol protocol, IcmpTypeCode pair) => pair.Type == -1
        ? protocol == IpProtocol.IcmpV6 ? "128/0" : "8/0"
        : string.Create(CultureInfo.InvariantCulture, $"{pair.Type}/{Math.Max(pair.Code, 0)}");
}
