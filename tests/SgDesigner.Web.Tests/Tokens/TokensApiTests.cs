using System.Net;
using System.Net.Http.Json;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Tokens;

public abstract class TokensApiTests(AppFixture fixture)
{
    private const string Tokens = "/api/account/tokens";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_token_is_returned_once_listed_by_its_prefix_works_and_stops_working_when_revoked()
    {
        var user = await fixture.NewUserAsync("Tia Tokens");

        var created = await (await user.Client.PostAsJsonAsync(Tokens, new { name = "CI deploy", scope = "write" }, Token)).ReadAsync(HttpStatusCode.Created);

        var secret = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("info").GetProperty("id").GetGuid();
        Assert.StartsWith("sgd_pat_", secret, StringComparison.Ordinal);
        var listedBody = await (await user.Client.GetAsync(Tokens, Token)).Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(secret, listedBody, StringComparison.Ordinal);
        var listed = (await user.Client.AllPagesAsync(Tokens)).Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(("CI deploy", "write"), (listed.GetProperty("name").GetString(), listed.GetProperty("scope").GetString()));
        Assert.StartsWith(listed.GetProperty("prefix").GetString()!, secret, StringComparison.Ordinal);

        using var automation = fixture.ClientWithToken(secret);
        await (await automation.GetAsync(Tokens, Token)).ReadAsync(HttpStatusCode.OK);
        var revoked = await (await user.Client.DeleteAsync($"{Tokens}/{id}", Token)).ReadAsync(HttpStatusCode.OK);

        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await automation.GetAsync(Tokens, Token)).StatusCode);
    }

    [Fact]
    public async Task Each_user_lists_only_their_own_tokens()
    {
        var one = await fixture.NewUserAsync("Una One");
        var two = await fixture.NewUserAsync("Tom Two");
        await (await one.Client.PostAsJsonAsync(Tokens, new { name = "una's script", scope = "read" }, Token)).ReadAsync(HttpStatusCode.Created);

        var listed = await two.Client.AllPagesAsync(Tokens);

        Assert.DoesNotContain(listed, t => t.GetProperty("name").GetString() == "una's script");
        Assert.All(listed, t => Assert.Equal(two.Id, t.GetProperty("userId").GetGuid()));
    }

    [Fact]
    public async Task A_read_only_token_cannot_create_or_revoke_tokens_but_a_write_token_can_create_one()
    {
        var user = await fixture.NewUserAsync("Rae Reader");
        using var reader = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Read));

        var byReader = await reader.PostAsJsonAsync(Tokens, new { name = "escalation", scope = "write" }, Token);
        var byWriter = await user.Client.PostAsJsonAsync(Tokens, new { name = "rotation", scope = "write" }, Token);

        Assert.Contains("read-only", (await byReader.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var created = await byWriter.ReadAsync(HttpStatusCode.Created);
        var revokeByReader = await reader.DeleteAsync($"{Tokens}/{created.GetProperty("info").GetProperty("id").GetGuid()}", Token);
        await revokeByReader.ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync(Tokens, Token)).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_bound_to_a_policy_creates_only_tokens_bound_to_that_policy()
    {
        var policyId = await fixture.Client.NewPolicyAsync();
        var user = await fixture.NewUserAsync("Bo Bound", policyId, PolicyRole.Editor);
        using var bound = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Write, policyId));

        var unbound = await bound.PostAsJsonAsync(Tokens, new { name = "wider", scope = "write" }, Token);
        var same = await bound.PostAsJsonAsync(Tokens, new { name = "same policy", scope = "read", policyId }, Token);

        await unbound.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(policyId, (await same.ReadAsync(HttpStatusCode.Created)).GetProperty("info").GetProperty("policyId").GetGuid());
    }

    [Fact]
    public async Task Someone_elses_token_is_revoked_only_by_an_administrator()
    {
        var owner = await fixture.NewUserAsync("Owen Owner");
        var other = await fixture.NewUserAsync("Pat Peer");
        var created = await (await owner.Client.PostAsJsonAsync(Tokens, new { name = "owen's", scope = "read" }, Token)).ReadAsync(HttpStatusCode.Created);
        var uri = $"{Tokens}/{created.GetProperty("info").GetProperty("id").GetGuid()}";

        await (await other.Client.DeleteAsync(uri, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Client.DeleteAsync(uri, Token)).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_requests_are_refused_at_their_field_and_anonymous_callers_must_sign_in()
    {
        var user = await fixture.NewUserAsync("Bea Bad");

        var noScope = await (await user.Client.PostAsJsonAsync(Tokens, new { name = "x" }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var noName = await (await user.Client.PostAsJsonAsync(Tokens, new { name = " ", scope = "read" }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var past = await (await user.Client.PostAsJsonAsync(Tokens, new { name = "old", scope = "read", expiresAt = "2020-01-01T00:00:00Z" }, Token))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("read or write", noScope.ErrorAt("scope"), StringComparison.Ordinal);
        Assert.Contains("name", noName.ErrorAt("name"), StringComparison.Ordinal);
        Assert.Contains("future", past.ErrorAt("expiresAt"), StringComparison.Ordinal);
        await (await fixture.Anonymous.GetAsync(Tokens, Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Anonymous.PostAsJsonAsync(Tokens, new { name = "x", scope = "read" }, Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Creating_and_revoking_a_token_is_written_to_the_audit_trail_without_the_token()
    {
        var user = await fixture.NewUserAsync("Aude Audit");
        var created = await (await user.Client.PostAsJsonAsync(Tokens, new { name = "audited", scope = "read" }, Token)).ReadAsync(HttpStatusCode.Created);
        var id = created.GetProperty("info").GetProperty("id").GetGuid();
        await (await user.Client.DeleteAsync($"{Tokens}/{id}", Token)).ReadAsync(HttpStatusCode.OK);

        var entries = (await fixture.Client.AuditAsync($"action=token.&actor={user.Id}"))
            .Where(e => e.GetProperty("targetId").GetString() == id.ToString()).ToList();

        Assert.Equal(["token.revoked", "token.created"], entries.Actions());
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, string.Concat(entries.Select(e => e.GetRawText())), StringComparison.Ordinal);
    }
}

public sealed class TokensApiSqliteTests(SqliteApp fixture) : TokensApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class TokensApiPostgresTests(PostgresApp fixture) : TokensApiTests(fixture), IClassFixture<PostgresApp>;
