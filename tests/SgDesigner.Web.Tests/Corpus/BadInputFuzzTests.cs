using System.Net;
using System.Text.Json;
using CsCheck;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>An app of its own for the fuzz, whose accepted bodies change the draft the corpus must find as it was.</summary>
public sealed class FuzzSqliteApp() : CorpusApp(new SqliteTestDatabase());

/// <summary>The fuzz's app on PostgreSQL.</summary>
public sealed class FuzzPostgresApp() : CorpusApp(new PostgresTestDatabase());

/// <summary>
/// Random bodies (<see cref="RandomBodies"/>) at the group, rule and import endpoints over real HTTP: never a 5xx; every 400 is a
/// problem whose <c>errors</c> name at least one field; and a refused request stores nothing. A fixed seed and a modest count keep
/// the run short and repeatable; a failure prints the seed and the body (CsCheck), so it can be replayed.
/// </summary>
public abstract class BadInputFuzzTests(CorpusApp fixture)
{
    private const string Seed = "0000HetdyuDF";
    private const int Iterations = 60;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public Task Random_group_bodies_never_get_a_5xx_and_every_400_names_a_field() => FuzzAsync("CreateGroup", "UpdateGroup");

    [Fact]
    public Task Random_rule_bodies_never_get_a_5xx_and_every_400_names_a_field() => FuzzAsync("CreateRule", "PutRule", "CreateIcmpRule");

    [Fact]
    public Task Random_import_files_never_get_a_5xx_and_every_400_names_a_field() => FuzzAsync("ImportDocument", "ImportAws");

    private async Task FuzzAsync(params string[] endpointNames)
    {
        var world = await fixture.WorldAsync();
        var endpoints = endpointNames.Select(n => BadInputCorpus.Endpoints[n]).ToArray();
        var requests = Gen.OneOf(endpoints.Select(e =>
            (e.Kind == CorpusBody.ImportFile ? RandomBodies.Inside(e.Body) : RandomBodies.Around(e.Body)).Select(body => (Endpoint: e, Body: body))).ToArray());
        var statuses = new SortedDictionary<int, int>();
        // One sample of the whole sequence from the fixed seed: the same requests in the same order on every run and provider.
        await requests.Array[Iterations].SampleAsync(
            async samples =>
            {
                foreach (var (sample, i) in samples.Select((s, i) => (s, i)))
                {
                    int status;
                    try
                    {
                        status = await SendAsync(world, sample.Endpoint, sample.Body);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        var body = sample.Body.Length > 600 ? sample.Body[..600] + "…" : sample.Body;
                        throw new InvalidOperationException($"request {i + 1} of seed {Seed}, {sample.Endpoint.Name} with {body}: {e.Message}", e);
                    }
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            },
            seed: Seed, iter: 1, threads: 1, print: samples => $"{samples.Length} requests from seed {Seed}");
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz-statuses {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");
    }

    private async Task<int> SendAsync(CorpusWorld world, CorpusEndpoint endpoint, string body)
    {
        var before = await StoredState.ReadAsync(fixture.App.Services, Token);
        using var request = await world.RequestAsync(endpoint with { Body = body }, null);
        if (endpoint.Kind == CorpusBody.ImportFile)
            // A fresh name, so an accepted import does not make every later one a name clash.
            ((MultipartFormDataContent)request.Content!).Add(new StringContent($"fuzz {Guid.NewGuid():N}"), "name");
        using var response = await world.ClientOf(endpoint.Caller).SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var status = (int)response.StatusCode;

        Assert.True(status < 500, $"{status}: {text}");
        if (status >= 400)
        {
            var after = await StoredState.ReadAsync(fixture.App.Services, Token);
            Assert.True(before.Lines.SequenceEqual(after.Lines), $"refused with {status} but stored: {after.DifferenceFrom(before)}");
        }
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return status;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            && errors.EnumerateObject().Any() && errors.EnumerateObject().All(e => e.Name.Trim().Length > 0), $"a 400 that names no field: {text}");
        return status;
    }
}

public sealed class BadInputFuzzSqliteTests(FuzzSqliteApp fixture) : BadInputFuzzTests(fixture), IClassFixture<FuzzSqliteApp>;

public sealed class BadInputFuzzPostgresTests(FuzzPostgresApp fixture) : BadInputFuzzTests(fixture), IClassFixture<FuzzPostgresApp>;
