using System.Text.Json.Nodes;
using SgDesigner.Web.Tests.Features.Import;

namespace SgDesigner.Web.Tests.Drift;

/// <summary>
/// A real account (batfish-hybrid-cloud-aws-usw2) as designed, and its describe-security-groups output as deployed the
/// next day, after someone opened MySQL on the "Arista Demo" group to one outside address in the console.
/// </summary>
public static class DriftSample
{
    /// <summary>The sample set imported as the policy.</summary>
    public const string Set = "batfish-hybrid-cloud-aws-usw2";

    /// <summary>The group whose ENIs the added rule opens.</summary>
    public const string Group = "sg-331ad04e";

    /// <summary>The port opened.</summary>
    public const int Port = 3306;

    /// <summary>Who it was opened to (the one source the subnet's network ACL lets in on that port).</summary>
    public const string Source = "162.243.144.192/32";

    /// <summary>Every file of the set, as the import reads them.</summary>
    public static IReadOnlyList<(string Name, string Text)> Files =>
        [.. AwsSampleFiles.Paths(Set).Select(p => (Path.GetFileName(p), File.ReadAllText(p)))];

    /// <summary>describe-security-groups as designed (the same as imported).</summary>
    public static string AsDesigned => File.ReadAllText(AwsSampleFiles.Paths(Set).Single(p => p.EndsWith("SecurityGroups.json", StringComparison.Ordinal)));

    /// <summary>describe-security-groups with the one ingress rule someone added.</summary>
    public static string SecurityGroupsWithMysqlOpened()
    {
        var root = JsonNode.Parse(AsDesigned)!;
        var group = root["SecurityGroups"]!.AsArray().Single(g => (string?)g!["GroupId"] == Group)!;
        group["IpPermissions"]!.AsArray().Add(JsonNode.Parse($$"""
            {"IpProtocol": "tcp", "FromPort": {{Port}}, "ToPort": {{Port}}, "IpRanges": [{"CidrIp": "{{Source}}", "Description": "opened in the console"}],
             "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}
            """));
        return root.ToJsonString();
    }
}
