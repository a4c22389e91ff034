using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Engine;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>
/// <c>POST /api/policies/{id}/plan-impact</c> over real HTTP on both databases: a plan's network-ACL rule resource
/// closes a designed flow, and the answer names it under the flow.
/// </summary>
public abstract class PlanImpactAclApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal const string Plan = """
        {"format_version": "1.2", "terraform_version": "1.11.0", "resource_changes": [
          {"address": "aws_network_acl_rule.db_deny_web", "mode": "managed", "type": "aws_network_acl_rule", "name": "db_deny_web",
           "change": {"actions": ["create"], "before": null,
             "after": {"network_acl_id": "acl-db", "rule_number": 50, "egress": false, "protocol": "6", "rule_action": "deny",
                       "cidr_block": "10.0.1.0/24", "from_port": 5432, "to_port": 5432},
             "after_unknown": {"id": true}}}]}
        """;

    /// <summary>web (subnet-1) reaches db (subnet-2, under acl-db, which allows everything) on 5432.</summary>
    internal static Estate Policy()
    {
        static Cidr Block(string text) => Cidr.Parse(text).Value;
        static NetworkAclEntry AllowAll() => new(100, IpProtocol.All, -1, -1, Cidr.AnyV4, AclAction.Allow);
        var tags = ImmutableSortedDictionary<string, string>.Empty;
        return Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", "main", [Block("10.0.0.0/16")])],
            Subnets = [new Subnet("subnet-1", "vpc-1", Block("10.0.1.0/24")), new Subnet("subnet-2", "vpc-1", Block("10.0.2.0/24"))],
            Groups =
            [
                new SecurityGroup("sg-web", "web", "web", "vpc-1", tags, [new Rule("sgr-web-out", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4))]),
                new SecurityGroup("sg-db", "db", "db", "vpc-1", tags, [new Rule("sgr-db-in", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-web"))]),
            ],
            NetworkInterfaces =
            [
                new NetworkInterface("eni-web", "vpc-1", "subnet-1", null, null, [IpAddress.Parse("10.0.1.10").Value], null, ["sg-web"]),
                new NetworkInterface("eni-db", "vpc-1", "subnet-2", null, null, [IpAddress.Parse("10.0.2.20").Value], null, ["sg-db"]),
            ],
            NetworkAcls = [new NetworkAcl("acl-db", "vpc-1", false, ["subnet-2"], [AllowAll()], [AllowAll()], "db")],
        };
    }

    [Fact]
    public async Task An_acl_rule_resource_in_an_uploaded_plan_closes_the_designed_flow_and_is_named_under_it()
    {
        var name = $"plan-acl-{Guid.NewGuid():N}";
        var id = await new SgdServer(fixture).ImportDocumentAsync(PolicyDocumentJson.Write(new PolicyDocument(name, "plan impact of ACLs", Policy())), name);

        var response = await fixture.Client.PostAsync($"/api/policies/{id}/plan-impact", new StringContent(Plan, Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonSerializer.Deserialize<PlanImpactResponse>(await response.Content.ReadAsStringAsync(Token), Strict)!;
        Assert.Equal("opens-nothing", answer.Verdict);
        var change = Assert.Single(answer.Plan.Changes);
        Assert.Equal(("aws_network_acl_rule.db_deny_web", "aws_network_acl_rule", "create"), (change.Address, change.Type, change.Action));
        Assert.Empty(answer.Plan.NotRead);
        var closed = Assert.Single(answer.Reachability, f => f.From.SampleEnis.SequenceEqual(["eni-web"]) && f.To.SampleEnis.SequenceEqual(["eni-db"]));
        Assert.Equal("tcp", Assert.Single(closed.Closes).Protocol);
        Assert.Equal(["aws_network_acl_rule.db_deny_web"], closed.AclRules);
    }

    [Theory]
    [InlineData("\"network_acl_id\": \"acl-db\"", "\"network_acl_id\": 7", "aws_network_acl_rule.db_deny_web.network_acl_id: expected a string, found a number")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": 32767", "rule_number: rule number 32767 is out of range 1–32766")]
    [InlineData("\"rule_number\": 50", "\"rule_number\": \"abc\"", "rule_number: expected an integer, found a string")]
    public async Task An_acl_rule_the_provider_would_refuse_is_a_400_at_its_resource_in_the_plan(string value, string wrong, string problem)
    {
        Assert.Contains(value, Plan, StringComparison.Ordinal);
        var name = $"plan-acl-bad-{Guid.NewGuid():N}";
        var id = await new SgdServer(fixture).ImportDocumentAsync(PolicyDocumentJson.Write(new PolicyDocument(name, "bad ACL rule", Policy())), name);

        var response = await fixture.Client.PostAsync($"/api/policies/{id}/plan-impact",
            new StringContent(Plan.Replace(value, wrong, StringComparison.Ordinal), Encoding.UTF8, "application/json"), Token);

        var error = Assert.Single((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject());
        Assert.Equal("plan:$.resource_changes[0]", error.Name);
        Assert.Contains(problem, error.Value[0].GetString(), StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
}

public sealed class PlanImpactAclApiSqliteTests(SqliteApp fixture) : PlanImpactAclApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class PlanImpactAclApiPostgresTests(PostgresApp fixture) : PlanImpactAclApiTests(fixture), IClassFixture<PostgresApp>;
