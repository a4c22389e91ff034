using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Synthetic;

/// <summary>
/// Makes a realistic synthetic estate of a given size for benchmarks and tests; deterministic by seed.
/// </summary>
/// <remarks>
/// Shaped like real accounts: one VPC per ~15,000 instances (a shared-services VPC peered with the
/// others), applications of very different sizes each with web and app tiers and often a load
/// balancer, database and cache, subnets per tier and availability zone, shared groups (bastion,
/// ssh-from-bastion, monitoring, monitored, default), 1–3 groups per ENI from the tier's launch
/// template (a few ENIs with one more attached by hand), a few instances with a second
/// ENI or a secondary IP, and ENIs without an instance (Lambda). Rules: see <see cref="RuleFactory"/>.
/// </remarks>
public static class EstateGenerator
{
    private static readonly Dictionary<GroupRole, double> TierWeight = new()
    {
        [GroupRole.Lb] = 1, [GroupRole.Web] = 4, [GroupRole.App] = 4, [GroupRole.Db] = 1.5, [GroupRole.Cache] = 1,
    };

    /// <summary>Generates the estate; throws <see cref="ArgumentException"/> when the options make none.</summary>
    public static Estate Generate(EstateGeneratorOptions options)
    {
        if (options.Problem is { } problem)
            throw new ArgumentException(problem, nameof(options));
        var random = new Random(options.Seed);
        var vpcCount = Math.Clamp((options.Instances + 14_999) / 15_000, 1, Math.Max(1, options.Groups / 50));
        var plan = new AddressPlan(Math.Min(vpcCount, 8));
        var groups = GroupPlan.Lay(options.Groups, plan.Vpcs.Length, random);
        var (instances, enis) = PlaceInstances(options.Instances, groups, plan, random);
        var rules = new RuleFactory(random, plan, groups, options.Rules);
        rules.Write();
        var securityGroups = groups.Select(g => new SecurityGroup(
            g.Id, g.Name, Describe(g), plan.Vpcs[g.Vpc].Id, Tags(g.Name, g.App >= 0 ? g.Name[..g.Name.LastIndexOf('-')] : "shared", g.Tier),
            rules.RulesOf(g.Index)));
        var connections = plan.Vpcs.Skip(1).Select(v => new VpcConnection(plan.Vpcs[0].Id, v.Id, VpcConnectionKind.Peering, true));
        var estate = new Estate(
            plan.Vpcs, [.. plan.Subnets], [.. connections], [.. securityGroups], [], instances, enis,
            [new ExternalEndpoint("internet", Cidr.AnyV4)],
            new Quotas(rules.Quota, Quotas.Default.GroupsPerEni));
        return options.NetworkAcls ? SyntheticAcls.Add(estate, options.Seed) : estate;
    }

