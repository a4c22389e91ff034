using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Tokens;

/// <summary>
/// A personal access token is for the API only and never turns into more than it is: no browser session, no wider
/// token, no policy of its own beyond its binding, and no way for a stranger's wrong passwords to switch it off.
/// </summary>
public abstract class TokenLimitsTests(AppFixture fixture)
{
    private const string Tokens = "/api/account/tokens";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bearer_token_alone_opens_no_page_no_account_page_and_no_blazor_hub_but_the_api()
    {
        var policyId = await fixture.Client.DemoPolicyIdAsync();
        using var bearer = NoRedirects(fixture.App.BaseAddress);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.TokenAsync(fixture.Admin, TokenScope.Write));

        foreach (var page in new[] { "/", $"/policies/{policyId}", "/account/tokens" })
        {
            var response = await bearer.GetAsync(page, Token);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} with a bearer token only: {(int)response.StatusCode}, expected a redirect to sign in");
            Assert.Equal("/account/sign-in", new Uri(fixture.App.BaseAddress, response.Headers.Location!).AbsolutePath);
        }
        var hub = await bearer.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Token);
        Assert.True(hub.StatusCode == HttpStatusCode.Unauthorized, $"{hub.StatusCode} {hub.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/policies", Token)).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_session_opens_the_blazor_hub_and_creates_any_token()
    {
        using var browser = await fixture.SignedInBrowserAsync(await fixture.NewUserAsync("Sid Session"));
        using var session = NoRedirects(fixture.App.BaseAddress, browser.Cookies);

        var negotiated = await session.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Token);
        var created = await session.PostAsJsonAsync(Tokens, new { name = "from the browser", scope = "write" }, Token);

        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await created.ReadAsync(HttpStatusCode.Created)).GetProperty("info").GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task A_read_token_creates_imports_renames_and_deletes_nothing()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        using var reader = fixture.ClientWithToken(await fixture.TokenAsync(fixture.Admin, TokenScope.Read));
        var before = await PolicyIdsAsync();

        var refusals = new[]
        {
            await reader.PostAsJsonAsync("/api/policies", new { name = $"by a reader {Guid.NewGuid():N}" }, Token),
            await reader.PostAsync("/api/policies/import", ImportApiTests.Form(ImportApiTests.SampleSet("batfish-test-subnet")), Token),
            await reader.PutAsJsonAsync($"/api/policies/{policyId}", new { name = $"renamed {Guid.NewGuid():N}" }, Token),
            await reader.DeleteAsync($"/api/policies/{policyId}", Token),
            await reader.PutAsJsonAsync($"/api/policies/{policyId}/settings", new { requiredApprovals = 0 }, Token),
            await reader.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "by a reader" }, Token),
            await reader.PostAsJsonAsync(Tokens, new { name = "by a reader", scope = "read" }, Token),
        };

        foreach (var refused in refusals)
            Assert.Contains("access token", (await refused.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await PolicyIdsAsync());
    }

    [Fact]
    public async Task A_bound_token_creates_and_imports_no_policy_and_sees_and_revokes_only_itself()
    {
        var owner = await fixture.NewUserAsync("Bea Bound");
        var policyId = await owner.Client.NewPolicyAsync();
        var otherToken = (await owner.Client.GetFromJsonAsync<JsonElement>(Tokens, Token)).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        using var bound = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Write, policyId));
        var before = await PolicyIdsAsync();

        var create = await bound.PostAsJsonAsync("/api/policies", new { name = $"escape {Guid.NewGuid():N}" }, Token);
        var import = await bound.PostAsync("/api/policies/import", ImportApiTests.Form(ImportApiTests.SampleSet("batfish-test-subnet")), Token);
        var listed = await (await bound.GetAsync(Tokens, Token)).ReadAsync(HttpStatusCode.OK);
        var revokeOther = await bound.DeleteAsync($"{Tokens}/{otherToken}", Token);

        Assert.Contains("one policy", (await create.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("one policy", (await import.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await PolicyIdsAsync());
        var self = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(policyId, self.GetProperty("policyId").GetGuid());
        Assert.Contains("revoke itself", (await revokeOther.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await owner.Client.GetAsync(Tokens, Token)).ReadAsync(HttpStatusCode.OK);
        await (await bound.DeleteAsync($"{Tokens}/{self.GetProperty("id").GetGuid()}", Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bound.GetAsync(Tokens, Token)).StatusCode);
    }

    [Fact]
    public async Task An_expiring_token_creates_only_tokens_that_expire_no_later_and_says_so()
    {
        var user = await fixture.NewUserAsync("Eve Expiring");
        var expiry = DateTime.UtcNow.AddHours(1);
        using var expiring = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Write, expiresAt: expiry));

        var forever = await expiring.PostAsJsonAsync(Tokens, new { name = "forever", scope = "write" }, Token);
        var later = await expiring.PostAsJsonAsync(Tokens, new { name = "later", scope = "write", expiresAt = expiry.AddHours(1) }, Token);
        var sooner = await expiring.PostAsJsonAsync(Tokens, new { name = "sooner", scope = "read", expiresAt = expiry.AddMinutes(-30) }, Token);

        Assert.Contains("expire no later", (await forever.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await later.ReadProblemAsync(HttpStatusCode.Forbidden);
        await sooner.ReadAsync(HttpStatusCode.Created);
        var names = (await (await user.Client.GetAsync(Tokens, Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString());
        Assert.DoesNotContain("forever", names);
        Assert.DoesNotContain("later", names);
    }

    [Fact]
    public async Task A_bound_token_creates_no_token_for_another_policy_and_a_read_token_no_write_token()
    {
        var user = await fixture.NewUserAsync("Ned Narrow");
        var mine = await user.Client.NewPolicyAsync();
        var other = await user.Client.NewPolicyAsync();
        using var bound = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Write, mine));
        using var reader = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Read));

        var elsewhere = await bound.PostAsJsonAsync(Tokens, new { name = "elsewhere", scope = "write", policyId = other }, Token);
        var wider = await reader.PostAsJsonAsync(Tokens, new { name = "wider", scope = "write" }, Token);

        Assert.Contains(mine.ToString(), (await elsewhere.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("read-only", (await wider.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_password_sign_in_but_not_the_tokens()
    {
        var user = await fixture.NewUserAsync("Lee Locked");
        using var browser = new Accounts.BrowserForm(fixture.App.BaseAddress);
        var wrong = new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = "typed by a stranger" };
        for (var attempt = 1; attempt <= 5; attempt++)
            await browser.SubmitAsync("/account/sign-in", "sign-in", wrong);

        var right = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        var automation = await user.Client.GetAsync("/api/policies", Token);

        Assert.Contains("locked after 5 failed sign-ins", await right.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, automation.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await user.Client.PostAsJsonAsync("/api/policies", new { name = $"while locked {Guid.NewGuid():N}" }, Token)).StatusCode);
    }

    [Fact]
    public async Task An_api_delete_is_audited_with_the_calling_user()
    {
        var user = await fixture.NewUserAsync("Del Deleter");
        var policyId = await user.Client.NewPolicyAsync();

        await (await user.Client.SendIfMatchAsync(HttpMethod.Delete, $"/api/policies/{policyId}", $"/api/policies/{policyId}")).ReadAsync(HttpStatusCode.NoContent);

        var deletion = Assert.Single(await fixture.Client.AuditAsync("action=policy.deleted"), e => e.GetProperty("targetId").GetString() == policyId.ToString());
        Assert.Equal(user.Id, deletion.GetProperty("actorUserId").GetGuid());
        Assert.Contains("Del Deleter", deletion.GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<Guid>> PolicyIdsAsync() =>
        [.. (await fixture.Client.AllPagesAsync("/api/policies")).Select(p => p.GetProperty("id").GetGuid()).Order()];

    private static HttpClient NoRedirects(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = baseAddress };
}

public sealed class TokenLimitsSqliteTests(SqliteApp fixture) : TokenLimitsTests(fixture), IClassFixture<SqliteApp>;

public sealed class TokenLimitsPostgresTests(PostgresApp fixture) : TokenLimitsTests(fixture), IClassFixture<PostgresApp>;
