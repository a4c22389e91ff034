using System.Net;
using System.Text;
using System.Text.Json;
using SgDesigner.Web.Tests.Engine;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// <c>PUT /api/drafts/{id}/content</c> on PostgreSQL and SQLite: a policy document replaces the draft's content in one
/// edit; a missing or stale version and a bad document are refused, naming the field, and change nothing.
/// </summary>
public abstract class DraftContentApiTests(AppFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.Client;
    private readonly SgdOnExports _files = new(fixture.Client);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PutAsync(Guid draftId, string body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/content") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _client.SendAsync(request, Token);
    }

    private async Task<string> DemoDocumentAsync() =>
        await File.ReadAllTextAsync(await _files.ExportAsync(await _client.DemoPolicyIdAsync()), Token);

    [Fact]
    public async Task A_document_replaces_the_content_in_one_edit()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var changed = SgdServer.Changed(await DemoDocumentAsync(), SgdServer.AddPrivateRule);

        var info = await (await PutAsync(draftId, changed, $"\"{version}\"")).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(version + 1, info.GetProperty("version").GetInt64());
        var (estate, _) = await _client.DraftAsync(draftId);
        var firstGroup = estate.GetProperty("groups")[0];
        Assert.Contains(firstGroup.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "sgr-0a1b2c3d4e5f60718");
    }

    [Fact]
    public async Task Without_a_version_it_is_a_428_naming_if_match_and_nothing_changes()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var problem = await (await PutAsync(draftId, await DemoDocumentAsync(), null)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);

        Assert.Contains("version", problem.ErrorAt("If-Match"));
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task A_malformed_document_is_a_400_naming_its_json_path_and_nothing_changes()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var broken = SgdServer.Changed(await DemoDocumentAsync(), groups => groups[0]!["rules"]!.AsArray()[0]!["protocol"] = "bogus");

        var response = await PutAsync(draftId, broken, $"\"{version}\"");
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("protocol", JsonSerializer.Serialize(problem.GetProperty("errors")));
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task A_stale_version_is_a_412_and_nothing_changes()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        var document = await DemoDocumentAsync();
        await (await PutAsync(draftId, SgdServer.Changed(document, SgdServer.AddPrivateRule), $"\"{version}\"")).ReadAsync(HttpStatusCode.OK);

        await (await PutAsync(draftId, document, $"\"{version}\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(version + 1, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_naming_the_body()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/content") { Content = new StringContent("schemaVersion: 1", Encoding.UTF8, "text/yaml") };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");

        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("text/yaml", problem.ErrorAt("body"));
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>On SQLite.</summary>
public sealed class DraftContentApiSqliteTests(SqliteApp fixture) : DraftContentApiTests(fixture), IClassFixture<SqliteApp>;

/// <summary>On PostgreSQL.</summary>
public sealed class DraftContentApiPostgresTests(PostgresApp fixture) : DraftContentApiTests(fixture), IClassFixture<PostgresApp>;
