using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Engine;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary><c>POST /api/policies/{id}/plan-impact</c> over real HTTP: the answer of <c>sgd impact --json</c>, its gates, bad bodies.</summary>
public sealed class PlanImpactApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly SgdServer _server = new(fixture);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // One rule resource added to the demo's web group (by its id, as a plan against deployed groups has it).
    private static string Plan(int port, string cidr) => """
        {"format_version": "1.2", "terraform_version": "1.11.0", "resource_changes": [
          {"address": "aws_vpc_security_group_ingress_rule.web_extra", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "web_extra",
           "change": {"actions": ["create"], "before": null,
             "after": {"security_group_id": "WEB", "ip_protocol": "tcp", "from_port": PORT, "to_port": PORT, "cidr_ipv4": "CIDR"},
             "after_unknown": {"id": true}}}]}
        """.Replace("WEB", DemoEstate.Web, StringComparison.Ordinal).Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("CIDR", cidr, StringComparison.Ordinal);

    private async Task<Guid> PolicyAsync(string name) =>
        await _server.ImportDocumentAsync(PolicyDocumentJson.Write(new PolicyDocument(name, "plan impact", DemoEstate.Build())), name);

    private async Task<HttpResponseMessage> PostAsync(Guid policyId, string body, string query = "") =>
        await _client.PostAsync($"/api/policies/{policyId}/plan-impact{query}", new StringContent(body, Encoding.UTF8, "application/json"), Token);

    [Fact]
    public async Task A_plan_that_opens_a_flow_is_answered_with_the_resource_behind_it()
    {
        var id = await PolicyAsync("plan-opens");

        var response = await PostAsync(id, Plan(8080, "10.0.0.0/16"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Token);
        var answer = JsonSerializer.Deserialize<PlanImpactResponse>(text, Strict)!;
        Assert.Equal("opens", answer.Verdict);
        Assert.Equal("create", Assert.Single(answer.Plan.Changes).Action);
        Assert.Contains(answer.Reachability, f => f.Opens.Any(d => d.Rules.Any(r => r.Id == "aws_vpc_security_group_ingress_rule.web_extra")));
        Assert.Empty(answer.BrokenAssertions);
    }

    [Fact]
    public async Task A_plan_that_breaks_the_policy_s_assertion_or_adds_an_error_is_blocked()
    {
        var id = await PolicyAsync("plan-blocked");
        await _server.SetAssertionsAsync(id, """{"from": "203.0.113.9", "to": "web-1", "protocol": "tcp", "port": 22, "expect": "deny", "name": "no ssh from the office"}""");

        var response = await PostAsync(id, Plan(22, "0.0.0.0/0"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("blocked", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("no ssh from the office", doc.RootElement.GetProperty("brokenAssertions")[0].GetProperty("name").GetString());
        Assert.Contains(doc.RootElement.GetProperty("newErrors").EnumerateArray(), e => e.GetProperty("rule").GetString() == "aws_vpc_security_group_ingress_rule.web_extra");
    }

    [Theory]
    [InlineData("", "plan", "the body is empty")]
    [InlineData("{\"format_version\": \"1.0\", \"values\": {}}", "plan:$", "this is a Terraform state")]
    [InlineData("{\"resource_changes\": [", "plan:$", "line 1")]
    [InlineData("{\"resource_changes\": [{\"address\": \"x.y\", \"type\": \"aws_security_group\", \"change\": {\"actions\": [\"boom\"]}}]}", "plan:$.resource_changes[0].change.actions", "unknown actions [boom]")]
    public async Task A_body_that_is_not_a_plan_is_a_400_keyed_at_its_json_path_in_the_plan(string body, string key, string problem)
    {
        var id = await PolicyAsync($"plan-bad-{Guid.NewGuid():N}");

        var response = await PostAsync(id, body);

        var error = Assert.Single((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject());
        Assert.Equal(key, error.Name);
        Assert.Contains(problem, error.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_address_with_a_nul_or_of_100_000_characters_is_a_400_naming_its_path_and_is_not_echoed()
    {
        var id = await PolicyAsync($"plan-address-{Guid.NewGuid():N}");
        static string PlanWith(string address) =>
            "{\"resource_changes\": [{\"address\": \"" + address + "\", \"type\": \"aws_security_group\", \"change\": {\"actions\": [\"no-op\"]}}]}";

        var nul = await (await PostAsync(id, PlanWith("aws_security_group.a\\u0000b"))).ReadProblemAsync(HttpStatusCode.BadRequest);
        var huge = await (await PostAsync(id, PlanWith("aws_security_group." + new string('a', 100_000)))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("contains the control character U+0000", nul.ErrorAt("plan:$.resource_changes[0].address"), StringComparison.Ordinal);
        Assert.Contains("the resource address is 100019 characters long", huge.ErrorAt("plan:$.resource_changes[0].address"), StringComparison.Ordinal);
        Assert.True(huge.ErrorAt("plan:$.resource_changes[0].address").Length < 1_000, "the 100,000-character address is not echoed back");
    }

    [Fact]
    public async Task An_unknown_revision_is_a_404_and_revision_zero_a_400()
    {
        var id = await PolicyAsync("plan-revisions");

        var missing = await (await PostAsync(id, Plan(8080, "10.0.0.0/16"), "?revision=9")).ReadProblemAsync(HttpStatusCode.NotFound);
        var zero = await (await PostAsync(id, Plan(8080, "10.0.0.0/16"), "?revision=0")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("no revision 9", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a revision number", zero.ErrorAt("revision"), StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
}
