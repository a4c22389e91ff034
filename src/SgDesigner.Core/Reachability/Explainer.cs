using System.Collections.Immutable;
using System.Text;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Turns a verdict into reasons for people (batfish style: computed only when asked). For a denial it
/// finds, on each denying side, the rule that came closest: right peer but other traffic beats right
/// traffic but other peer, which beats a rule that misses on both.
/// </summary>
internal static class Explainer
{
    public static Explanation Explain(EstateIndex index, Party a, Party b, Traffic traffic, Verdict verdict)
    {
        var from = Describe(index, a);
        var to = Describe(index, b);
        var text = new StringBuilder();
        if (verdict.Allowed)
        {
            text.Append($"Allowed: {from} → {to}, {traffic}.");
            text.Append(a.Eni is null
                ? $" {from} is outside the estate: only {to}'s inbound rules apply."
                : $" Egress of {from}: {string.Join("; ", verdict.Egress)}.");
            text.Append(b.Eni is null
                ? $" {to} is outside the estate: only {from}'s outbound rules apply."
                : $" Ingress of {to}: {string.Join("; ", verdict.Ingress)}.");
            text.Append(" The return traffic of this connection is allowed: security groups are stateful.");
            if (verdict.NetworkAcl is { } acl)
                text.Append(' ').Append(acl.Text);
            if (verdict.Untracked)
                text.Append(" The flow is untracked (0.0.0.0/0 or ::/0 rules both ways): removing such a rule cuts it at once.");
            return new Explanation(verdict, null, null, text.ToString(), true);
        }

        var misses = ImmutableArray.CreateBuilder<NearestMiss>();
        if (verdict.DeniedBy is DeniedSide.SourceEgress or DeniedSide.Both)
            misses.Add(NearestOnSide(index, a, b, traffic, DeniedSide.SourceEgress, from, to));
        if (verdict.DeniedBy is DeniedSide.DestinationIngress or DeniedSide.Both)
            misses.Add(NearestOnSide(index, b, a, traffic, DeniedSide.DestinationIngress, to, from));

        text.Append($"Denied: {from} → {to}, {traffic}: ");
        text.Append(verdict.DeniedBy switch
        {
            DeniedSide.SourceEgress => $"no outbound rule of {from} allows it.",
            DeniedSide.DestinationIngress => $"no inbound rule of {to} allows it.",
            DeniedSide.Both => $"neither an outbound rule of {from} nor an inbound rule of {to} allows it.",
            DeniedSide.VpcsNotConnected => $"their VPCs ({a.Eni!.Eni.VpcId}, {b.Eni!.Eni.VpcId}) are neither the same nor connected.",
            DeniedSide.AddressFamilies => "one end is IPv4 and the other IPv6.",
            DeniedSide.NetworkAcl => $"the security groups allow it, but a network ACL does not. {verdict.NetworkAcl!.Text}",
            _ => "neither end is a network interface of the estate, so no security group allows it.",
        });
        foreach (var m in misses)
            text.Append($" Nearest miss: {m.Text}.");
        if (verdict.DeniedBy != DeniedSide.NetworkAcl && verdict.NetworkAcl is { Outcome: not AclOutcome.Allowed } also)
            text.Append($" The network ACLs would drop it too: {also.Text}");
        var missArray = misses.ToImmutable();
        return new Explanation(verdict, verdict.DeniedBy, missArray.FirstOrDefault(), text.ToString(), false)
        {
            NearestMisses = missArray,
        };
    }

