using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Drift;

/// <summary>
/// A designed estate against what is deployed, in reachability terms: the flows deployed but not designed (someone
/// opened something), the flows designed but not deployed (not applied yet, or removed by hand), and the rule-level
/// differences behind them.
/// </summary>
/// <param name="Rules">From designed to deployed: groups and rules the deployment has in addition (added), lacks
/// (removed) or has otherwise (changed).</param>
/// <param name="Flows">From designed to deployed: opened = deployed but not designed, closed = designed but not deployed.</param>
/// <param name="MatchedByName">Deployed group id → the designed group of the same VPC and name it was compared with,
/// for deployed groups whose id the design does not use (a design made here before its groups existed).</param>
/// <param name="NetworkFromDesign">True when the snapshot held no network interfaces, so the design's instances and
/// interfaces were used with the deployed groups.</param>
/// <param name="Designed">The designed estate as compared.</param>
/// <param name="Deployed">The deployed estate as compared: in the design's terms (groups matched by name carry the
/// design's id, the same rule under another id carries the design's rule id), so a deployed rule can be adopted as is.</param>
public sealed record DeploymentDrift(
    RuleDiff Rules,
    ReachabilityDiff Flows,
    ImmutableSortedDictionary<string, string> MatchedByName,
    bool NetworkFromDesign,
    Estate Designed,
    Estate Deployed)
{
    /// <summary>True when nothing differs: no rule and no flow.</summary>
    public bool InSync => Rules.IsEmpty && Flows.IsEmpty;

    /// <summary>Flow changes whose traffic is deployed but not designed.</summary>
    public int DeployedNotDesigned => Flows.Opening.Count();

    /// <summary>Flow changes whose traffic is designed but not deployed.</summary>
    public int DesignedNotDeployed => Flows.Closing.Count();

    /// <summary>Compares <paramref name="designed"/> with <paramref name="deployed"/>.</summary>
    public static DeploymentDrift Between(Estate designed, Estate deployed)
    {
        designed = WithoutEmptyDescriptions(designed);
        deployed = WithoutEmptyDescriptions(deployed);
        // Declared outside endpoints, VPC connections and quotas are the design's to say: describe-* output has none.
        deployed = deployed with
        {
            ExternalEndpoints = designed.ExternalEndpoints,
            VpcConnections = deployed.VpcConnections.IsEmpty ? designed.VpcConnections : deployed.VpcConnections,
            Quotas = designed.Quotas,
        };
        var networkFromDesign = deployed.NetworkInterfaces.IsEmpty && !designed.NetworkInterfaces.IsEmpty;
        if (networkFromDesign)
        {
            deployed = designed with { Groups = deployed.Groups, NetworkAcls = deployed.NetworkAcls.IsEmpty ? designed.NetworkAcls : deployed.NetworkAcls };
        }
        var renames = GroupRenames(designed, deployed);
        var aligned = AlignRuleIds(designed, Renamed(deployed, renames));
        return new DeploymentDrift(
            RuleDiff.Compare(designed, aligned),
            ReachabilityDiff.Compare(designed, aligned),
            renames.ToImmutableSortedDictionary(StringComparer.Ordinal),
            networkFromDesign,
            designed,
            aligned);
    }

    /// <summary>AWS does not tell an empty rule description from none, and neither does the drift.</summary>
    private static Estate WithoutEmptyDescriptions(Estate estate) => estate.Groups.Any(g => g.Rules.Any(r => r.Description == ""))
        ? estate with { Groups = [.. estate.Groups.Select(g => g with { Rules = [.. g.Rules.Select(r => r.Description == "" ? r with { Description = null } : r)] })] }
        : estate;

    /// <summary>Deployed groups whose id the design lacks, matched to the designed group of the same VPC and name
    /// (ignoring case, as AWS does) whose id the deployment lacks.</summary>
    private static Dictionary<string, string> GroupRenames(Estate designed, Estate deployed)
    {
        var deployedIds = deployed.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var designedIds = designed.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var candidates = designed.Groups.Where(g => !deployedIds.Contains(g.Id))
            .GroupBy(g => (g.VpcId, Name: g.Name.ToUpperInvariant()))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Id);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in deployed.Groups.Where(g => !designedIds.Contains(g.Id)))
        {
            if (candidates.Remove((g.VpcId, g.Name.ToUpperInvariant()), out var id))
                renames[g.Id] = id;
        }
        return renames;
    }

    private static Estate Renamed(Estate estate, Dictionary<string, string> renames)
    {
        if (renames.Count == 0)
            return estate;
        string Map(string id) => renames.GetValueOrDefault(id, id);
        return estate with
        {
            Groups = [.. estate.Groups.Select(g => g with
            {
                Id = Map(g.Id),
                Rules = [.. g.Rules.Select(r => r.Peer is GroupPeer p && renames.ContainsKey(p.GroupId) ? r with { Peer = new GroupPeer(Map(p.GroupId)) } : r)],
            })],
            NetworkInterfaces = [.. estate.NetworkInterfaces.Select(n => n with { GroupIds = [.. n.GroupIds.Select(Map)] })],
        };
    }

    /// <summary>A deployed rule whose id the designed group lacks takes the id of a designed rule with the same
    /// direction, traffic and peer, so the same rule under another id is no difference.</summary>
    private static Estate AlignRuleIds(Estate designed, Estate deployed)
    {
        var designedGroups = designed.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        return deployed with
        {
            Groups = [.. deployed.Groups.Select(g =>
            {
                if (!designedGroups.TryGetValue(g.Id, out var mine))
                    return g;
                var deployedIds = g.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                var free = mine.Rules.Where(r => !deployedIds.Contains(r.Id)).ToList();
                var myIds = mine.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                return g with
                {
                    Rules = [.. g.Rules.Select(r =>
                    {
                        if (myIds.Contains(r.Id))
                            return r;
                        var twin = free.FirstOrDefault(d => d.Direction == r.Direction && d.Protocol == r.Protocol &&
                            d.FromPort == r.FromPort && d.ToPort == r.ToPort && d.Peer == r.Peer);
                        if (twin is null)
                            return r;
                        free.Remove(twin);
                        return r with { Id = twin.Id };
                    })],
                };
            })],
        };
    }
}
