using System.Text.Json;

namespace SgDesigner.Core.AwsCli;

/// <summary>Tells an AWS CLI output file's kind from its name or, failing that, its top-level key.</summary>
public static class AwsCliFileKinds
{
    // Names used by batfish/pybatfish snapshots (SecurityGroups.json) and CloudMapper (ec2-describe-security-groups.json).
    private static readonly (string Stem, AwsCliFileKind Kind)[] Stems =
    [
        ("securitygroups", AwsCliFileKind.SecurityGroups),
        ("describesecuritygroups", AwsCliFileKind.SecurityGroups),
        ("securitygrouprules", AwsCliFileKind.SecurityGroupRules),
        ("describesecuritygrouprules", AwsCliFileKind.SecurityGroupRules),
        ("reservations", AwsCliFileKind.Instances),
        ("instances", AwsCliFileKind.Instances),
        ("describeinstances", AwsCliFileKind.Instances),
        ("networkinterfaces", AwsCliFileKind.NetworkInterfaces),
        ("describenetworkinterfaces", AwsCliFileKind.NetworkInterfaces),
        ("subnets", AwsCliFileKind.Subnets),
        ("describesubnets", AwsCliFileKind.Subnets),
        ("vpcs", AwsCliFileKind.Vpcs),
        ("describevpcs", AwsCliFileKind.Vpcs),
        ("prefixlists", AwsCliFileKind.PrefixLists),
        ("describeprefixlists", AwsCliFileKind.PrefixLists),
        ("managedprefixlists", AwsCliFileKind.PrefixLists),
        ("describemanagedprefixlists", AwsCliFileKind.PrefixLists),
        ("networkacls", AwsCliFileKind.NetworkAcls),
        ("describenetworkacls", AwsCliFileKind.NetworkAcls),
    ];

    private static readonly (string Key, AwsCliFileKind Kind)[] TopLevelKeys =
    [
        ("SecurityGroups", AwsCliFileKind.SecurityGroups),
        ("SecurityGroupRules", AwsCliFileKind.SecurityGroupRules),
        ("Reservations", AwsCliFileKind.Instances),
        ("NetworkInterfaces", AwsCliFileKind.NetworkInterfaces),
        ("Subnets", AwsCliFileKind.Subnets),
        ("Vpcs", AwsCliFileKind.Vpcs),
        ("PrefixLists", AwsCliFileKind.PrefixLists),
        ("Entries", AwsCliFileKind.PrefixListEntries),
        ("NetworkAcls", AwsCliFileKind.NetworkAcls),
    ];

    /// <summary>
    /// The kind named by a file name such as <c>SecurityGroups.json</c>, <c>ec2-describe-security-groups.json</c>
    /// or <c>get-managed-prefix-list-entries-pl-0123.json</c>; null when the name says nothing.
    /// </summary>
    public static AwsCliFileKind? FromFileName(string fileName)
    {
        var name = OwnName(fileName);
        var dot = name.LastIndexOf('.');
        if (dot > 0)
            name = name[..dot];
        var stem = new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        if (stem.Contains("prefixlistentries", StringComparison.Ordinal))
            return AwsCliFileKind.PrefixListEntries;
        foreach (var (candidate, kind) in Stems)
        {
            if (stem == candidate || stem == "ec2" + candidate)
                return kind;
        }
        return null;
    }

    /// <summary>The file's own name without its folders (either slash).</summary>
    internal static string OwnName(string fileName) => fileName.Replace('\\', '/').Split('/')[^1];

    /// <summary>The kind named by the top-level key of an AWS CLI JSON object, or null.</summary>
    internal static AwsCliFileKind? FromTopLevelKey(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var (key, kind) in TopLevelKeys)
        {
            if (root.TryGetProperty(key, out _))
                return kind;
        }
        return null;
    }

    /// <summary>The JSON property that holds the items of a file of <paramref name="kind"/>.</summary>
    internal static string TopLevelKey(AwsCliFileKind kind) => TopLevelKeys.First(k => k.Kind == kind).Key;
}
