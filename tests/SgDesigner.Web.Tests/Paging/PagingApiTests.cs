using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Paging;

/// <summary>Every list of the API pages with <c>limit</c> and an opaque <c>cursor</c>, the same way, in the database.</summary>
public abstract class PagingApiTests(AppFixture fixture)
{
    private const int Rows = 5;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Lists =>
        ["policies", "revisions", "drafts", "requests", "waiting-for-me", "comments", "audit", "members", "tokens", "users"];

    // A policy owned by a new user, with Rows of everything each list holds (and a reviewer who is asked on every request).
    private sealed record World(Guid PolicyId, TestUser Owner, TestUser Reviewer, Guid RequestId, List<Guid> Drafts)
    {
        public (HttpClient Client, string Url) List(string list, HttpClient admin) => list switch
        {
            "policies" => (Owner.Client, "/api/policies"),
            "revisions" => (Owner.Client, $"/api/policies/{PolicyId}/revisions"),
            "drafts" => (Owner.Client, $"/api/policies/{PolicyId}/drafts"),
            "requests" => (Owner.Client, $"/api/policies/{PolicyId}/requests?all=true"),
            "waiting-for-me" => (Reviewer.Client, "/api/requests/waiting-for-me"),
            "comments" => (Owner.Client, $"/api/requests/{RequestId}/comments"),
            "audit" => (Owner.Client, $"/api/audit?policyId={PolicyId}&action=draft.&action=request.opened"),
            "members" => (Owner.Client, $"/api/policies/{PolicyId}/members"),
            "tokens" => (Owner.Client, "/api/account/tokens"),
            "users" => (admin, "/api/users"),
            _ => throw new ArgumentOutOfRangeException(nameof(list)),
        };
    }

