using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Review;

/// <summary>How conflicting values are shown to the author (a line each, naming what differs).</summary>
internal static class MergeText
{
    public static string Rule(Rule rule) =>
        (rule.Description is null ? rule.ToString() : $"{rule} \"{rule.Description}\"") + (rule.Metadata.IsEmpty ? "" : $" [{rule.Metadata}]");

    public static string Group(SecurityGroup g) =>
        $"{g.Name} in {g.VpcId}: {Count(g.Rules.Length, "rule")}{(g.Rules.IsEmpty ? "" : " (" + string.Join("; ", g.Rules.Select(r => $"{r.Id} {Rule(r)}")) + ")")}";

    public static string Eni(NetworkInterface e) =>
        $"{e.VpcId}/{e.SubnetId ?? "no subnet"}, {Ips(e.PrivateIps)}{(e.PublicIp is { } p ? $", public {p}" : "")}, groups {List(e.GroupIds)}" +
        (e.InstanceId is null ? "" : $", on {e.InstanceId}#{e.DeviceIndex}");

    public static string Vpc(Vpc v) => $"{v.Name ?? v.Id} {List(v.Cidrs)}";

    public static string Subnet(Subnet s) =>
        $"{s.VpcId} {s.Cidr}{(s.Ipv6Cidr is { } v6 ? $" {v6}" : "")}{(s.AvailabilityZone is null ? "" : $" {s.AvailabilityZone}")}{(s.Name is null ? "" : $" \"{s.Name}\"")}";

    public static string PrefixList(PrefixList p) => $"{p.Name} ({p.Family}): {List(p.Entries)}";

    public static string Instance(Instance i) => $"{i.Name ?? i.Id}{(i.Tags.IsEmpty ? "" : " " + Tags(i.Tags))}";

    public static string Connection(VpcConnection c) =>
        $"{c.VpcA} <-> {c.VpcB} by {c.Kind}{(c.GroupReferencing ? ", group referencing" : "")}";

    public static string External(ExternalEndpoint e) => $"{e.Name} {e.Cidr}";

    public static string NetworkAcl(NetworkAcl a) =>
        $"{a.Name ?? a.Id} in {a.VpcId}{(a.IsDefault ? " (default)" : "")}: subnets {List(a.SubnetIds)}; inbound {List(a.Inbound)}; outbound {List(a.Outbound)}";

    public static string Quotas(Quotas q) => $"{q.RulesPerDirection} rules per direction, {q.GroupsPerEni} groups per ENI";

    public static string Ips(ImmutableArray<IpAddress> ips) => List(ips);

    public static string Tags(ImmutableSortedDictionary<string, string> tags) =>
        "{" + string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}")) + "}";

    private static string List<T>(ImmutableArray<T> items) => items.IsDefaultOrEmpty ? "none" : string.Join(", ", items);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
