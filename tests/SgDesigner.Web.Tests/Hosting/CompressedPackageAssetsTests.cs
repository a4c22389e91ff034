using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

public sealed partial class CompressedPackageAssetsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MudBlazor_s_stylesheet_at_the_address_the_page_links_to_is_served_compressed_to_a_browser_that_accepts_it()
    {
        var page = await fixture.Anonymous.GetStringAsync("/account/sign-in", Token);
        var link = MudBlazorStylesheet().Match(page);
        Assert.True(link.Success, "the sign-in page links to MudBlazor's fingerprinted stylesheet");
        var plain = await fixture.Anonymous.GetByteArrayAsync(link.Groups[1].Value, Token);

        using var request = new HttpRequestMessage(HttpMethod.Get, link.Groups[1].Value);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await fixture.Anonymous.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var unzipped = new GZipStream(await response.Content.ReadAsStreamAsync(Token), CompressionMode.Decompress);
        using var content = new MemoryStream();
        await unzipped.CopyToAsync(content, Token);
        Assert.Equal(plain, content.ToArray());
    }

    [Fact]
    public async Task Without_accept_encoding_the_stylesheet_is_served_as_it_is()
    {
        var page = await fixture.Anonymous.GetStringAsync("/account/sign-in", Token);
        var link = MudBlazorStylesheet().Match(page).Groups[1].Value;

        using var response = await fixture.Anonymous.GetAsync(link, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("text/css", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fingerprinted_route_gets_its_plain_route_s_compressed_variants_with_its_own_caching_and_properties()
    {
        var manifest = Manifest(withAppVariants: false);

        Assert.Equal(2, CompressedPackageAssets.Complete(manifest));

        var added = Endpoints(manifest).Where(e => (string?)e["Route"] == "lib/x.abc123.css" && (string?)e["AssetFile"] != "lib/x.css").ToList();
        Assert.Equal(["lib/x.css.br", "lib/x.css.gz"], added.Select(e => (string?)e["AssetFile"]).Order());
        foreach (var variant in added)
        {
            Assert.Equal("max-age=31536000, immutable", Header(variant, "Cache-Control"));
            Assert.Equal("abc123", Property(variant, "fingerprint"));
            Assert.Equal("lib/x.css", Property(variant, "label"));
            Assert.Equal("\"plain\"", Property(variant, "original-resource"));
        }
        Assert.Equal("Accept-Encoding", Header(Endpoints(manifest).Single(e => (string?)e["AssetFile"] == "lib/x.css" && (string?)e["Route"] == "lib/x.abc123.css"), "Vary"));
        // The plain route's own endpoints are left as they were.
        Assert.Equal(3, Endpoints(manifest).Count(e => (string?)e["Route"] == "lib/x.css"));
    }

    [Fact]
    public void A_route_that_has_its_variants_already_and_a_manifest_completed_once_get_nothing_more()
    {
        Assert.Equal(0, CompressedPackageAssets.Complete(Manifest(withAppVariants: true)));
        var once = Manifest(withAppVariants: false);
        CompressedPackageAssets.Complete(once);
        var count = Endpoints(once).Count();

        Assert.Equal(0, CompressedPackageAssets.Complete(once));
        Assert.Equal(count, Endpoints(once).Count());
    }

    [Fact]
    public void A_compressed_file_of_other_content_than_the_fingerprinted_asset_is_not_served_for_it()
    {
        var manifest = Manifest(withAppVariants: false);
        foreach (var endpoint in Endpoints(manifest).Where(e => Property(e, "original-resource") is not null))
            ((JsonArray)endpoint["EndpointProperties"]!).OfType<JsonObject>().Single(p => (string?)p["Name"] == "original-resource")["Value"] = "\"older\"";

        Assert.Equal(0, CompressedPackageAssets.Complete(manifest));
    }

    // A package's stylesheet as the SDK describes it: the plain route with its two compressed variants, and the
    // fingerprinted route without them (with them when withAppVariants, as the SDK writes the app's own assets).
    private static JsonObject Manifest(bool withAppVariants)
    {
        JsonObject Endpoint(string route, string file, string? encoding, string caching, string etag, params (string Name, string Value)[] properties) => new()
        {
            ["Route"] = route,
            ["AssetFile"] = file,
            ["Selectors"] = encoding is null ? new JsonArray() : new JsonArray(new JsonObject { ["Name"] = "Content-Encoding", ["Value"] = encoding, ["Quality"] = "0.1" }),
            ["ResponseHeaders"] = new JsonArray(
                new JsonObject { ["Name"] = "Cache-Control", ["Value"] = caching },
                new JsonObject { ["Name"] = "ETag", ["Value"] = etag }),
            ["EndpointProperties"] = new JsonArray([.. properties.Select(p => new JsonObject { ["Name"] = p.Name, ["Value"] = p.Value })]),
        };
        var endpoints = new JsonArray(
            Endpoint("lib/x.css", "lib/x.css", null, "no-cache", "\"plain\"", ("integrity", "sha256-plain")),
            Endpoint("lib/x.css", "lib/x.css.br", "br", "no-cache", "\"br\"", ("integrity", "sha256-plain"), ("original-resource", "\"plain\"")),
            Endpoint("lib/x.css", "lib/x.css.gz", "gzip", "no-cache", "\"gz\"", ("integrity", "sha256-plain"), ("original-resource", "\"plain\"")),
            Endpoint("lib/x.abc123.css", "lib/x.css", null, "max-age=31536000, immutable", "\"plain\"", ("fingerprint", "abc123"), ("integrity", "sha256-plain"), ("label", "lib/x.css")));
        if (withAppVariants)
            endpoints.Add(Endpoint("lib/x.abc123.css", "lib/x.css.br", "br", "max-age=31536000, immutable", "\"br\"", ("fingerprint", "abc123"), ("label", "lib/x.css"), ("original-resource", "\"plain\"")));
        return new JsonObject { ["Version"] = 1, ["ManifestType"] = "Publish", ["Endpoints"] = endpoints };
    }

    private static IEnumerable<JsonObject> Endpoints(JsonObject manifest) => ((JsonArray)manifest["Endpoints"]!).OfType<JsonObject>();

    private static string? Header(JsonObject endpoint, string name) =>
        (string?)((JsonArray)endpoint["ResponseHeaders"]!).OfType<JsonObject>().FirstOrDefault(h => (string?)h["Name"] == name)?["Value"];

    private static string? Property(JsonObject endpoint, string name) =>
        (string?)((JsonArray)endpoint["EndpointProperties"]!).OfType<JsonObject>().FirstOrDefault(p => (string?)p["Name"] == name)?["Value"];

    [GeneratedRegex("href=\"/?(_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex MudBlazorStylesheet();
}
