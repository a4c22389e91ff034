using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Import;

/// <summary>A malformed upload is the caller's mistake: 400 naming what is wrong, and no policy created.</summary>
public abstract class MalformedImportTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string Boundary = "sgd-boundary-1";

    private async Task<int> PolicyCountAsync() =>
        (await _client.AllPagesAsync("/api/policies")).Count;

    private static string Part(string name, string? fileName, string body) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\n"
        + $"Content-Type: application/json\r\n\r\n{body}\r\n";

    private async Task<string> RefusedAsync(string contentType, string body)
    {
        var before = await PolicyCountAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var problem = await (await _client.PostAsync("/api/policies/import", content, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await PolicyCountAsync());
        return string.Join(" ", problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")));
    }

    [Fact]
    public async Task A_body_without_a_boundary_is_refused_naming_the_boundary() =>
        Assert.Contains("boundary", await RefusedAsync("multipart/form-data", Part("files", "a.json", "{}") + $"--{Boundary}--\r\n"), StringComparison.Ordinal);

    [Fact]
    public async Task A_wrong_boundary_is_refused() =>
        Assert.Contains("boundary", await RefusedAsync("multipart/form-data; boundary=other", Part("files", "a.json", "{}") + $"--{Boundary}--\r\n"), StringComparison.Ordinal);

    [Fact]
    public async Task A_truncated_body_is_refused_as_truncated() =>
        Assert.Contains("truncated", await RefusedAsync($"multipart/form-data; boundary={Boundary}", Part("files", "a.json", "{\"SecurityGroups\": [")), StringComparison.Ordinal);

    [Fact]
    public async Task A_part_that_is_not_a_file_is_refused_by_name() =>
        Assert.Contains("'files' is not a file", await RefusedAsync($"multipart/form-data; boundary={Boundary}", Part("files", null, "{}") + $"--{Boundary}--\r\n"), StringComparison.Ordinal);

    [Fact]
    public async Task An_empty_file_is_refused_by_name() =>
        Assert.Contains("the file is empty", await RefusedAsync($"multipart/form-data; boundary={Boundary}", Part("files", "empty.json", "") + $"--{Boundary}--\r\n"), StringComparison.Ordinal);

    [Fact]
    public async Task A_file_that_is_not_json_is_refused_by_name() =>
        Assert.Contains("notes.txt:", await RefusedAsync($"multipart/form-data; boundary={Boundary}", Part("files", "notes.txt", "hello, world") + $"--{Boundary}--\r\n"), StringComparison.Ordinal);
}

public sealed class MalformedImportSqliteTests(SqliteApp fixture) : MalformedImportTests(fixture), IClassFixture<SqliteApp>;
