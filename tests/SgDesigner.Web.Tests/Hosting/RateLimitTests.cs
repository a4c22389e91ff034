using System.Net;
using System.Net.Http.Json;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>The app with low limits: sign-in attempts and token creation beyond them get 429 with Retry-After.</summary>
public sealed class RateLimitedApp() : AppFixture(new SqliteTestDatabase(), new Dictionary<string, string?>
{
    ["RateLimits:SignIn"] = "3",
    ["RateLimits:TokenCreation"] = "2",
});

public sealed class RateLimitTests(RateLimitedApp fixture) : IClassFixture<RateLimitedApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_fourth_sign_in_attempt_in_a_minute_is_refused_with_retry_after()
    {
        using var client = fixture.App.CreateHttpClient();
        async Task<HttpResponseMessage> AttemptAsync() => await client.PostAsync("/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "nobody@example.test", ["Input.Password"] = "wrong" }), Token);

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            allowed.Add((await AttemptAsync()).StatusCode);
        var refused = await AttemptAsync();

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, allowed);
        await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, refused.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task Token_creation_is_limited_per_user()
    {
        var user = await fixture.NewUserAsync("Tess Tokens");
        var other = await fixture.NewUserAsync("Otto Other");
        async Task<HttpStatusCode> CreateAsync(TestUser who) =>
            (await who.Client.PostAsJsonAsync("/api/account/tokens", new { name = $"ci {Guid.NewGuid():N}", scope = "read" }, Token)).StatusCode;

        var first = await CreateAsync(user);
        var second = await CreateAsync(user);
        var third = await CreateAsync(user);
        var someoneElse = await CreateAsync(other);

        Assert.Equal((HttpStatusCode.TooManyRequests, false), (third, first == HttpStatusCode.TooManyRequests || second == HttpStatusCode.TooManyRequests));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, someoneElse);
    }
}
