using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>SGD012 and SGD013: IPv4 CIDR peers much wider than the traffic they are meant for.</summary>
internal static class CidrWidthChecks
{
    /// <summary>RFC 1918 private IPv4 space.</summary>
    private static readonly Cidr[] s_private =
        [Cidr.Parse("10.0.0.0/8").Value, Cidr.Parse("172.16.0.0/12").Value, Cidr.Parse("192.168.0.0/16").Value];

    /// <summary>Private peers wider than /16 admit far more than one VPC (AWS caps a VPC block at /16).</summary>
    private const int WidestPrivatePrefix = 16;

    /// <summary>Prowler's threshold: public blocks /1 to /23 are too wide.</summary>
    private const int WidestPublicPrefix = 24;

    public static IEnumerable<Finding> Run(Estate estate, SecurityGroup group)
    {
        var vpcCidrs = estate.Vpcs.FirstOrDefault(v => v.Id == group.VpcId)?.Cidrs ?? [];
        foreach (var rule in group.Rules)
        {
            if (rule.Peer is not CidrPeer { Block: { Family: IpFamily.V4, IsEverything: false } block })
                continue;
            var where = $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule.TrafficText}) names {block}";
            if (s_private.Any(p => p.Contains(block)))
            {
                var widerThanVpc = vpcCidrs.FirstOrDefault(v => block.Contains(v) && block.PrefixLength < v.PrefixLength);
                if (block.PrefixLength < WidestPrivatePrefix)
                    yield return LintCatalogue.WideInternalCidr.Report(group.Id, rule.Id, $"{where}, a private range wider than /{WidestPrivatePrefix}");
                else if (widerThanVpc != default)
                    yield return LintCatalogue.WideInternalCidr.Report(group.Id, rule.Id, $"{where}, wider than its VPC's block {widerThanVpc}");
            }
            else if (block.PrefixLength < WidestPublicPrefix && !s_private.Any(block.Overlaps))
            {
                yield return LintCatalogue.WidePublicCidr.Report(group.Id, rule.Id, $"{where}, a public block wider than /{WidestPublicPrefix}");
            }
        }
    }
}
