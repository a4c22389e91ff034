using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// What one ACL side's rules make of every tcp/udp port for peers in the same rules' blocks: the rule of each stretch of
/// ports (in port order, covering 0..65535; the rule as its place in <see cref="AclRules.Sorted"/>, -1 for the final *)
/// and the ports they allow. The replies to a client's range read it
/// (<see cref="AclRules.PortsFor"/> keeps it).
/// </summary>
internal sealed class PortDecisions
{
    // Each stretch's first port, rule and action, side by side (a stretch ends where the next starts).
    private readonly (int Start, int Rule, bool Allows)[] _stretches;

    private PortDecisions(List<(PortRange Ports, int Rule)> stretches, AclRules rules)
    {
        _stretches = [.. stretches.Select(s => (s.Ports.From, s.Rule, s.Rule >= 0 && rules.Sorted[s.Rule].Action == AclAction.Allow))];
        Allowed = RangeSets.Normalize([.. stretches.Where((_, i) => _stretches[i].Allows).Select(s => s.Ports)]);
    }

    /// <summary>The ports the rules allow, canonical (<see cref="RangeSets"/>).</summary>
    public PortRange[] Allowed { get; }

    /// <summary>What <paramref name="rules"/> make of every port of <paramref name="protocol"/> to or from <paramref name="peer"/>.</summary>
    public static PortDecisions Of(AclRules rules, IpAddress peer, IpProtocol protocol) =>
        new(rules.Decide(peer, protocol, PortRange.Full), rules);

    /// <summary>The rule deciding <paramref name="port"/> (what <see cref="AclRules.FirstMatchAt"/> finds for it): the tests check the stretches by it.</summary>
    public int RuleAt(int port)
    {
        // The last stretch starting at or before the port: the first starts at 0.
        int lo = 0, hi = _stretches.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_stretches[mid].Start <= port)
                lo = mid;
            else
                hi = mid - 1;
        }
        return _stretches[lo].Rule;
    }

    /// <summary>
    /// The replies to a client's <paramref name="range"/>: the rule shown (the first that drops some of them, else the
    /// one that lets the first through) and whether all of the range is let through.
    /// </summary>
    public (int Shown, bool Covers) RepliesTo(PortRange range)
    {
        var shown = -1;
        var first = true;
        for (var i = 0; i < _stretches.Length; i++)
        {
            var (start, rule, allows) = _stretches[i];
            var end = i + 1 < _stretches.Length ? _stretches[i + 1].Start - 1 : PortRange.Full.To;
            if (end < range.From || start > range.To)
                continue;
            if (first || !allows)
                shown = rule;
            first = false;
            if (!allows)
                return (shown, false);
        }
        return (shown, true);
    }
}
