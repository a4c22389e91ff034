using System.Text.RegularExpressions;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.AwsCli;

/// <summary>Reads <c>describe-vpcs</c>, <c>describe-subnets</c> and the prefix-list outputs.</summary>
internal static partial class NetworkReader
{
    public static void ReadVpcs(JsonInput root, ImportLog log, List<Vpc> vpcs)
    {
        foreach (var node in root.ItemsOf("Vpcs"))
        {
            var cidrs = new List<Cidr>();
            if (node.Optional("CidrBlock") is { } main)
                cidrs.Add(log.Parse(main, Cidr.Parse));
            foreach (var association in node.ItemsOf("CidrBlockAssociationSet").Where(IsAssociated))
                cidrs.Add(log.Parse(association.Required("CidrBlock"), Cidr.Parse));
            foreach (var association in node.ItemsOf("Ipv6CidrBlockAssociationSet").Where(IsAssociated))
                cidrs.Add(log.Parse(association.Required("Ipv6CidrBlock"), Cidr.Parse));
            vpcs.Add(new Vpc(node.RequiredString("VpcId"), AwsTags.Name(AwsTags.Read(node)), [.. cidrs.Distinct()]));
        }
    }

    public static void ReadSubnets(JsonInput root, ImportLog log, List<Subnet> subnets)
    {
        foreach (var node in root.ItemsOf("Subnets"))
        {
            var ipv6 = node.ItemsOf("Ipv6CidrBlockAssociationSet").Where(IsAssociated)
                .Select(a => (Cidr?)log.Parse(a.Required("Ipv6CidrBlock"), Cidr.Parse)).FirstOrDefault();
            subnets.Add(new Subnet(
                node.RequiredString("SubnetId"),
                node.RequiredString("VpcId"),
                log.Parse(node.Required("CidrBlock"), Cidr.Parse),
                ipv6,
                node.OptionalString("AvailabilityZone"),
                AwsTags.Name(AwsTags.Read(node))));
        }
    }

    /// <summary>
    /// <c>describe-prefix-lists</c> items carry <c>Cidrs</c>; <c>describe-managed-prefix-lists</c> items carry
    /// <c>AddressFamily</c> and get their entries from <c>get-managed-prefix-list-entries</c> files.
    /// </summary>
    public static void ReadPrefixLists(JsonInput root, ImportLog log, List<PrefixList> lists)
    {
        foreach (var node in root.ItemsOf("PrefixLists"))
        {
            var id = node.RequiredString("PrefixListId");
            var entries = node.ItemsOf("Cidrs").Select(c => log.Parse(c, Cidr.Parse)).ToList();
            var family = node.Optional("AddressFamily") is { } familyNode
                ? ParseFamily(familyNode)
                : entries.Count > 0 ? entries[0].Family : IpFamily.V4;
            var name = node.OptionalString("PrefixListName") ?? id;
            // describe-managed-prefix-lists gives MaxEntries, what a reference counts against the rule quota.
            var maxEntries = node.Optional("MaxEntries")?.Int();
            var existing = lists.FindIndex(l => l.Id == id);
            if (existing >= 0)
                lists[existing] = lists[existing] with { Name = name, Family = family, Entries = lists[existing].Entries.AddRange(entries), MaxEntries = maxEntries ?? lists[existing].MaxEntries };
            else
                lists.Add(new PrefixList(id, name, family, [.. entries], maxEntries));
        }
    }

    public static void ReadPrefixListEntries(JsonInput root, string fileName, ImportLog log, List<PrefixList> lists)
    {
        // Only the file's own name counts: a folder called "sample-pl-x" must not name the list.
        var match = PrefixListId().Match(AwsCliFileKinds.OwnName(fileName));
        if (!match.Success)
            throw root.Fail("get-managed-prefix-list-entries output does not name its list: put the list id in the file name (e.g. entries-pl-0123abcd.json)");
        var id = match.Value;
        var entries = root.ItemsOf("Entries").Select(e => log.Parse(e.Required("Cidr"), Cidr.Parse)).ToList();
        var existing = lists.FindIndex(l => l.Id == id);
        if (existing >= 0)
            lists[existing] = lists[existing] with { Entries = lists[existing].Entries.AddRange(entries) };
        else
            lists.Add(new PrefixList(id, id, entries.Count > 0 ? entries[0].Family : IpFamily.V4, [.. entries]));
    }

    private static IpFamily ParseFamily(JsonInput node) => node.String().ToLowerInvariant() switch
    {
        "ipv4" => IpFamily.V4,
        "ipv6" => IpFamily.V6,
        var other => throw node.Fail($"unknown AddressFamily {QuotedValue.Of(other)}: expected IPv4 or IPv6"),
    };

    private static bool IsAssociated(JsonInput association)
    {
        var state = association.Optional("CidrBlockState") ?? association.Optional("Ipv6CidrBlockState");
        var value = state?.OptionalString("State");
        return value is null or "associated" or "associating";
    }

    [GeneratedRegex("pl-[0-9a-zA-Z]+")]
    private static partial Regex PrefixListId();
}
