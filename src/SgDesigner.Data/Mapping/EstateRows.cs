using SgDesigner.Core.Model;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Mapping;

/// <summary>The rows of one snapshot's content, table by table.</summary>
internal sealed class EstateRows
{
    public List<VpcRow> Vpcs { get; } = [];
    public List<VpcCidrRow> VpcCidrs { get; } = [];
    public List<SubnetRow> Subnets { get; } = [];
    public List<VpcConnectionRow> VpcConnections { get; } = [];
    public List<GroupRow> Groups { get; } = [];
    public List<GroupTagRow> GroupTags { get; } = [];
    public List<RuleRow> Rules { get; } = [];
    public List<PrefixListRow> PrefixLists { get; } = [];
    public List<PrefixListEntryRow> PrefixListEntries { get; } = [];
    public List<InstanceRow> Instances { get; } = [];
    public List<InstanceTagRow> InstanceTags { get; } = [];
    public List<NetworkInterfaceRow> NetworkInterfaces { get; } = [];
    public List<EniAddressRow> EniAddresses { get; } = [];
    public List<EniGroupRow> EniGroups { get; } = [];
    public List<ExternalEndpointRow> ExternalEndpoints { get; } = [];
    public List<NetworkAclRow> NetworkAcls { get; } = [];
    public List<NetworkAclEntryRow> NetworkAclEntries { get; } = [];
    public List<NetworkAclAssociationRow> NetworkAclAssociations { get; } = [];
    public Quotas Quotas { get; set; } = Quotas.Default;

    /// <summary>
    /// Each table's rows as a list of objects, parents before children, for code that treats all tables alike
    /// (diffing two versions of a draft, copying a snapshot).
    /// </summary>
    public IEnumerable<IReadOnlyList<object>> Tables()
    {
        yield return Vpcs;
        yield return VpcCidrs;
        yield return Subnets;
        yield return VpcConnections;
        yield return PrefixLists;
        yield return PrefixListEntries;
        yield return Groups;
        yield return GroupTags;
        yield return Rules;
        yield return Instances;
        yield return InstanceTags;
        yield return NetworkInterfaces;
        yield return EniAddresses;
        yield return EniGroups;
        yield return ExternalEndpoints;
        yield return NetworkAcls;
        yield return NetworkAclEntries;
        yield return NetworkAclAssociations;
    }

    /// <summary>The row type of each table, in the order of <see cref="Tables"/>.</summary>
    public static IEnumerable<Type> TableTypes() =>
    [
        typeof(VpcRow), typeof(VpcCidrRow), typeof(SubnetRow), typeof(VpcConnectionRow), typeof(PrefixListRow),
        typeof(PrefixListEntryRow), typeof(GroupRow), typeof(GroupTagRow), typeof(RuleRow), typeof(InstanceRow),
        typeof(InstanceTagRow), typeof(NetworkInterfaceRow), typeof(EniAddressRow), typeof(EniGroupRow), typeof(ExternalEndpointRow),
        typeof(NetworkAclRow), typeof(NetworkAclEntryRow), typeof(NetworkAclAssociationRow),
    ];
}