    private static NearestMiss NearestOnSide(EstateIndex index, Party self, Party other, Traffic traffic, DeniedSide side, string selfName, string otherName)
    {
        var outbound = side == DeniedSide.SourceEgress;
        var direction = DirectionText.Of(outbound ? Direction.Outbound : Direction.Inbound);
        var rules = self.Eni!.Groups.SelectMany(g => outbound ? g.Outbound : g.Inbound).ToList();
        if (rules.Count == 0)
        {
            var groups = self.Eni.Groups.Length == 0 ? "no security group" : string.Join(", ", self.Eni.Groups.Select(g => g.Group.Id));
            return new NearestMiss(side, null, MissReason.NoRules, $"{selfName} ({groups}) has no {direction} rule");
        }
        var best = rules
            .Select(r => (Rule: r, Traffic: RuleMatcher.MatchTraffic(r.Rule, traffic, other.Ip.Family), Peer: RuleMatcher.MatchPeer(index, r.Rule.Peer, self, other)))
            .OrderBy(x => Rank(x.Traffic, x.Peer))
            .ThenBy(x => PortDistance(x.Rule.Rule, traffic))
            .First();
        var reason = best.Peer ?? best.Traffic!.Value;
        var r = best.Rule;
        var prefix = $"{r.GroupId}'s {direction} rule allows {r.Rule.TrafficText} {(outbound ? "to" : "from")} {r.Rule.Peer}";
        var text = reason switch
        {
            MissReason.OtherTraffic => $"{prefix}, which covers {otherName}, but for {r.Rule.TrafficText}, not {traffic}",
            MissReason.IcmpOfOtherFamily => $"{prefix}, but {r.Rule.Protocol} applies only to {(r.Rule.Protocol.Number == 1 ? "IPv4" : "IPv6")} traffic",
            MissReason.InvalidIcmp => $"{prefix}, but ICMP type -1 with code {r.Rule.ToPort} is invalid and matches nothing",
            MissReason.NotInGroup => $"{prefix}, but {otherName} is not in {r.Rule.Peer}",
            MissReason.NotAPrivateIp => $"{prefix}, but {other.Ip} is not a private IP of an ENI: group references never match public or outside addresses",
            MissReason.NoGroupReferencingAcrossConnection => $"{prefix}, but the connection between {self.Eni.Eni.VpcId} and {other.Eni?.Eni.VpcId} does not allow group references: only CIDR rules match across it",
            MissReason.StaleReference => $"{prefix}, but {r.Rule.Peer} does not exist: a stale reference matches nothing",
            MissReason.AddressOutsideCidr => $"{prefix}, but {otherName}'s address {other.Ip} is not in it",
            MissReason.OtherFamily => $"{prefix}, but that is {(other.Ip.Family == IpFamily.V4 ? "IPv6" : "IPv4")} and the connection uses {(other.Ip.Family == IpFamily.V4 ? "IPv4" : "IPv6")}",
            MissReason.UnknownPrefixList => $"{prefix}, but prefix list {r.Rule.Peer} is not in the policy",
            _ => prefix,
        };
        if (best.Traffic is not null && best.Peer is not null)
            text += $", and it is for {r.Rule.TrafficText}, not {traffic}";
        return new NearestMiss(side, r, reason, text);
    }

    // Lower is nearer. A rule for exactly this traffic whose peer misses ("B's inbound allows tcp 5432
    // from sg-app, but A is not in sg-app") says most about intent; then a rule whose peer matches but
    // for other traffic ("allows A's CIDR, but for tcp 22, not 2222"); then rules missing on both.
    private static int Rank(MissReason? traffic, MissReason? peer) => (traffic, peer) switch
    {
        (null, null) => 0,
        (null, MissReason.OtherFamily) => 4,
        (null, _) => 1,
        (MissReason.OtherTraffic, null) => 2,
        (_, null) => 3,
        _ => 5,
    };

    private static int PortDistance(Rule rule, Traffic traffic)
    {
        if (rule.Protocol.Number != traffic.Protocol.Number || !rule.Protocol.HasPorts)
            return rule.Protocol.Number == traffic.Protocol.Number ? 0 : 1 << 20;
        return traffic.Port < rule.FromPort ? rule.FromPort - traffic.Port : Math.Max(0, traffic.Port - rule.ToPort);
    }

    internal static string Describe(EstateIndex index, Party party)
    {
        if (party.Eni is null)
            return $"{party.Ip} (outside the estate)";
        var eni = party.Eni.Eni;
        var instance = eni.InstanceId is null ? null : index.Estate.Instances.FirstOrDefault(i => i.Id == eni.InstanceId);
        var name = instance?.Name ?? eni.InstanceId;
        return name is null ? $"{eni.Id} ({party.Ip})" : $"{name} ({eni.Id}, {party.Ip})";
    }
}
