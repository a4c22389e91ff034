using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD001–SGD004: inbound rules whose peer is the whole internet (0.0.0.0/0, ::/0, or a prefix list holding one).
/// A range covering a port counts, and all traffic (<c>-1</c>) counts for every port, as in CIS AWS 5.2.
/// </summary>
internal static class WorldExposureChecks
{
    public static IEnumerable<Finding> Run(Estate estate, SecurityGroup group)
    {
        foreach (var rule in group.Inbound)
        {
            if (!RuleCoverage.IsWorld(estate, rule.Peer) || RuleCoverage.MatchesNothing(rule))
                continue;
            var where = $"{Describe.Group(group)} inbound rule {rule.Id} allows {rule.TrafficText} from {rule.Peer}";
            // Checkov's per-port checks (CKV_AWS_24 22, _25 3389, _260 80) fail on a covering range or all traffic;
            // port 80 goes with the first finding of the rule, so each Checkov id appears once per rule.
            var port80 = CoversPort(rule, 80) ? "CKV_AWS_260" : null;
            if (rule.Protocol.IsAll)
            {
                yield return LintCatalogue.AllTrafficFromWorld.ReportWithCheckov(group.Id, rule.Id, $"{where}: every port is open to the internet", "CKV_AWS_277", port80);
                port80 = null;
            }

            var admin = Covered(rule, ExposedPorts.Administration);
            if (admin.Length > 0)
            {
                yield return LintCatalogue.AdminPortOpenToWorld.ReportWithCheckov(group.Id, rule.Id, $"{where}: opens {List(admin)} to the internet",
                    CoversPort(rule, 22) ? "CKV_AWS_24" : null, CoversPort(rule, 3389) ? "CKV_AWS_25" : null, port80);
                port80 = null;
            }
            var data = Covered(rule, ExposedPorts.DataStores);
            if (data.Length > 0)
            {
                yield return LintCatalogue.DataPortOpenToWorld.ReportWithCheckov(group.Id, rule.Id, $"{where}: opens {List(data)} to the internet", port80);
                port80 = null;
            }

            if (!rule.Protocol.IsAll && admin.Length == 0 && data.Length == 0)
                yield return LintCatalogue.PortOpenToWorld.ReportWithCheckov(group.Id, rule.Id, $"{where}: reachable from any address", port80);
        }
    }

    private static bool CoversPort(Rule rule, int port) =>
        rule.Protocol.IsAll || (rule.Protocol == IpProtocol.Tcp && RuleCoverage.Ports(rule) is var (from, to) && from <= port && port <= to);

    /// <summary>"22 (SSH), 3389 (RDP)", shortened after four services so an all-traffic rule stays readable.</summary>
    private static string List(ImmutableArray<ExposedPort> ports) => ports.Length <= MaxListed
        ? string.Join(", ", ports)
        : $"{string.Join(", ", ports.Take(MaxListed))} and {ports.Length - MaxListed} more";

    private const int MaxListed = 4;

    /// <summary>The listed services whose ports the rule's tcp (or all-traffic) range overlaps.</summary>
    private static ImmutableArray<ExposedPort> Covered(Rule rule, ImmutableArray<ExposedPort> ports)
    {
        if (rule.Protocol.IsAll)
            return ports;
        if (rule.Protocol != IpProtocol.Tcp)
            return [];
        var (from, to) = RuleCoverage.Ports(rule);
        return [.. ports.Where(p => from <= p.To && p.From <= to)];
    }
}
