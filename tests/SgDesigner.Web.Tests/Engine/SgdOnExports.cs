using System.Net;
using System.Text;
using System.Text.Json;
using SgDesigner.Cli;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>The outcome of one in-process <c>sgd</c> run.</summary>
/// <param name="ExitCode">0, 1 (check or lint failed) or 2.</param>
/// <param name="Stdout">What it printed.</param>
/// <param name="Stderr">Its warnings and errors.</param>
public sealed record SgdRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs <c>sgd</c> in-process on revisions exported through the app's own policy-document download, so a test can
/// compare the engine API's answer with the command's on the same content. Files live in a folder deleted at the end.
/// </summary>
public sealed class SgdOnExports(HttpClient client) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sgd-engine-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Runs <c>sgd</c> with <paramref name="args"/>.</summary>
    public static SgdRun Run(params string[] args) => RunWith(Environment.GetEnvironmentVariable, args);

    /// <summary>Runs <c>sgd</c> with <paramref name="args"/>, reading environment variables from <paramref name="environment"/>.</summary>
    public static SgdRun RunWith(Func<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Sgd.Run(args, stdout, stderr, environment);
        return new SgdRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Downloads revision <paramref name="revision"/> (null: the newest) as a policy document and returns its path.</summary>
    public async Task<string> ExportAsync(Guid policyId, int? revision = null)
    {
        var response = await client.GetAsync($"/api/policies/{policyId}/export?format=document{(revision is { } n ? $"&revision={n}" : "")}", Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"export: {(int)response.StatusCode}: {text}");
        return Write($"{policyId:N}-r{revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest"}-{Guid.NewGuid():N}.policy.json", text);
    }

    /// <summary>Writes <paramref name="text"/> to a file of the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Imports an AWS sample set as a new policy through the API and returns its id.</summary>
    public async Task<Guid> ImportAsync(string set)
    {
        var response = await client.PostAsync("/api/policies/import",
            ImportApiTests.Form(ImportApiTests.SampleSet(set), ("name", $"{set} {Guid.NewGuid():N}")), Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("policy").GetProperty("id").GetGuid();
    }

    /// <summary>The text of a GET answer, checking the status.</summary>
    public async Task<string> GetTextAsync(string uri, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await TextAsync(await client.SendAsync(request, Token));
    }

    /// <summary>The text of a POST answer to <paramref name="body"/> of <paramref name="mediaType"/>, checking the status.</summary>
    public async Task<string> PostTextAsync(string uri, string body, string mediaType, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await TextAsync(await client.SendAsync(request, Token));
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>The ENI ids of a matrix answer, in its order.</summary>
    public static IReadOnlyList<string> EnisOf(string matrixJson)
    {
        using var matrix = JsonDocument.Parse(matrixJson);
        return [.. matrix.RootElement.GetProperty("enis").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Delete(recursive: true);
}
