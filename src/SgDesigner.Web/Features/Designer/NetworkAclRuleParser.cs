using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// Turns a network ACL rule request into Core's <see cref="NetworkAclEntry"/>, each problem at the request's field
/// (<c>ruleNumber</c>, <c>protocol</c>, <c>fromPort</c>, <c>icmpType</c>, <c>cidr</c>, <c>action</c>). Stricter than a group
/// rule's CIDR: an ACL rule is matched by number, so a block with host bits is refused rather than silently masked.
/// </summary>
public static class NetworkAclRuleParser
{
    /// <summary>The rule, or null when a field is wrong (the errors say which).</summary>
    public static NetworkAclEntry? Parse(NetworkAclRuleRequest request, int? ruleNumber, RequestErrors errors)
    {
        if (ruleNumber is not { } number)
            errors.Add("ruleNumber", "a rule number is required");
        else if (number is < NetworkAclEntry.MinRuleNumber or > NetworkAclEntry.MaxRuleNumber)
            errors.Add("ruleNumber", string.Create(CultureInfo.InvariantCulture,
                $"rule number {number} is out of range {NetworkAclEntry.MinRuleNumber}..{NetworkAclEntry.MaxRuleNumber}"));
        var protocolResult = IpProtocol.Parse(request.Protocol);
        var protocol = errors.Take(protocolResult, "protocol");
        var (from, to) = protocolResult.IsOk ? Ports(protocol, request, errors) : (-1, -1);
        var cidr = ParseCidr(request.Cidr, errors);
        var action = request.Action?.Trim().ToLowerInvariant() switch
        {
            "allow" => AclAction.Allow,
            "deny" => AclAction.Deny,
            _ => Fail(errors, "action", $"{QuotedValue.Of(request.Action)} is not an action: use allow or deny"),
        };
        return errors.Any ? null : new NetworkAclEntry(ruleNumber!.Value, protocol, from, to, cidr!.Value, action);
    }

    // tcp/udp: a port range (toPort defaults to fromPort); icmp/icmpv6: type and code (-1 = any), never ports;
    // any other protocol: neither.
    private static (int From, int To) Ports(IpProtocol protocol, NetworkAclRuleRequest request, RequestErrors errors)
    {
        if (protocol.HasPorts)
        {
            if (request.IcmpType is not null || request.IcmpCode is not null)
                errors.Add("icmpType", $"{protocol} has no ICMP type or code: give fromPort and toPort");
            if (request.FromPort is not { } from)
            {
                errors.Add("fromPort", $"{protocol} needs a port range: fromPort is required");
                return (0, 0);
            }
            var to = request.ToPort ?? from;
            if (from is < 0 or > 65535 || to is < 0 or > 65535 || from > to)
                errors.Add("fromPort", string.Create(CultureInfo.InvariantCulture, $"{from}-{to} is not a port range: ports are 0..65535, fromPort ≤ toPort"));
            return (from, to);
        }
        if (request.FromPort is not null || request.ToPort is not null)
            errors.Add("fromPort", protocol.IsIcmp
                ? $"{protocol} has no ports: give icmpType and icmpCode (-1 or left out for any)"
                : $"protocol {protocol} has no ports: leave fromPort and toPort out");
        if (!protocol.IsIcmp)
        {
            if (request.IcmpType is not null || request.IcmpCode is not null)
                errors.Add("icmpType", $"protocol {protocol} has no ICMP type or code");
            return (-1, -1);
        }
        var type = request.IcmpType ?? -1;
        var code = request.IcmpCode ?? -1;
        if (type is < -1 or > 255)
            errors.Add("icmpType", string.Create(CultureInfo.InvariantCulture, $"ICMP type {type} is out of range -1..255"));
        if (code is < -1 or > 255)
            errors.Add("icmpCode", string.Create(CultureInfo.InvariantCulture, $"ICMP code {code} is out of range -1..255"));
        return (type, code);
    }

    private static Cidr? ParseCidr(string? text, RequestErrors errors)
    {
        var cidr = Cidr.Parse(text);
        if (!cidr.IsOk)
        {
            errors.Add("cidr", cidr.Error!);
            return null;
        }
        if (cidr.Warning is not null)
        {
            errors.Add("cidr", $"{QuotedValue.Of(text!.Trim())} has host bits set: write {cidr.Value}");
            return null;
        }
        return cidr.Value;
    }

    private static AclAction Fail(RequestErrors errors, string path, string message)
    {
        errors.Add(path, message);
        return AclAction.Deny;
    }
}
