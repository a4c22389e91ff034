using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// <c>GET /api/requests/{id}/impact</c> names the network-ACL rule behind each flow an ACL edit closes: the ACL, its
/// subnet, the rule number and the leg (issue 17), as <c>sgd reach</c> does.
/// </summary>
public abstract class AclImpactApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string Acl = "acl-00000000000000ac7", PrivateA = "subnet-0bb00000000000001";

    private async Task<long> EditAsync(HttpMethod method, string uri, long version, object? body, HttpStatusCode expected)
    {
        using var request = ApiSteps.WithVersion(method, uri, version, body);
        var answer = await (await _client.SendAsync(request, Token)).ReadAsync(expected);
        return answer.GetProperty("version").GetInt64();
    }

    [Fact]
    public async Task A_request_whose_acl_denies_the_private_subnets_outbound_traffic_names_that_rule_and_leg_on_each_closed_flow()
    {
        // The draft puts private-a behind an ACL that lets everything in and nothing out: rule #120 denies the replies
        // of connections to private-a and the requests of connections from it.
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var acls = $"/api/drafts/{draftId}/network-acls";
        version = await EditAsync(HttpMethod.Post, acls, version, new { id = Acl, vpcId = DemoEstate.VpcId, name = "private-a" }, HttpStatusCode.Created);
        version = await EditAsync(HttpMethod.Post, $"{acls}/{Acl}/rules", version,
            new { direction = "inbound", ruleNumber = 100, protocol = "all", cidr = "0.0.0.0/0", action = "allow" }, HttpStatusCode.Created);
        version = await EditAsync(HttpMethod.Post, $"{acls}/{Acl}/rules", version,
            new { direction = "outbound", ruleNumber = 120, protocol = "all", cidr = "0.0.0.0/0", action = "deny" }, HttpStatusCode.Created);
        await EditAsync(HttpMethod.Put, $"{acls}/{Acl}/subnets/{PrivateA}", version, null, HttpStatusCode.OK);
        var requestId = (await (await _client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "lock down private-a" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var impact = await (await _client.GetAsync($"/api/requests/{requestId}/impact", Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Empty(impact.GetProperty("opened").EnumerateArray());
        var closed = impact.GetProperty("closed").EnumerateArray().ToList();
        Assert.NotEmpty(closed);
        // Only the ACL changed: every closed flow names an ACL rule, always of this ACL on private-a's boundary.
        Assert.All(closed, flow =>
        {
            var rules = flow.GetProperty("networkAclRules").EnumerateArray().Select(r => r.GetString()!).ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules, r => Assert.StartsWith($"{Acl} ({PrivateA}) ", r, StringComparison.Ordinal));
        });
        var texts = closed.SelectMany(f => f.GetProperty("networkAclRules").EnumerateArray().Select(r => r.GetString())).ToList();
        Assert.Contains($"{Acl} ({PrivateA}) outbound rule #120 denies the replies", texts);
        Assert.Contains($"{Acl} ({PrivateA}) outbound rule #120 denies the request", texts);
    }
}

public sealed class AclImpactApiSqliteTests(SqliteApp fixture) : AclImpactApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class AclImpactApiPostgresTests(PostgresApp fixture) : AclImpactApiTests(fixture), IClassFixture<PostgresApp>;
