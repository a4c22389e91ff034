using System.Net;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Idempotency;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> over real HTTP: a retry with the same key gets the first response and creates nothing; the key
/// for anything else is 422, while the first runs 409; only successes are kept; keys are per user; bodies are encrypted.
/// </summary>
public abstract class IdempotencyApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, key);
        return request;
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private async Task<T> InDatabaseAsync<T>(Func<SgDbContext, Task<T>> query)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Token);
        return await query(db);
    }

    private Task<int> AuditCountAsync() => InDatabaseAsync(db => db.AuditEntries.CountAsync(Token));

    private static CreatingEndpoint Endpoint(string name) => IdempotentEndpoints.All[name];

    [Theory]
    [MemberData(nameof(IdempotentEndpoints.Names), MemberType = typeof(IdempotentEndpoints))]
    public async Task A_retry_with_the_same_key_gets_the_first_response_and_creates_nothing(string name)
    {
        var endpoint = Endpoint(name);
        var request = await endpoint.Prepare(fixture, fixture.Admin);
        var key = NewKey();
        var (countBefore, auditBefore) = (await InDatabaseAsync(endpoint.Count), await AuditCountAsync());

        using var first = await fixture.Client.SendAsync(WithKey(request(), key), Token);
        var firstBody = await first.Content.ReadAsStringAsync(Token);
        var (countAfterFirst, auditAfterFirst) = (await InDatabaseAsync(endpoint.Count), await AuditCountAsync());
        using var retry = await fixture.Client.SendAsync(WithKey(request(), key), Token);

        Assert.True(first.IsSuccessStatusCode, $"{name}: {(int)first.StatusCode} {firstBody}");
        Assert.False(first.Headers.Contains(IdempotencyKey.ReplayedHeader));
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync(Token));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotencyKey.ReplayedHeader)));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.Equal(countBefore + 1, countAfterFirst);
        Assert.Equal(countAfterFirst, await InDatabaseAsync(endpoint.Count));
        Assert.True(auditAfterFirst > auditBefore, $"{name} audits nothing");
        Assert.Equal(auditAfterFirst, await AuditCountAsync());
    }

    [Theory]
    [MemberData(nameof(IdempotentEndpoints.Names), MemberType = typeof(IdempotentEndpoints))]
    public async Task The_same_key_on_another_endpoint_is_422_and_creates_nothing_there(string name)
    {
        var key = NewKey();
        var other = name == "CreatePolicy" ? Endpoint("CreateAccessToken") : Endpoint("CreatePolicy");
        var request = await Endpoint(name).Prepare(fixture, fixture.Admin);
        var otherRequest = await other.Prepare(fixture, fixture.Admin);
        using (var first = await fixture.Client.SendAsync(WithKey(request(), key), Token))
            Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync(Token));
        var before = await InDatabaseAsync(other.Count);

        var problem = await (await fixture.Client.SendAsync(WithKey(otherRequest(), key), Token)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(IdempotencyKey.Header, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await InDatabaseAsync(other.Count));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_creates_nothing()
    {
        var key = NewKey();
        var first = await IdempotentEndpoints.Json("/api/policies", new { name = $"first {key}" });
        var second = await IdempotentEndpoints.Json("/api/policies", new { name = $"second {key}" });
        await (await fixture.Client.SendAsync(WithKey(first(), key), Token)).ReadAsync(HttpStatusCode.Created);
        var policies = await InDatabaseAsync(db => db.Policies.CountAsync(Token));

        var problem = await (await fixture.Client.SendAsync(WithKey(second(), key), Token)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("different request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(policies, await InDatabaseAsync(db => db.Policies.CountAsync(Token)));
        Assert.False(await InDatabaseAsync(db => db.Policies.AnyAsync(p => p.Name == $"second {key}", Token)));
    }

    [Fact]
    public async Task Two_users_with_the_same_key_each_create_their_own()
    {
        var key = NewKey();
        var other = await fixture.NewUserAsync("Kim Key");
        var request = await IdempotentEndpoints.Json("/api/account/tokens", new { name = $"ci {key}", scope = "read" });

        var mine = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);
        var theirs = await (await other.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);

        Assert.NotEqual(mine.GetProperty("token").GetString(), theirs.GetProperty("token").GetString());
        Assert.Equal(2, await InDatabaseAsync(db => db.PersonalAccessTokens.CountAsync(t => t.Name == $"ci {key}", Token)));
    }

    [Fact]
    public async Task A_key_belongs_to_the_user_but_its_result_only_to_the_token_that_made_it()
    {
        var key = NewKey();
        var user = await fixture.NewUserAsync("Tom Tokens");
        var secondToken = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Write));
        var request = await IdempotentEndpoints.Json("/api/account/tokens", new { name = $"by one token {key}", scope = "read" });

        var first = await (await user.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);
        var problem = await (await secondToken.SendAsync(WithKey(request(), key), Token)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var replay = await (await user.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);

        Assert.Contains("another of your credentials", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("token").GetString()!, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("token").GetString(), replay.GetProperty("token").GetString());
        Assert.Equal(1, await InDatabaseAsync(db => db.PersonalAccessTokens.CountAsync(t => t.Name == $"by one token {key}", Token)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("\"\"")]
    public async Task A_malformed_key_is_400_naming_the_header_and_creates_nothing(string key)
    {
        var request = await IdempotentEndpoints.Json("/api/policies", new { name = $"never {Guid.NewGuid():N}" });
        var policies = await InDatabaseAsync(db => db.Policies.CountAsync(Token));

        var problem = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("characters", problem.ErrorAt(IdempotencyKey.Header), StringComparison.Ordinal);
        Assert.Equal(policies, await InDatabaseAsync(db => db.Policies.CountAsync(Token)));
    }

    [Fact]
    public async Task A_key_of_256_characters_is_400_and_of_255_is_accepted_quoted_or_not()
    {
        var request = await IdempotentEndpoints.Json("/api/policies", new { name = $"long key {Guid.NewGuid():N}" });
        var longest = new string('k', 254) + Random.Shared.Next(10);

        var problem = await (await fixture.Client.SendAsync(WithKey(request(), longest + "x"), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var created = await (await fixture.Client.SendAsync(WithKey(request(), longest), Token)).ReadAsync(HttpStatusCode.Created);
        using var quoted = await fixture.Client.SendAsync(WithKey(request(), $"\"{longest}\""), Token);

        Assert.Contains("1 to 255", problem.ErrorAt(IdempotencyKey.Header), StringComparison.Ordinal);
        Assert.Equal(created.GetProperty("id").GetGuid(), (await quoted.ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        Assert.True(quoted.Headers.Contains(IdempotencyKey.ReplayedHeader));
    }

    [Fact]
    public async Task A_failed_first_request_keeps_nothing_so_a_good_retry_with_the_same_key_creates_once()
    {
        var key = NewKey();
        var bad = await IdempotentEndpoints.Json("/api/policies", new { name = "" });
        var good = await IdempotentEndpoints.Json("/api/policies", new { name = $"second try {key}" });

        await (await fixture.Client.SendAsync(WithKey(bad(), key), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(await InDatabaseAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == key, Token)));
        var created = await (await fixture.Client.SendAsync(WithKey(good(), key), Token)).ReadAsync(HttpStatusCode.Created);
        using var replay = await fixture.Client.SendAsync(WithKey(good(), key), Token);

        Assert.Equal(created.GetProperty("id").GetGuid(), (await replay.ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        Assert.Equal(1, await InDatabaseAsync(db => db.Policies.CountAsync(p => p.Name == $"second try {key}", Token)));
    }

    [Fact]
    public async Task While_the_first_request_runs_the_same_one_is_409_with_retry_after()
    {
        var key = NewKey();
        var request = await IdempotentEndpoints.Json("/api/policies", new { name = $"running {key}" });
        await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);
        // The record as it is while its request runs.
        await InDatabaseAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, IdempotencyState.Pending), Token));

        using var response = await fixture.Client.SendAsync(WithKey(request(), key), Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("still running", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(1, await InDatabaseAsync(db => db.Policies.CountAsync(p => p.Name == $"running {key}", Token)));
    }

    [Fact]
    public async Task Two_imports_sent_at_once_with_one_key_create_one_policy()
    {
        var key = NewKey();
        var name = $"raced import {key}";
        var request = await IdempotentEndpoints.Import(name);

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => fixture.Client.SendAsync(WithKey(request(), key), Token)));

        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Created]) || statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]),
            string.Join(", ", statuses));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(IdempotencyKey.ReplayedHeader));
        Assert.Equal(1, await InDatabaseAsync(db => db.Policies.CountAsync(p => p.Name == name, Token)));
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task A_replayed_token_creation_returns_the_same_secret_which_is_not_stored_in_plain_text()
    {
        var key = NewKey();
        var request = await IdempotentEndpoints.Json("/api/account/tokens", new { name = $"secret {key}", scope = "read" });

        var first = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);
        var replay = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);

        var secret = first.GetProperty("token").GetString()!;
        Assert.Equal(secret, replay.GetProperty("token").GetString());
        Assert.Equal(1, await InDatabaseAsync(db => db.PersonalAccessTokens.CountAsync(t => t.Name == $"secret {key}", Token)));
        var rows = await InDatabaseAsync(db => db.IdempotencyRecords.AsNoTracking().ToListAsync(Token));
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var text = string.Join('\n', row.Key, row.Endpoint, row.RequestHash, row.ContentType, row.Location, row.ETag,
                Encoding.UTF8.GetString(row.ProtectedBody ?? []), Encoding.Latin1.GetString(row.ProtectedBody ?? []), Convert.ToBase64String(row.ProtectedBody ?? []));
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[^20..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_kept_result_that_cannot_be_decrypted_is_422_and_nothing_is_created_again()
    {
        var key = NewKey();
        var request = await IdempotentEndpoints.Json("/api/account/tokens", new { name = $"lost keys {key}", scope = "read" });
        await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);
        // What another key ring (keys lost or rotated away) would have written.
        var foreign = DataProtectionProvider.Create("another app").CreateProtector(IdempotencyFilter.Purpose).Protect("{}"u8.ToArray());
        await InDatabaseAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProtectedBody, foreign), Token));

        var problem = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("cannot be shown again", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await InDatabaseAsync(db => db.PersonalAccessTokens.CountAsync(t => t.Name == $"lost keys {key}", Token)));
    }

    [Fact]
    public async Task An_expired_key_runs_the_request_again()
    {
        var key = NewKey();
        var request = await IdempotentEndpoints.Json("/api/policies", new { name = $"expiring {key}" });
        var first = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadAsync(HttpStatusCode.Created);
        await InDatabaseAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Token));

        // The name is taken by the first policy: the request really ran again, and was refused as a new one would be.
        var problem = await (await fixture.Client.SendAsync(WithKey(request(), key), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("already exists", problem.ErrorAt("name"), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await InDatabaseAsync(db => db.Policies.SingleAsync(p => p.Name == $"expiring {key}", Token))).Id);
    }

    [Fact]
    public async Task Without_a_key_every_request_runs()
    {
        var request = await IdempotentEndpoints.Json("/api/account/tokens", new { name = $"no key {Guid.NewGuid():N}", scope = "read" });

        await (await fixture.Client.SendAsync(request(), Token)).ReadAsync(HttpStatusCode.Created);
        using var again = await fixture.Client.SendAsync(request(), Token);

        await again.ReadAsync(HttpStatusCode.Created);
        Assert.False(again.Headers.Contains(IdempotencyKey.ReplayedHeader));
    }
}

public sealed class IdempotencyApiSqliteTests(SqliteApp fixture) : IdempotencyApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class IdempotencyApiPostgresTests(PostgresApp fixture) : IdempotencyApiTests(fixture), IClassFixture<PostgresApp>;
