using System.Collections.Immutable;

namespace SgDesigner.Core.Model;

/// <summary>
/// Everything a policy describes: VPCs, subnets, groups and their rules, prefix lists, instances and ENIs.
/// Immutable: an edit makes a new snapshot, which is what lets the engine diff two of them cheaply.
/// </summary>
public sealed record Estate(
    ImmutableArray<Vpc> Vpcs,
    ImmutableArray<Subnet> Subnets,
    ImmutableArray<VpcConnection> VpcConnections,
    ImmutableArray<SecurityGroup> Groups,
    ImmutableArray<PrefixList> PrefixLists,
    ImmutableArray<Instance> Instances,
    ImmutableArray<NetworkInterface> NetworkInterfaces,
    ImmutableArray<ExternalEndpoint> ExternalEndpoints,
    Quotas Quotas)
{
    /// <summary>An estate with nothing in it and default quotas.</summary>
    public static Estate Empty { get; } = new([], [], [], [], [], [], [], [], Quotas.Default);

    /// <summary>
    /// The network ACLs modelled (semantics.md, "Network ACLs"). Empty means none are modelled: every subnet then
    /// behaves as under its VPC's default ACL, which allows everything. A subnet without an associated ACL uses its
    /// VPC's default ACL when one is modelled, otherwise it too allows everything.
    /// </summary>
    public ImmutableArray<NetworkAcl> NetworkAcls { get; init; } = [];

    /// <summary>The group with <paramref name="id"/>, or null.</summary>
    public SecurityGroup? FindGroup(string id) => Groups.FirstOrDefault(g => g.Id == id);

    /// <summary>A copy with the group of the same id replaced (or added when absent).</summary>
    public Estate WithGroup(SecurityGroup group)
    {
        for (var i = 0; i < Groups.Length; i++)
        {
            if (Groups[i].Id == group.Id)
                return this with { Groups = Groups.SetItem(i, group) };
        }
        return this with { Groups = Groups.Add(group) };
    }
}
