using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// An id a writer gives a new object over the API has AWS's exact shape; an object that came with a hand-written id
/// (a policy document's <c>i-web</c>) keeps it and can still be replaced under it.
/// </summary>
public abstract class NewIdsApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, long version, object? body = null)
    {
        using var request = ApiSteps.WithVersion(method, uri, version, body);
        return await _client.SendAsync(request, Token);
    }

    [Theory]
    [InlineData("sg-web")]
    [InlineData("sg-0123456789ABCDEF0")]
    [InlineData("sg-01234")]
    public async Task A_new_group_with_an_id_not_in_AWSs_form_is_a_400_at_its_id_and_stores_nothing(string id)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version, new { id, name = "cache", description = "x", vpcId = DemoEstate.VpcId });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"'{id}' is not in AWS's form: a new group id is 'sg-' followed by 8 or 17 lowercase hex digits, e.g. sg-0123456789abcdef0",
            problem.ErrorAt($"groups[{id}].id"));
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task Ids_in_AWSs_form_of_8_or_17_hex_digits_are_taken()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var group = await (await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", version,
            new { id = "sg-0badcafe", name = "cache", description = "x", vpcId = DemoEstate.VpcId })).ReadAsync(HttpStatusCode.Created);
        var vpc = await (await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/vpcs/vpc-0123456789abcdef0", group.GetProperty("version").GetInt64(),
            new { cidrs = new[] { "10.77.0.0/16" } })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal("sg-0badcafe", group.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal("vpc-0123456789abcdef0", vpc.GetProperty("item").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_object_imported_with_a_hand_written_id_is_replaced_under_it_but_a_new_one_needs_AWSs_form()
    {
        var estate = DemoEstate.Build();
        estate = estate with { Instances = estate.Instances.Add(new Instance("i-web", "hand-written", ImmutableSortedDictionary<string, string>.Empty)) };
        var document = PolicyDocumentJson.Write(new PolicyDocument($"hand-written {Guid.NewGuid():N}", null, estate));
        var imported = await (await _client.PostAsync("/api/policies/import", ImportApiTests.Form([("hand.policy.json", document)]), Token))
            .ReadAsync(HttpStatusCode.Created);
        var policyId = imported.GetProperty("policy").GetProperty("id").GetGuid();
        var draft = await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ids" }, Token)).ReadAsync(HttpStatusCode.Created);
        var (draftId, version) = (draft.GetProperty("id").GetGuid(), draft.GetProperty("version").GetInt64());

        var replaced = await (await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-web", version, new { name = "renamed" })).ReadAsync(HttpStatusCode.OK);
        var added = await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-api", replaced.GetProperty("version").GetInt64(), new { name = "new" });

        Assert.Equal("renamed", replaced.GetProperty("item").GetProperty("name").GetString());
        Assert.Contains("'i-' followed by 8 or 17 lowercase hex digits", (await added.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("instances[i-api].id"), StringComparison.Ordinal);
    }
}

public sealed class NewIdsApiSqliteTests(SqliteApp fixture) : NewIdsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class NewIdsApiPostgresTests(PostgresApp fixture) : NewIdsApiTests(fixture), IClassFixture<PostgresApp>;
