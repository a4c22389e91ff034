using System.Net;
using System.Text.Json;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>An app for the corpus, with the <see cref="CorpusWorld"/> its requests aim at, made once on first use.</summary>
public abstract class CorpusApp(TestDatabase database) : AppFixture(database)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CorpusWorld? _world;

    /// <summary>The world, made on first call.</summary>
    public async Task<CorpusWorld> WorldAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _world ??= await CorpusWorld.CreateAsync(this);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The corpus app on SQLite.</summary>
public sealed class CorpusSqliteApp() : CorpusApp(new SqliteTestDatabase());

/// <summary>The corpus app on PostgreSQL.</summary>
public sealed class CorpusPostgresApp() : CorpusApp(new PostgresTestDatabase());

/// <summary>
/// Every case of <see cref="BadInputCorpus"/> over real HTTP: a 4xx problem (<c>application/problem+json</c>) whose <c>errors</c>
/// name the field, and the database exactly as it was (the row count of every table, every draft's version, policies and members).
/// </summary>
public abstract class BadInputCorpusTests(CorpusApp fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The names of the cases enforced today.</summary>
    public static TheoryData<string> Enforced => [.. BadInputCorpus.Cases.Keys];

    /// <summary>The names of the AWS-limit cases.</summary>
    public static TheoryData<string> Limits => [.. BadInputCorpus.LimitCases.Keys];

    [Theory]
    [MemberData(nameof(Enforced))]
    public Task Bad_input_is_a_4xx_naming_the_field_and_stores_nothing(string name) => RefusedAsync(BadInputCorpus.Cases[name]);

    [Theory]
    [MemberData(nameof(Limits))]
    public Task Input_over_an_aws_limit_is_a_4xx_naming_the_field_and_stores_nothing(string name) => RefusedAsync(BadInputCorpus.LimitCases[name]);

    [Fact]
    public async Task The_corpus_has_at_least_200_cases_and_each_body_it_spoils_is_accepted_as_it_is()
    {
        Assert.True(BadInputCorpus.Cases.Count >= 200, $"{BadInputCorpus.Cases.Count} cases");
        // Every endpoint's unspoilt body is accepted (by a preview for the import), so a refusal is the spoilt field's doing.
        var world = await fixture.WorldAsync();
        foreach (var endpoint in BadInputCorpus.Endpoints.Values.Where(e => e.Kind == CorpusBody.ImportFile))
        {
            using var request = await world.RequestAsync(endpoint, null);
            request.RequestUri = new Uri(request.RequestUri!.OriginalString + "?preview=true", UriKind.Relative);
            ((MultipartFormDataContent)request.Content!).Add(new StringContent("true"), "preview");
            var response = await world.ClientOf(endpoint.Caller).SendAsync(request, Token);
            await response.ReadAsync(HttpStatusCode.OK);
        }
    }

    private async Task RefusedAsync(BadInputCase spoilt)
    {
        var world = await fixture.WorldAsync();
        var endpoint = BadInputCorpus.Endpoints[spoilt.Endpoint];
        var before = await StoredState.ReadAsync(fixture.App.Services, Token);

        using var request = await world.RequestAsync(endpoint, spoilt);
        using var response = await world.ClientOf(endpoint.Caller).SendAsync(request, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        TestContext.Current.TestOutputHelper?.WriteLine($"corpus-status {(int)response.StatusCode} {spoilt.Name}");

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{spoilt.Name}: expected a 4xx, got {status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        Assert.True(errors.Any(key => Names(key, spoilt.Field)), $"{spoilt.Name}: no error names '{spoilt.Field}' ({status}): {body}");
        var after = await StoredState.ReadAsync(fixture.App.Services, Token);
        Assert.True(before == after || before.Lines.SequenceEqual(after.Lines), $"{spoilt.Name} stored something: {after.DifferenceFrom(before)}");
    }

    // An error key names the field when it is the field's path or ends with it ("groups[sg-1].rules[sgr-2].fromPort"), or when
    // it points inside it ("groups[sg-1].tags[env]" names "tags"); a file's name in front ("policy.json: …") is allowed.
    private static bool Names(string key, string field) =>
        field.Split('|').Any(f => key.EndsWith(f, StringComparison.OrdinalIgnoreCase)
            || key.Contains(f + "[", StringComparison.OrdinalIgnoreCase)
            || key.Contains(f + ".", StringComparison.OrdinalIgnoreCase));
}

public sealed class BadInputCorpusSqliteTests(CorpusSqliteApp fixture) : BadInputCorpusTests(fixture), IClassFixture<CorpusSqliteApp>;

public sealed class BadInputCorpusPostgresTests(CorpusPostgresApp fixture) : BadInputCorpusTests(fixture), IClassFixture<CorpusPostgresApp>;
