using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Core.Tests.Terraform;

public class TerraformImporterTests
{
    [Fact]
    public void HandWrittenInlineBlocksWithSeveralPeersBecomeOneRulePerPeer()
    {
        const string json = """
            {"resource":{"aws_security_group":{"app":{"name":"app","vpc_id":"vpc-9","ingress":[
              {"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.0.0.0/8","192.168.1.1/24"],"ipv6_cidr_blocks":["::/0"],"self":true}],
              "egress":[{"from_port":0,"to_port":0,"protocol":"-1","cidr_blocks":["0.0.0.0/0"]}]}}}}
            """;
        var result = TerraformImporter.Import(json);
        Assert.True(result.IsOk, result.Error?.ToString());
        var group = Assert.Single(result.Estate!.Groups);
        Assert.Equal(("app", "app", "vpc-9", "Managed by Terraform"), (group.Id, group.Name, group.VpcId, group.Description));
        Assert.Equal(["10.0.0.0/8", "192.168.1.0/24", "::/0", "app"], group.Inbound.Select(r => r.Peer.ToString()));
        var egress = Assert.Single(group.Outbound);
        Assert.Equal((IpProtocol.All, -1, -1), (egress.Protocol, egress.FromPort, egress.ToPort));
        Assert.Contains(result.Warnings, w => w.Path == "main.tf.json:$.resource.aws_security_group.app.ingress[0].cidr_blocks[1]");
    }

    [Fact]
    public void LegacySecurityGroupRuleResourcesAreRead()
    {
        const string json = """
            {"resource":{"aws_security_group":{"db":{"name":"db","vpc_id":"vpc-9"},"app":{"name":"app","vpc_id":"vpc-9"}},
              "aws_security_group_rule":{
                "pg":{"type":"ingress","security_group_id":"${aws_security_group.db.id}","protocol":"tcp","from_port":5432,"to_port":5432,"source_security_group_id":"${aws_security_group.app.id}","description":"app to db"},
                "out":{"type":"egress","security_group_id":"${aws_security_group.db.id}","protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"]}}}}
            """;
        var result = TerraformImporter.Import(json);
        Assert.True(result.IsOk, result.Error?.ToString());
        var db = result.Estate!.FindGroup("db")!;
        var pg = Assert.Single(db.Inbound);
        Assert.Equal((IpProtocol.Tcp, 5432, (Peer)new GroupPeer("app"), "app to db"), (pg.Protocol, pg.FromPort, pg.Peer, pg.Description));
        Assert.Equal(IpProtocol.All, Assert.Single(db.Outbound).Protocol);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("""{"resource":{"aws_security_group":{"a":{"vpc_id":"v"}},"aws_vpc_security_group_ingress_rule":{"r":{"security_group_id":"${aws_security_group.zz.id}","ip_protocol":"-1","cidr_ipv4":"0.0.0.0/0"}}}}""",
        "main.tf.json:$.resource.aws_vpc_security_group_ingress_rule.r.security_group_id", "must reference an aws_security_group")]
    [InlineData("""{"resource":{"aws_security_group":{"a":{"vpc_id":"v"}},"aws_vpc_security_group_ingress_rule":{"r":{"security_group_id":"${aws_security_group.a.id}","ip_protocol":"-1"}}}}""",
        "main.tf.json:$.resource.aws_vpc_security_group_ingress_rule.r", "exactly one of")]
    [InlineData("""{"resource":{"aws_security_group":{"a":{"vpc_id":"v"}},"aws_vpc_security_group_ingress_rule":{"r":{"security_group_id":"${aws_security_group.a.id}","ip_protocol":"tcp","to_port":22,"cidr_ipv4":"0.0.0.0/0"}}}}""",
        "main.tf.json:$.resource.aws_vpc_security_group_ingress_rule.r.from_port", "'from_port' is required")]
    [InlineData("""{"resource":{"aws_security_group":{"a":{"vpc_id":"${var.nope}"}}}}""",
        "main.tf.json:$.resource.aws_security_group.a.vpc_id", "variable 'nope'")]
    [InlineData("""{"resource":{"aws_security_group":{"a":{"vpc_id":"v","ingress":[{"protocol":"tcp","from_port":1,"to_port":2,"security_groups":["${aws_security_group.b.id}"]}]}}}}""",
        "main.tf.json:$.resource.aws_security_group.a.ingress[0].security_groups[0]", "aws_security_group.b is not defined")]
    [InlineData("""{"resource":[]}""", "main.tf.json:$.resource", "expected an object")]
    [InlineData("""{"resource":""", "main.tf.json:$", "not valid JSON")]
    public void MalformedTerraformNamesTheJsonPathAndTheProblem(string json, string path, string message)
    {
        var result = TerraformImporter.Import(json);
        Assert.False(result.IsOk);
        Assert.Equal(path, result.Error!.Path);
        Assert.Contains(message, result.Error.Message);
    }
}
