using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.AwsCli;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>
/// Network ACL estates for the Terraform export: a hand-made one with a default and a custom ACL (allow and deny,
/// ICMP and ICMPv6, IPv6, all traffic, udp, a port-less protocol, a named ACL), and the ACLs alone of the AWS sample
/// whose groups the export refuses.
/// </summary>
internal static class AclTerraformFixtures
{
    public static IEnumerable<TerraformFixture> All() =>
    [
        new("acls-hand-made", HandMade()),
        new("acls-only-batfish-hybrid-cloud-aws-usw2", AwsSamples.Import("batfish-hybrid-cloud-aws-usw2").Estate! with { Groups = [], NetworkInterfaces = [], Instances = [] }),
    ];

    /// <summary>subnet-a under the VPC's default ACL, subnet-b under a custom one; IPv6 blocks on both.</summary>
    public static Estate HandMade()
    {
        var estate = Base();
        var defaultAcl = new NetworkAcl("acl-0000000d", "vpc-1", true, ["subnet-a"],
            [Deny(50, "tcp", 23, 23, "0.0.0.0/0"), Allow(100, "-1", -1, -1, "0.0.0.0/0"), Allow(101, "-1", -1, -1, "::/0")],
            [Allow(100, "-1", -1, -1, "0.0.0.0/0"), Allow(101, "-1", -1, -1, "::/0")]);
        var custom = new NetworkAcl("acl-0000000c", "vpc-1", false, ["subnet-b"],
            [
                Deny(10, "tcp", 22, 22, "10.0.1.128/25"),
                Allow(20, "tcp", 22, 22, "10.0.0.0/16"),
                Allow(30, "icmp", 8, -1, "10.0.0.0/16"),
                Allow(31, "icmp", 3, 4, "0.0.0.0/0"),
                Allow(40, "icmpv6", -1, -1, "::/0"),
                Allow(50, "tcp", 443, 443, "2001:db8::/32"),
                Allow(60, "udp", 1024, 65535, "0.0.0.0/0"),
                Allow(70, "50", -1, -1, "192.0.2.0/24"),
                Deny(32766, "-1", -1, -1, "::/0"),
            ],
            [Allow(100, "tcp", 1024, 65535, "10.0.0.0/16"), Deny(110, "-1", -1, -1, "0.0.0.0/0"), Allow(120, "-1", -1, -1, "::/0")],
            "app ${tier} acl");
        return estate with
        {
            Subnets = [estate.Subnets[0] with { Ipv6Cidr = Block("2001:db8:0:1::/64"), Name = "a" }, estate.Subnets[1] with { AvailabilityZone = "eu-west-1a" }],
            NetworkAcls = [defaultAcl, custom],
        };
    }
}
