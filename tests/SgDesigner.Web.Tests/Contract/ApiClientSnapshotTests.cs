using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SgDesigner.Web.Hosting;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Contract;

/// <summary>
/// sgd's server client (src/SgDesigner.Cli/Remote/Client) is generated from a snapshot of the served OpenAPI document:
/// the snapshot must be the document the app serves now, or the client is stale. With <c>SGD_UPDATE_OPENAPI=1</c> the
/// test rewrites the snapshot instead (tools/update-api-client.sh does that, then regenerates the client).
/// </summary>
public sealed class ApiClientSnapshotTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    /// <summary>The command that refreshes the snapshot and the client.</summary>
    public const string RefreshCommand = "tools/update-api-client.sh";

    private static readonly string SnapshotFile = RepositoryRoot.Path("src", "SgDesigner.Cli", "Remote", "openapi.json");

    [Fact]
    public async Task The_client_snapshot_is_the_document_the_app_serves()
    {
        var served = Normalise(await fixture.Anonymous.GetStringAsync(OpenApiEndpoints.DocumentPath, TestContext.Current.CancellationToken));
        if (Environment.GetEnvironmentVariable("SGD_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(SnapshotFile, served, TestContext.Current.CancellationToken);
            return;
        }
        var snapshot = File.Exists(SnapshotFile) ? Normalise(await File.ReadAllTextAsync(SnapshotFile, TestContext.Current.CancellationToken)) : "";
        Assert.True(snapshot == served,
            $"{SnapshotFile} is not the document the app serves: the API changed and sgd's client is stale. Run '{RefreshCommand}' " +
            "(it rewrites the snapshot and regenerates src/SgDesigner.Cli/Remote/Client), then rebuild.");
    }

    // Indented, with the servers list left out (it names the test host's port).
    private static string Normalise(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
