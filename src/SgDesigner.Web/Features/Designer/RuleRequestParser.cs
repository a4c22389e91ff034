using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// Turns a rule request's text fields into Core's <see cref="Rule"/>, recording each problem at its model path
/// (<c>groups[sg-1].rules[sgr-2].peer</c>) and keeping parser warnings such as host bits cleared.
/// </summary>
public static class RuleRequestParser
{
    /// <summary>The rule, or null when a field could not be parsed (the errors say which); <paramref name="today"/> bounds the
    /// review-by date.</summary>
    public static Rule? Parse(RuleRequest request, string ruleId, string path, RequestErrors errors, DateOnly today)
    {
        var direction = errors.Take(WireNames.ParseDirection(request.Direction), $"{path}.direction");
        var protocolResult = IpProtocol.Parse(request.Protocol);
        var protocol = errors.Take(protocolResult, $"{path}.protocol");
        var peer = ParsePeer(request, $"{path}.peer", errors);
        var (from, to) = protocolResult.IsOk ? Ports(protocol, request, path, errors) : (-1, -1);
        var metadata = RuleMetadata.Parse(request.Owner, request.Justification, request.Ticket, request.ReviewBy, today);
        errors.AddRange(metadata.Errors.IsDefaultOrEmpty ? [] : metadata.Errors.Select(e => e with { Path = $"{path}.{e.Path}" }));
        if (errors.Any || peer is null)
            return null;
        var rule = new Rule(ruleId, direction, protocol, from, to, peer, string.IsNullOrEmpty(request.Description) ? null : request.Description, metadata.Value);
        // The rule on its own, as AWS's API would check it: port and ICMP ranges, description characters.
        errors.AddRange(RuleValidator.Validate(rule, path));
        return errors.Any ? null : rule;
    }

    // tcp/udp need a port range; icmp's "ports" are type and code, -1 (any) when left out; for every other
    // protocol ports do not apply and are -1 unless the caller sent something else (then the validator objects).
    private static (int From, int To) Ports(IpProtocol protocol, RuleRequest request, string path, RequestErrors errors)
    {
        if (protocol.HasPorts)
        {
            if (request.FromPort is null)
                errors.Add($"{path}.fromPort", $"{protocol} needs a port range: fromPort is required");
            return (request.FromPort ?? 0, request.ToPort ?? request.FromPort ?? 0);
        }
        return (request.FromPort ?? -1, request.ToPort ?? -1);
    }

    private static Peer? ParsePeer(RuleRequest request, string path, RequestErrors errors)
    {
        var given = new[] { request.Cidr, request.GroupId, request.PrefixListId }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given != 1)
        {
            errors.Add(path, given == 0
                ? "a peer is required: give one of cidr, groupId or prefixListId"
                : "a rule has exactly one peer: give only one of cidr, groupId or prefixListId");
            return null;
        }
        if (!string.IsNullOrWhiteSpace(request.Cidr))
        {
            var cidr = Cidr.Parse(request.Cidr);
            var block = errors.Take(cidr, path);
            return cidr.IsOk ? new CidrPeer(block) : null;
        }
        return !string.IsNullOrWhiteSpace(request.GroupId)
            ? new GroupPeer(request.GroupId.Trim())
            : new PrefixListPeer(request.PrefixListId!.Trim());
    }
}
