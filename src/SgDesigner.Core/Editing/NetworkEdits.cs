using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>Adding, changing and removing VPCs, subnets and managed prefix lists.</summary>
public static class NetworkEdits
{
    /// <summary>The address space given to the VPC a policy gets with its first group.</summary>
    public static readonly Cidr DefaultVpcCidr = Cidr.Parse("10.0.0.0/16").Value;

    /// <summary>Adds a VPC or replaces the VPC with its id.</summary>
    public static EstateEdit PutVpc(Vpc vpc) => EditCheck.Checked(e => EditResult.Ok(e with { Vpcs = EditCheck.Upsert(e.Vpcs, vpc, v => v.Id) }));

    /// <summary>Removes a VPC; refused while subnets, groups or ENIs are in it.</summary>
    public static EstateEdit RemoveVpc(string vpcId) =>
        EditCheck.Remove(e => e.Vpcs, v => v.Id, vpcId, $"vpcs[{vpcId}]", (e, l) => e with { Vpcs = l });

    /// <summary>Adds a subnet or replaces the subnet with its id.</summary>
    public static EstateEdit PutSubnet(Subnet subnet) => EditCheck.Checked(e => EditResult.Ok(e with { Subnets = EditCheck.Upsert(e.Subnets, subnet, s => s.Id) }));

    /// <summary>Removes a subnet; refused while ENIs are in it.</summary>
    public static EstateEdit RemoveSubnet(string subnetId) =>
        EditCheck.Remove(e => e.Subnets, s => s.Id, subnetId, $"subnets[{subnetId}]", (e, l) => e with { Subnets = l });

    /// <summary>
    /// Adds a subnet with <paramref name="cidr"/> to the VPC whose block holds it. A draft without a VPC first gets one
    /// whose block is the /16 holding the subnet (AWS's largest VPC block), since every subnet lives in a VPC.
    /// </summary>
    public static EstateEdit AddSubnet(IdSource ids, string subnetId, Cidr cidr, string? name) => EditCheck.Checked(e =>
    {
        var estate = e;
        if (estate.Vpcs.IsEmpty)
        {
            var block = cidr.PrefixLength >= 16 ? new Cidr(cidr.First, 16) : cidr;
            estate = estate with { Vpcs = [new Vpc(ids.Next("vpc-"), "designer", [block])] };
        }
        var vpc = estate.Vpcs.FirstOrDefault(v => v.Cidrs.Any(c => c.Contains(cidr)));
        if (vpc is null)
            return EditResult.Invalid("subnet.cidr", $"{cidr} is not inside any VPC block ({string.Join(", ", estate.Vpcs.SelectMany(v => v.Cidrs))})");
        var subnet = new Subnet(subnetId, vpc.Id, cidr, Name: string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        return EditResult.Ok(estate with { Subnets = estate.Subnets.Add(subnet) });
    });

    /// <summary>Adds a managed prefix list or replaces the list with its id.</summary>
    public static EstateEdit PutPrefixList(PrefixList list) =>
        EditCheck.Checked(e => EditResult.Ok(e with { PrefixLists = EditCheck.Upsert(e.PrefixLists, list, p => p.Id) }));

    /// <summary>Removes a prefix list; refused, naming the rules, while rules reference it.</summary>
    public static EstateEdit RemovePrefixList(string prefixListId) => e =>
        PrefixListUsers(e, prefixListId) is { Count: > 0 } users
            ? EditResult.Invalid($"prefixLists[{prefixListId}]",
                $"{e.PrefixLists.FirstOrDefault(p => p.Id == prefixListId)?.Name ?? prefixListId} is used by {users.Count} rule{(users.Count == 1 ? "" : "s")} " +
                $"({string.Join("; ", users.Take(3))}{(users.Count > 3 ? "; …" : "")}): change or remove {(users.Count == 1 ? "it" : "them")} first")
            : EditCheck.Remove(x => x.PrefixLists, p => p.Id, prefixListId, $"prefixLists[{prefixListId}]", (x, l) => x with { PrefixLists = l })(e);

    /// <summary>The rules that name the prefix list as their peer, each as "group: inbound tcp 443 (sgr-…)".</summary>
    public static List<string> PrefixListUsers(Estate estate, string prefixListId) =>
        [.. estate.Groups.SelectMany(g => g.Rules.Where(r => r.Peer is PrefixListPeer p && p.PrefixListId == prefixListId)
            .Select(r => $"{g.Name}: {DirectionText.Of(r.Direction)} {r.TrafficText} ({r.Id})"))];

    /// <summary>The estate with a VPC: itself when it has one, otherwise with 10.0.0.0/16 and a subnet 10.0.0.0/24.</summary>
    internal static Estate WithVpc(Estate e, IdSource ids)
    {
        if (!e.Vpcs.IsEmpty)
            return e;
        var vpc = new Vpc(ids.Next("vpc-"), "designer", [DefaultVpcCidr]);
        var subnet = new Subnet(ids.Next("subnet-"), vpc.Id, Cidr.Parse("10.0.0.0/24").Value, Name: "designer-a");
        return e with { Vpcs = [vpc], Subnets = e.Subnets.Add(subnet) };
    }
}
