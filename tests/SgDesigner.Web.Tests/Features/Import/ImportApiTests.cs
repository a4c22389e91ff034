using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Import;

public abstract class ImportApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A multipart form with the given files and fields, as a script would post it.</summary>
    internal static MultipartFormDataContent Form(IEnumerable<(string Name, string Text)> files, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var content = new StringContent(text, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(content, "files", name);
        }
        foreach (var (key, value) in fields)
            form.Add(new StringContent(value), key);
        return form;
    }

    internal static IEnumerable<(string Name, string Text)> SampleSet(string set) =>
        AwsSampleFiles.Read(set).Select(f => (f.Name, f.Text));

    private async Task<int> PolicyCountAsync() =>
        (await _client.AllPagesAsync("/api/policies")).Count;

    [Fact]
    public async Task Uploaded_aws_files_become_a_new_policy_whose_first_revision_holds_them()
    {
        var name = $"cloudmapper {Guid.NewGuid():N}";

        var response = await _client.PostAsync("/api/policies/import", Form(SampleSet("cloudmapper-demo"), ("name", name)), Token);

        var imported = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal(name, imported.GetProperty("policy").GetProperty("name").GetString());
        Assert.Equal(8, imported.GetProperty("counts").GetProperty("Security groups").GetInt32());
        Assert.True(imported.GetProperty("warnings").GetArrayLength() > 0);
        var revision = await (await _client.GetAsync($"{response.Headers.Location}/revisions/1", Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(8, revision.GetProperty("estate").GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task A_preview_reports_the_counts_and_stores_nothing()
    {
        var before = await PolicyCountAsync();

        var response = await _client.PostAsync("/api/policies/import", Form(SampleSet("batfish-test-subnet"), ("preview", "true")), Token);

        var preview = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("policy").ValueKind);
        Assert.Equal(2, preview.GetProperty("counts").GetProperty("Instances").GetInt32());
        Assert.Equal(before, await PolicyCountAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_file_and_nothing_is_stored()
    {
        var before = await PolicyCountAsync();

        var response = await _client.PostAsync("/api/policies/import", Form([("SecurityGroups.json", "{\"SecurityGroups\": [")]), Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.ErrorAt("SecurityGroups.json:$"), StringComparison.Ordinal);
        Assert.Equal(before, await PolicyCountAsync());
    }

    [Fact]
    public async Task A_request_without_files_is_refused_at_files()
    {
        var response = await _client.PostAsync("/api/policies/import", Form([], ("name", "nothing")), Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at least one file", problem.ErrorAt("files"), StringComparison.Ordinal);
    }
}

public sealed class ImportApiSqliteTests(SqliteApp fixture) : ImportApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class ImportApiPostgresTests(PostgresApp fixture) : ImportApiTests(fixture), IClassFixture<PostgresApp>;