    private async Task<World> WorldAsync()
    {
        var owner = await fixture.NewUserAsync("Owen Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var reviewer = await fixture.NewUserAsync("Rae Reviewer", policyId, PolicyRole.Reviewer);
        for (var i = 0; i < Rows; i++)
        {
            await owner.Client.NewPolicyAsync();
            await fixture.NewUserAsync($"Vi Viewer {i}", policyId, PolicyRole.Viewer);
            await fixture.TokenAsync(owner, TokenScope.Read);
            var published = await OpenDraftAsync(owner, policyId);
            await (await owner.Client.PublishAsync(published, new { message = $"revision {i}" })).ReadAsync(HttpStatusCode.Created);
        }
        var drafts = new List<Guid>();
        var reviews = fixture.App.Services.GetRequiredService<ReviewStore>();
        var requests = new List<Guid>();
        for (var i = 0; i < Rows; i++)
        {
            drafts.Add(await OpenDraftAsync(owner, policyId));
            var opened = await reviews.OpenAsync(owner.Actor, drafts[^1], $"request {i}", null, [reviewer.Id.ToString()], Token);
            Assert.True(opened.IsOk, opened.ToString());
            requests.Add(opened.Value.Id);
        }
        for (var i = 0; i < Rows; i++)
            await (await owner.Client.PostAsJsonAsync($"/api/requests/{requests[0]}/comments", new { body = $"comment {i}" }, Token)).ReadAsync(HttpStatusCode.Created);
        return new World(policyId, owner, reviewer, requests[0], drafts);
    }

    private static async Task<Guid> OpenDraftAsync(TestUser user, Guid policyId) =>
        (await (await user.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "paging" }, Token)).ReadAsync(HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    // Every row that sorts by a time gets the same one: only the id orders them, on every page.
    private async Task TieTimesAsync(World world)
    {
        var instant = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Token);
        await db.Drafts.Where(d => d.PolicyId == world.PolicyId).ExecuteUpdateAsync(u => u.SetProperty(d => d.CreatedAt, instant), Token);
        await db.ChangeRequests.Where(r => r.PolicyId == world.PolicyId).ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, instant), Token);
        await db.ReviewComments.Where(c => c.ChangeRequestId == world.RequestId).ExecuteUpdateAsync(u => u.SetProperty(c => c.CreatedAt, instant), Token);
        await db.PersonalAccessTokens.Where(t => t.UserId == world.Owner.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAt, instant), Token);
    }

    private static async Task<(JsonElement Page, HttpResponseMessage Response)> PageAsync(HttpClient client, string url, string query)
    {
        var response = await client.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query, Token);
        return (await response.ReadAsync(HttpStatusCode.OK), response);
    }

    private static List<string> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetRawText())];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Walking_pages_of_two_returns_every_row_once_in_the_order_of_one_big_page_even_when_times_tie(string list)
    {
        var world = await WorldAsync();
        await TieTimesAsync(world);
        var (client, url) = world.List(list, fixture.Client);

        var (whole, _) = await PageAsync(client, url, "limit=500");
        var walked = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var (page, response) = await PageAsync(client, url, "limit=2" + (next is null ? "" : "&cursor=" + next));
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 2);
            walked.AddRange(Items(page));
            next = page.GetProperty("next").GetString();
            var link = response.Headers.TryGetValues("Link", out var values) ? Assert.Single(values) : null;
            // The link is this request with the cursor set: the filters and the limit carry over.
            Assert.Equal(next is null ? null : $"<{url.Split('?')[0]}?{LinkQuery(url, next)}>; rel=\"next\"", link);
            pages++;
        }
        while (next is not null);

        Assert.True(Items(whole).Count >= Rows, $"{list} has {Items(whole).Count} rows");
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("next").ValueKind);
        Assert.Equal(Items(whole), walked);
        Assert.Equal((walked.Count + 1) / 2, pages);
    }

    private static string LinkQuery(string url, string next)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url.Split('?')[1] + "&" : "";
        return $"{query}limit=2&cursor={next}";
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_limit_outside_1_to_500_or_not_a_whole_number_is_a_400_at_limit_and_the_bounds_are_fine(string list)
    {
        var world = await WorldAsync();
        var (client, url) = world.List(list, fixture.Client);

        foreach (var limit in new[] { "0", "-1", "501", "100000", "ten", "1.5", "+5", "2147483648" })
        {
            var response = await client.GetAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}limit={Uri.EscapeDataString(limit)}", Token);
            Assert.Contains("1 to 500", (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("limit"), StringComparison.Ordinal);
        }
        Assert.Single(Items((await PageAsync(client, url, "limit=1")).Page));
        Assert.True(Items((await PageAsync(client, url, "limit=500")).Page).Count >= Rows);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_garbage_tampered_or_other_lists_cursor_is_a_400_at_cursor(string list)
    {
        var world = await WorldAsync();
        var (client, url) = world.List(list, fixture.Client);
        var next = (await PageAsync(client, url, "limit=1")).Page.GetProperty("next").GetString()!;
        var other = list == "tokens" ? world.List("policies", fixture.Client) : world.List("tokens", fixture.Client);
        var foreign = (await PageAsync(other.Client, other.Url, "limit=1")).Page.GetProperty("next").GetString()!;
        var tampered = next[..10] + (next[10] == 'A' ? 'B' : 'A') + next[11..];

        foreach (var cursor in new[] { "garbage!", "e30", tampered, foreign, next + next, new string('A', 2000) })
        {
            var response = await client.GetAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}cursor={Uri.EscapeDataString(cursor)}", Token);
            Assert.Contains("cursor", (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("cursor"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_50_and_says_where_the_next_starts()
    {
        var user = await fixture.NewUserAsync("Tina Tokens");
        var tokens = fixture.App.Services.GetRequiredService<AccessTokenStore>();
        for (var i = 0; i < 54; i++)
            Assert.True((await tokens.CreateAsync(user.Actor, $"token {i}", TokenScope.Read, ct: Token)).IsOk);

        var first = await (await user.Client.GetAsync("/api/account/tokens", Token)).ReadAsync(HttpStatusCode.OK);
        var second = await (await user.Client.GetAsync($"/api/account/tokens?cursor={first.GetProperty("next").GetString()}", Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(50, first.GetProperty("items").GetArrayLength());
        Assert.Equal(5, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task A_cursor_of_one_policys_list_is_refused_on_another_policys_and_gets_a_stranger_nothing()
    {
        var world = await WorldAsync();
        var otherPolicy = await world.Owner.Client.NewPolicyAsync();
        var stranger = await fixture.NewUserAsync("Sly Stranger");
        var next = (await PageAsync(world.Owner.Client, $"/api/policies/{world.PolicyId}/revisions", "limit=1")).Page.GetProperty("next").GetString();

        var elsewhere = await world.Owner.Client.GetAsync($"/api/policies/{otherPolicy}/revisions?cursor={next}", Token);
        var byStranger = await stranger.Client.GetAsync($"/api/policies/{world.PolicyId}/revisions?cursor={next}", Token);
        var allRequests = (await PageAsync(world.Owner.Client, $"/api/policies/{world.PolicyId}/requests?all=true", "limit=1")).Page.GetProperty("next").GetString();
        var activeRequests = await world.Owner.Client.GetAsync($"/api/policies/{world.PolicyId}/requests?cursor={allRequests}", Token);

        await elsewhere.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(byStranger.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.DoesNotContain("\"items\"", await byStranger.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await activeRequests.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_audit_cursor_holds_its_filters_and_is_refused_with_other_ones()
    {
        var world = await WorldAsync();
        var url = $"/api/audit?policyId={world.PolicyId}&action=draft.";
        var next = (await PageAsync(world.Owner.Client, url, "limit=1")).Page.GetProperty("next").GetString();

        var same = await world.Owner.Client.GetAsync($"{url}&cursor={next}", Token);
        var otherAction = await world.Owner.Client.GetAsync($"/api/audit?policyId={world.PolicyId}&action=request.&cursor={next}", Token);
        var noFilter = await world.Owner.Client.GetAsync($"/api/audit?policyId={world.PolicyId}&cursor={next}", Token);

        await same.ReadAsync(HttpStatusCode.OK);
        (await otherAction.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("cursor");
        (await noFilter.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("cursor");
    }

    [Fact]
    public async Task A_draft_opened_or_abandoned_between_pages_neither_repeats_nor_hides_the_drafts_that_stay()
    {
        var world = await WorldAsync();
        var url = $"/api/policies/{world.PolicyId}/drafts";
        // Three plain drafts, the newest: the first page holds two of them, the third (with no request on it) is abandoned unseen.
        var plain = new List<Guid>();
        for (var i = 0; i < 3; i++)
            plain.Add(await OpenDraftAsync(world.Owner, world.PolicyId));
        var before = Ids(await world.Owner.Client.AllPagesAsync(url));
        var (first, _) = await PageAsync(world.Owner.Client, url, "limit=2");
        var seen = Ids(first.GetProperty("items").EnumerateArray());

        var opened = await OpenDraftAsync(world.Owner, world.PolicyId);
        var abandoned = Assert.Single(plain.Except(seen));
        using (var abandon = ApiSteps.WithVersion(HttpMethod.Delete, $"/api/drafts/{abandoned}", 1))
            await (await world.Owner.Client.SendAsync(abandon, Token)).ReadAsync(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetString();
        while (next is not null)
        {
            var (page, _) = await PageAsync(world.Owner.Client, url, $"limit=2&cursor={next}");
            seen.AddRange(Ids(page.GetProperty("items").EnumerateArray()));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(before.Except([abandoned]).Order(), seen.Order());
        Assert.DoesNotContain(opened, seen);
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("id").GetGuid())];

    [Fact]
    public async Task The_request_comments_list_is_for_viewers_of_the_policy_only()
    {
        var world = await WorldAsync();
        var stranger = await fixture.NewUserAsync("Sly Stranger");

        var byStranger = await stranger.Client.GetAsync($"/api/requests/{world.RequestId}/comments", Token);
        var missing = await world.Owner.Client.GetAsync($"/api/requests/{Guid.NewGuid()}/comments", Token);
        var comments = await world.Owner.Client.AllPagesAsync($"/api/requests/{world.RequestId}/comments");

        Assert.Contains(byStranger.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"comment {i}"), comments.Select(c => c.GetProperty("body").GetString()));
    }
}

public sealed class PagingApiSqliteTests(SqliteApp fixture) : PagingApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class PagingApiPostgresTests(PostgresApp fixture) : PagingApiTests(fixture), IClassFixture<PostgresApp>;