    private static (ImmutableArray<Instance>, ImmutableArray<NetworkInterface>) PlaceInstances(
        int count, List<PlannedGroup> groups, AddressPlan plan, Random random)
    {
        var instances = ImmutableArray.CreateBuilder<Instance>(count);
        var enis = ImmutableArray.CreateBuilder<NetworkInterface>(count + count / 10);
        var shared = groups.Where(g => !g.IsTier).ToDictionary(g => (g.Vpc, g.Role));
        var hosts = groups.Where(g => g.IsTier).ToList();
        if (hosts.Count == 0)
            hosts = groups;
        // A few big applications and a long tail of small ones, as in real accounts.
        var cumulative = new double[hosts.Count];
        var total = 0.0;
        for (var i = 0; i < hosts.Count; i++)
            cumulative[i] = total += TierWeight.GetValueOrDefault(hosts[i].Role, 1) / Math.Pow(Math.Max(hosts[i].App, 0) + 1, 0.7);

        void AddEni(string? instanceId, int device, PlannedGroup home, ImmutableArray<string> groupIds, string? description)
        {
            var zone = random.Next(AddressPlan.ZoneCount);
            var (subnet, ip, v6) = plan.Allocate(home.Vpc, home.Tier, zone);
            var ips = ImmutableArray.Create(ip);
            if (v6 is { } ipv6)
                ips = ips.Add(ipv6);
            // A secondary private IP, when the subnet has room for it (a full subnet opens the next one).
            if (random.NextDouble() < 0.02 && plan.Allocate(home.Vpc, home.Tier, zone) is var second && second.Subnet == subnet)
                ips = ips.Add(second.Ip);
            IpAddress? publicIp = home.Role is GroupRole.Lb or GroupRole.Bastion
                ? new IpAddress(IpFamily.V4, (UInt128)(54u << 24 | (uint)enis.Count))
                : null;
            enis.Add(new NetworkInterface($"eni-{enis.Count + 1:x17}", subnet.VpcId, subnet.Id, instanceId, device, ips, publicIp, groupIds, description));
        }

        void AddInstance(PlannedGroup home, ImmutableArray<string> groupIds)
        {
            var id = $"i-{instances.Count + 1:x17}";
            var name = $"{home.Name}-{instances.Count + 1}";
            instances.Add(new Instance(id, name, Tags(name, home.App >= 0 ? home.Name[..home.Name.LastIndexOf('-')] : "shared", home.Tier)));
            AddEni(id, 0, home, groupIds, null);
            if (random.NextDouble() < 0.04)
                AddEni(id, 1, home, [groupIds[0]], "second interface");
        }

        // Bastion and monitoring servers first: two of each per VPC when the estate is big enough.
        foreach (var role in new[] { GroupRole.Bastion, GroupRole.Monitoring })
        {
            for (var vpc = 0; vpc < plan.Vpcs.Length && count >= 50; vpc++)
            {
                if (shared.TryGetValue((vpc, role), out var server))
                {
                    AddInstance(server, [server.Id]);
                    AddInstance(server, [server.Id]);
                }
            }
        }
        // Instances of one tier come from one launch template, so they share its groups; a few were
        // changed by hand afterwards (an extra group attached).
        var templates = hosts.ToDictionary(h => h.Index, h => TemplateOf(h, shared, random));
        while (instances.Count < count)
        {
            var home = hosts[Pick(cumulative, random.NextDouble() * total)];
            var groupIds = templates[home.Index];
            if (random.NextDouble() < 0.03 && groupIds.Length < 3 && shared.TryGetValue((home.Vpc, GroupRole.Default), out var extra) && !groupIds.Contains(extra.Id))
                groupIds = groupIds.Add(extra.Id);
            AddInstance(home, groupIds);
        }
        for (var i = 0; i < count / 100; i++)
        {
            var home = hosts[Pick(cumulative, random.NextDouble() * total)];
            AddEni(null, 0, home, [home.Id], "AWS Lambda VPC ENI");
        }
        return (instances.ToImmutable(), enis.ToImmutable());
    }

    private static ImmutableArray<string> TemplateOf(PlannedGroup home, Dictionary<(int, GroupRole), PlannedGroup> shared, Random random)
    {
        var ids = ImmutableArray.CreateBuilder<string>(3);
        ids.Add(home.Id);
        if (random.NextDouble() < 0.6 && shared.TryGetValue((home.Vpc, GroupRole.Monitored), out var monitored))
            ids.Add(monitored.Id);
        if (random.NextDouble() < 0.3 && shared.TryGetValue((home.Vpc, GroupRole.SshFromBastion), out var ssh))
            ids.Add(ssh.Id);
        return ids.ToImmutable();
    }

    private static int Pick(double[] cumulative, double value)
    {
        var i = Array.BinarySearch(cumulative, value);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private static string Describe(PlannedGroup g) => g.IsTier
        ? $"{g.Tier} tier of {g.Name[..g.Name.LastIndexOf('-')]}"
        : $"{g.Role} group shared across the VPC";

    private static ImmutableSortedDictionary<string, string> Tags(string name, string app, string tier) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            new KeyValuePair<string, string>("Name", name),
            new KeyValuePair<string, string>("app", app),
            new KeyValuePair<string, string>("tier", tier)]);
}
