using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using Endpoint = SgDesigner.Core.Reachability.Endpoint;

namespace SgDesigner.Web.Features.Preview;

/// <summary>
/// What the preview asks, as typed: two endpoints (an instance, an ENI, or an outside IP or CIDR) and the
/// traffic. Turns it into the engine's question or says which field is wrong.
/// </summary>
public sealed class PreviewQuery
{
    /// <summary>
    /// Source: instance id or Name, ENI id, any IP address (one outside the estate is answered by the estate side's
    /// rules alone), a CIDR (answered for the whole range, split where the verdict differs: <see cref="AskedRange"/>),
    /// or a prefix list (at its first entry).
    /// </summary>
    public string Source { get; set; } = "";

    /// <summary>Destination, like <see cref="Source"/>.</summary>
    public string Destination { get; set; } = "";

    /// <summary>tcp, udp, icmp, icmpv6 or a protocol number.</summary>
    public string Protocol { get; set; } = "tcp";

    /// <summary>The tcp/udp destination port, or the icmp type/code ("8/0").</summary>
    public string Port { get; set; } = "443";

    /// <summary>
    /// Choices for the endpoint pickers: instances, ENIs without an instance, then the outside endpoints (named ranges,
    /// every CIDR a rule names, prefix lists). Any other IP address or CIDR can be typed.
    /// </summary>
    public static IEnumerable<string> Choices(Estate estate, string? text)
    {
        var t = text?.Trim() ?? "";
        var all = estate.Instances.Select(i => i.Name is null ? i.Id : $"{i.Name} ({i.Id})")
            .Concat(estate.NetworkInterfaces.Where(n => n.InstanceId is null).Select(n => n.Description is null ? n.Id : $"{n.Description} ({n.Id})"))
            .Order(StringComparer.OrdinalIgnoreCase)
            .Concat(OutsideEndpoints.Of(estate).Select(e => e.Label));
        return all.Where(c => t.Length == 0 || c.Contains(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The endpoints and traffic, or the first problem with the field it concerns.</summary>
    public (Endpoint From, Endpoint To, Traffic Traffic)? Resolve(Estate estate, out string? error)
    {
        var from = ResolveEndpoint(estate, Source, "source");
        var to = ResolveEndpoint(estate, Destination, "destination");
        var traffic = ParseTraffic();
        error = from.Error ?? to.Error ?? traffic.Error;
        return error is null ? (from.Value, to.Value, traffic.Value) : null;
    }

    /// <summary>
    /// The range asked about when exactly one side is a CIDR of more than one address (typed, or a named range as the
    /// pickers list it), and whether it is the source; null otherwise. Its verdict can differ inside the range.
    /// </summary>
    public (Cidr Range, bool IsSource)? AskedRange()
    {
        var source = RangeOf(Source);
        var destination = RangeOf(Destination);
        return (source, destination) switch
        {
            ({ } s, null) => (s, true),
            (null, { } d) => (d, false),
            _ => null,
        };
    }

    private static Cidr? RangeOf(string text)
    {
        var t = Unwrapped(text);
        return t.Contains('/') && Cidr.Parse(t) is { IsOk: true, Value: var cidr } && cidr.PrefixLength < IpAddress.BitsOf(cidr.Family) ? cidr : null;
    }

    // "Office (203.0.113.0/24)", "web-1 (i-1)": what the parentheses hold is what the pickers resolve.
    private static string Unwrapped(string text)
    {
        var t = text.Trim();
        return t.EndsWith(')') && t.LastIndexOf('(') is var open and >= 0 ? t[(open + 1)..^1].Trim() : t;
    }

    private static ParseResult<Endpoint> ResolveEndpoint(Estate estate, string text, string what)
    {
        var t = text.Trim();
        // A prefix list (as the pickers list it, "pl-1 (name)", or by id) is asked about at its first entry's first address.
        var list = estate.PrefixLists.FirstOrDefault(l => (t == l.Id || t == $"{l.Id} ({l.Name})") && !l.Entries.IsDefaultOrEmpty);
        if (list is not null)
            return ParseResult<Endpoint>.Ok(new ExternalEndpointIp(list.Entries[0].First));
        t = Unwrapped(t);
        if (t.Contains('/'))
        {
            var cidr = Cidr.Parse(t);
            return cidr.IsOk ? ParseResult<Endpoint>.Ok(new ExternalEndpointIp(cidr.Value.First)) : ParseResult<Endpoint>.Fail($"{what}: {cidr.Error}");
        }
        var endpoint = EndpointResolver.Resolve(estate, t);
        return endpoint.IsOk ? endpoint : ParseResult<Endpoint>.Fail($"{what}: {endpoint.Error}");
    }

    private ParseResult<Traffic> ParseTraffic()
    {
        var protocol = IpProtocol.Parse(Protocol);
        if (!protocol.IsOk)
            return ParseResult<Traffic>.Fail($"protocol: {protocol.Error}");
        var p = protocol.Value;
        if (p.HasPorts)
        {
            // The same parser as the designer's rule rows; a question is about one port, not a range.
            if (!PortRange.TryParse(Port, out var range, out var portError))
                return ParseResult<Traffic>.Fail($"traffic: {portError}");
            return range.From == range.To
                ? ParseResult<Traffic>.Ok(new Traffic(p, range.From))
                : ParseResult<Traffic>.Fail($"traffic: ask about one port, not the range {range}");
        }
        var parts = Port.Trim().Split('/', 2);
        var first = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : -1;
        var second = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;
        var traffic = p switch
        {
            { IsIcmp: true } => new Traffic(p, -1, first, second),
            _ => new Traffic(p),
        };
        return traffic.Validate() is { } problem ? ParseResult<Traffic>.Fail($"traffic: {problem}") : ParseResult<Traffic>.Ok(traffic);
    }
}
