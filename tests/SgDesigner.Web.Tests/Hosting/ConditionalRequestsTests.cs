using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// Conditional requests over real HTTP: every write names the version it is based on (428 without, 400 for junk,
/// 412 with the current version when stale), and the GETs of drafts, revisions and requests answer If-None-Match with 304.
/// </summary>
public abstract class ConditionalRequestsTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Instance = "i-00000000000000c01";

    /// <summary>One write of each family on a draft, as method and path under <c>/api/drafts/{draftId}</c>, with a body it accepts.</summary>
    public static TheoryData<string, string, string?> DraftWrites => new()
    {
        { "POST", "/groups", $$"""{"name":"cond-group","description":"made by a test","vpcId":"{{DemoEstate.VpcId}}"}""" },
        { "PUT", $"/groups/{DemoEstate.Web}", $$"""{"name":"demo-web","description":"changed","vpcId":"{{DemoEstate.VpcId}}"}""" },
        { "DELETE", "/groups/sg-0000000000000c0de", null },
        { "POST", $"/groups/{DemoEstate.Web}/rules", """{"direction":"inbound","protocol":"tcp","fromPort":8443,"toPort":8443,"cidr":"10.9.0.0/16"}""" },
        { "POST", $"/groups/{DemoEstate.Web}/rules/paste", """{"direction":"inbound","text":"tcp,8444,10.9.0.0/16"}""" },
        { "PUT", "/prefix-lists/pl-0000000000000c0de", """{"name":"cond-list","family":"ipv4","entries":["10.60.0.0/16"]}""" },
        { "PUT", $"/instances/{Instance}", """{"name":"cond"}""" },
        { "DELETE", $"/instances/{Instance}", null },
        { "PUT", "/vpcs/vpc-0000000000000c0de", """{"name":"cond-vpc","cidrs":["10.50.0.0/16"]}""" },
        { "DELETE", "/subnets/subnet-0000000000000c0de", null },
        { "PUT", "/network-interfaces/eni-0000000000000c0de/attachment", $$"""{"instanceId":"{{Instance}}"}""" },
        { "DELETE", "/network-interfaces/eni-0000000000000c0de/attachment", null },
        { "PUT", "/quotas", """{"rulesPerDirection":60}""" },
        { "DELETE", "", null },
        { "POST", "/publish", """{"message":"published without a version"}""" },
    };

    [Theory]
    [MemberData(nameof(DraftWrites))]
    public async Task A_draft_write_without_a_version_is_a_428_naming_If_Match_and_stores_nothing(string method, string path, string? body)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/drafts/{draftId}{path}")
        {
            Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);

        Assert.Contains("If-Match", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'version'", problem.ErrorAt("If-Match"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("*")]
    [InlineData("W/\"x\"")]
    [InlineData("\"a\", \"b\"")]
    [InlineData("\"3")]
    public async Task A_malformed_If_Match_is_a_400_naming_it(string ifMatch)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/instances/{Instance}") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorAt("If-Match"));
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task If_Match_and_a_different_body_version_is_a_400()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/instances/{Instance}", version, new { name = "x", version = version + 7 });

        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("body's 'version'", problem.ErrorAt("If-Match"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_naming_the_version_among_junk_is_accepted_and_answers_the_new_ETag()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/instances/{Instance}") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"abc\", \"{version}\"");

        var response = await _client.SendAsync(request, Token);

        Assert.Equal(version + 1, (await response.ReadAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_stale_publish_is_a_412_with_the_current_version_and_publishes_nothing()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var edit = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/instances/{Instance}", version, new { name = "x" });
        await (await _client.SendAsync(edit, Token)).ReadAsync(HttpStatusCode.OK);
        var policyId = await _client.DemoPolicyIdAsync();
        var revisions = (await _client.AllPagesAsync($"/api/policies/{policyId}/revisions")).Count;

        using var publish = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/publish", version, new { message = "what I saw" });
        var response = await _client.SendAsync(publish, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt64());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
        Assert.Equal(revisions, (await _client.AllPagesAsync($"/api/policies/{policyId}/revisions")).Count);
    }

    [Fact]
    public async Task A_stale_body_version_is_a_412_too()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        await (await _client.PutAsJsonAsync($"/api/drafts/{draftId}/instances/{Instance}", new { name = "first", version }, Token)).ReadAsync(HttpStatusCode.OK);

        var response = await _client.PutAsJsonAsync($"/api/drafts/{draftId}/instances/{Instance}", new { name = "second", version }, Token);

        Assert.Equal(version + 1, (await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64());
    }

    [Fact]
    public async Task A_draft_and_its_objects_answer_304_while_unchanged_and_200_after_an_edit()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var draft = $"/api/drafts/{draftId}";
        var group = $"{draft}/groups/{DemoEstate.Web}";
        var etag = await _client.ETagOfAsync(draft);

        var unchanged = await GetAsync(draft, etag);
        var groupUnchanged = await GetAsync(group, $"\"x\", W/{etag}");
        var star = await GetAsync(draft, "*");
        using var edit = ApiSteps.WithVersion(HttpMethod.Put, $"{draft}/instances/{Instance}", version, new { name = "x" });
        await (await _client.SendAsync(edit, Token)).ReadAsync(HttpStatusCode.OK);
        var changed = await GetAsync(draft, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(etag, unchanged.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NotModified, groupUnchanged.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, star.StatusCode);
        await changed.ReadAsync(HttpStatusCode.OK);
        Assert.Equal($"\"{version + 1}\"", changed.Headers.ETag?.Tag);
        Assert.True(changed.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {changed.Headers.CacheControl}");
    }

    [Fact]
    public async Task Latest_answers_304_until_a_new_revision_is_published_and_a_revision_stays_304()
    {
        var policyId = await _client.NewPolicyAsync();
        var latest = $"/api/policies/{policyId}/revisions/latest";
        var first = $"/api/policies/{policyId}/revisions/1";
        var latestTag = await _client.ETagOfAsync(latest);
        var firstTag = await _client.ETagOfAsync(first);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(latest, latestTag)).StatusCode);

        var draft = await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "next" }, Token)).ReadAsync(HttpStatusCode.Created);
        await (await _client.PublishAsync(draft.GetProperty("id").GetGuid(), new { message = "revision 2" })).ReadAsync(HttpStatusCode.Created);

        var after = await GetAsync(latest, latestTag);
        Assert.Equal(2, (await after.ReadAsync(HttpStatusCode.OK)).GetProperty("revision").GetProperty("number").GetInt32());
        Assert.NotEqual(latestTag, after.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(first, firstTag)).StatusCode);
    }

    [Fact]
    public async Task A_change_request_answers_304_until_someone_comments_and_merging_needs_its_version()
    {
        var (requestId, author, reviewer) = await OpenRequestAsync();
        var uri = $"/api/requests/{requestId}";
        var etag = await author.Client.ETagOfAsync(uri);

        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(uri, etag, author.Client)).StatusCode);
        await (await reviewer.Client.PostAsJsonAsync($"{uri}/comments", new { body = "why 22?" }, Token)).ReadAsync(HttpStatusCode.Created);
        var afterComment = await GetAsync(uri, etag, author.Client);
        await afterComment.ReadAsync(HttpStatusCode.OK);

        // A comment changes the answer but not the draft: a verdict sent with the old ETag still stands.
        using var approve = new HttpRequestMessage(HttpMethod.Post, $"{uri}/reviews") { Content = JsonContent.Create(new { verdict = "approve" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await reviewer.Client.SendAsync(approve, Token)).ReadAsync(HttpStatusCode.Created);
        var noVersion = await author.Client.PostAsJsonAsync($"{uri}/merge", new { }, Token);
        await noVersion.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        var stale = await author.Client.PostAsJsonAsync($"{uri}/merge", new { version = 1 }, Token);
        var problem = await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.True(problem.GetProperty("currentVersion").GetInt64() > 1);
        await (await author.Client.RequestActionAsync(requestId, "merge", new { })).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reader_who_may_not_see_a_draft_gets_403_or_404_with_If_None_Match_never_304()
    {
        var (draftId, _) = await _client.NewDemoDraftAsync();
        var etag = await _client.ETagOfAsync($"/api/drafts/{draftId}");
        var stranger = await fixture.NewUserAsync("Sam Stranger");
        var elsewhere = await _client.NewPolicyAsync();
        var boundElsewhere = fixture.ClientWithToken(await fixture.TokenAsync(fixture.Admin, TokenScope.Read, elsewhere));

        var byStranger = await GetAsync($"/api/drafts/{draftId}", etag, stranger.Client);
        var byToken = await GetAsync($"/api/drafts/{draftId}", "*", boundElsewhere);
        var missing = await GetAsync($"/api/drafts/{Guid.NewGuid()}", "*");

        Assert.True(byStranger.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {(int)byStranger.StatusCode}");
        Assert.Null(byStranger.Headers.ETag);
        Assert.True(byToken.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {(int)byToken.StatusCode}");
        Assert.Null(byToken.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_read_token_with_the_right_ETag_still_cannot_write()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var reader = fixture.ClientWithToken(await fixture.TokenAsync(fixture.Admin, TokenScope.Read));

        using var edit = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/instances/{Instance}", version, new { name = "x" });
        await (await reader.SendAsync(edit, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        using var bare = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/instances/{Instance}") { Content = JsonContent.Create(new { name = "x" }) };
        await (await reader.SendAsync(bare, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_rename_with_a_stale_ETag_is_a_412_and_stores_nothing()
    {
        var policyId = await _client.NewPolicyAsync();
        var uri = $"/api/policies/{policyId}";
        var seen = await _client.ETagOfAsync(uri);
        var first = await _client.SendIfMatchAsync(HttpMethod.Put, uri, uri, new { name = $"first {Guid.NewGuid():N}", description = "one" });
        var firstName = (await first.ReadAsync(HttpStatusCode.OK)).GetProperty("name").GetString();
        Assert.NotEqual(seen, first.Headers.ETag?.Tag);

        using var second = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(new { name = $"second {Guid.NewGuid():N}" }) };
        second.Headers.TryAddWithoutValidation("If-Match", seen);
        var response = await _client.SendAsync(second, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(first.Headers.ETag?.Tag, response.Headers.ETag?.Tag);
        Assert.Equal(first.Headers.ETag?.Tag.Trim('"'), problem.GetProperty("currentVersion").GetString());
        Assert.Equal(firstName, (await (await _client.GetAsync(uri, Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        await (await _client.PutAsJsonAsync(uri, new { name = "no version" }, Token)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await _client.DeleteAsync(uri, Token)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await _client.DeleteAsync($"{uri}?version={seen.Trim('"')}", Token)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(uri, first.Headers.ETag!.Tag)).StatusCode);
    }

    [Fact]
    public async Task Settings_layout_and_roles_refuse_a_stale_ETag_and_take_the_current_one()
    {
        var policyId = await _client.NewPolicyAsync();
        var member = await fixture.NewUserAsync("Mo Member", policyId, PolicyRole.Viewer);
        var settings = $"/api/policies/{policyId}/settings";
        var layout = $"/api/policies/{policyId}/graph-layout";
        var members = $"/api/policies/{policyId}/members";
        var seen = new Dictionary<string, string>();
        foreach (var uri in new[] { settings, layout, members })
            seen[uri] = await _client.ETagOfAsync(uri);

        await (await _client.SendIfMatchAsync(HttpMethod.Put, settings, settings, new { requiredApprovals = 2 })).ReadAsync(HttpStatusCode.OK);
        await (await _client.SendIfMatchAsync(HttpMethod.Put, layout, layout, new { positions = new Dictionary<string, object> { ["sg-a"] = new { x = 1, y = 2 } } }))
            .ReadAsync(HttpStatusCode.OK);
        await (await _client.SendIfMatchAsync(HttpMethod.Put, $"{members}/{member.Id}", members, new { role = "editor" })).ReadAsync(HttpStatusCode.OK);

        await StaleAsync(HttpMethod.Put, settings, seen[settings], new { requiredApprovals = 5 });
        await StaleAsync(HttpMethod.Put, layout, seen[layout], new { positions = new { } });
        await StaleAsync(HttpMethod.Put, $"{members}/{member.Id}", seen[members], new { role = "owner" });
        Assert.Equal(2, (await (await _client.GetAsync(settings, Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("requiredApprovals").GetInt32());
        Assert.Single((await (await _client.GetAsync(layout, Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("positions").EnumerateObject());
        var roles = await (await _client.GetAsync(members, Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("editor", roles.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == member.Id).GetProperty("role").GetString());
        await (await _client.PutAsJsonAsync(settings, new { requiredApprovals = 3 }, Token)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    private async Task StaleAsync(HttpMethod method, string uri, string etag, object body)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await _client.SendAsync(request, Token);
        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal($"\"{problem.GetProperty("currentVersion").GetString()}\"", response.Headers.ETag?.Tag);
    }

    private async Task<HttpResponseMessage> GetAsync(string uri, string ifNoneMatch, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await (client ?? _client).SendAsync(request, Token);
    }

    // A policy of the author's with a reviewer, and a change request opening port 22 on it.
    private async Task<(Guid RequestId, TestUser Author, TestUser Reviewer)> OpenRequestAsync()
    {
        var author = await fixture.NewUserAsync("Ann Author");
        var policyId = await author.Client.NewPolicyAsync();
        var reviewer = await fixture.NewUserAsync("Rex Reviewer", policyId, PolicyRole.Reviewer);
        var draft = await (await author.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "quotas" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        using var edit = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/quotas", draft.GetProperty("version").GetInt64(), new { rulesPerDirection = 70 });
        await (await author.Client.SendAsync(edit, Token)).ReadAsync(HttpStatusCode.OK);
        var request = await (await author.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "more rules" }, Token)).ReadAsync(HttpStatusCode.Created);
        return (request.GetProperty("id").GetGuid(), author, reviewer);
    }
}

public sealed class ConditionalRequestsSqliteTests(SqliteApp fixture) : ConditionalRequestsTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConditionalRequestsPostgresTests(PostgresApp fixture) : ConditionalRequestsTests(fixture), IClassFixture<PostgresApp>;
