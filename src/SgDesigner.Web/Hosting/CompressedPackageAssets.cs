using System.Text;
using System.Text.Json.Nodes;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// The SDK's static-asset endpoint manifest gives a package's fingerprinted route (MudBlazor's stylesheet,
/// <c>_content/MudBlazor/MudBlazor.min.k4r0it8844.css</c>, the address the pages link to) no compressed variant: only its
/// plain route has the <c>.br</c> and <c>.gz</c> files the build made. A browser's first visit then downloaded MudBlazor's
/// 627 KB stylesheet whole instead of 43 KB. The app's own assets have them (<c>app.pxc54vqbnq.css</c> is served
/// compressed). This adds to each fingerprinted route that lacks them the compressed endpoints of its plain route, with
/// the fingerprinted route's caching and properties, as the SDK writes them for the app's own assets, and maps the
/// manifest so completed.
/// </summary>
internal static class CompressedPackageAssets
{
    private const string ContentEncoding = "Content-Encoding";

    /// <summary>
    /// Maps the app's static assets from its manifest completed with the missing compressed endpoints (the manifest
    /// itself when nothing is missing); returns the manifest's path, for the pages' <c>@Assets[...]</c>
    /// (<c>WithStaticAssets</c>).
    /// </summary>
    public static string MapStaticAssetsCompressed(this WebApplication app)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        var path = File.Exists(manifest) ? Completed(manifest) : manifest;
        if (path != manifest)
            app.Lifetime.ApplicationStopped.Register(() => DeleteQuietly(path));
        app.MapStaticAssets(path).AllowAnonymous();
        return path;
    }

    // The completed manifest, in a file of this start's own in the temporary folder (the app's folder may be read-only;
    // a name nobody can guess, created new, so no file put there beforehand is read), or the given one when it needs nothing.
    private static string Completed(string manifestPath)
    {
        if (JsonNode.Parse(File.ReadAllText(manifestPath)) is not JsonObject manifest || Complete(manifest) == 0)
            return manifestPath;
        var path = Path.Combine(Path.GetTempPath(), $"sgdesigner-{Guid.NewGuid():N}.staticwebassets.endpoints.json");
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.Write(Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No writable temporary folder: the assets are served as the SDK describes them, the packages' uncompressed.
            return manifestPath;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file of a few hundred KB left in the temporary folder.
        }
    }

    /// <summary>Adds the missing compressed endpoints to <paramref name="manifest"/>; returns how many.</summary>
    internal static int Complete(JsonObject manifest)
    {
        if (manifest["Endpoints"] is not JsonArray endpoints)
            return 0;
        var all = endpoints.OfType<JsonObject>().ToList();
        var compressedByRoute = all.Where(IsCompressedVariant).ToLookup(Route, StringComparer.Ordinal);
        var hasCompressed = compressedByRoute.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var fingerprinted in all.Where(e => !IsCompressedVariant(e) && Property(e, "label") is not null))
        {
            var route = Route(fingerprinted);
            var plain = Property(fingerprinted, "label")!;
            if (hasCompressed.Contains(route) || route == plain)
                continue;
            var variants = compressedByRoute[plain].Where(c => Property(c, "original-resource") is not null && SameAsset(c, fingerprinted)).ToList();
            if (variants.Count == 0)
                continue;
            foreach (var variant in variants)
            {
                endpoints.Add(Variant(fingerprinted, variant));
                added++;
            }
            SetHeader(fingerprinted, "Vary", "Accept-Encoding");
        }
        return added;
    }

    // The compressed variant's file, selector and headers, under the fingerprinted route with its caching and properties.
    private static JsonObject Variant(JsonObject fingerprinted, JsonObject compressed)
    {
        var variant = (JsonObject)compressed.DeepClone();
        variant["Route"] = Route(fingerprinted);
        if (Header(fingerprinted, "Cache-Control") is { } caching)
            SetHeader(variant, "Cache-Control", caching);
        var properties = new JsonArray();
        foreach (var property in Properties(fingerprinted).Where(p => (string?)p["Name"] is not "integrity"))
            properties.Add(property.DeepClone());
        foreach (var property in Properties(compressed).Where(p => (string?)p["Name"] is "integrity" or "original-resource"))
            properties.Add(property.DeepClone());
        variant["EndpointProperties"] = properties;
        return variant;
    }

    // A compressed endpoint serves its uncompressed asset's content: its original-resource is that asset's ETag.
    private static bool SameAsset(JsonObject compressed, JsonObject fingerprinted) =>
        Property(compressed, "original-resource") == Header(fingerprinted, "ETag");

    private static bool IsCompressedVariant(JsonObject endpoint) =>
        endpoint["Selectors"] is JsonArray selectors && selectors.OfType<JsonObject>().Any(s => (string?)s["Name"] == ContentEncoding);

    private static string Route(JsonObject endpoint) => (string?)endpoint["Route"] ?? "";

    private static IEnumerable<JsonObject> Properties(JsonObject endpoint) =>
        endpoint["EndpointProperties"] is JsonArray properties ? properties.OfType<JsonObject>() : [];

    private static string? Property(JsonObject endpoint, string name) =>
        (string?)Properties(endpoint).FirstOrDefault(p => (string?)p["Name"] == name)?["Value"];

    private static string? Header(JsonObject endpoint, string name) =>
        endpoint["ResponseHeaders"] is JsonArray headers ? (string?)headers.OfType<JsonObject>().FirstOrDefault(h => (string?)h["Name"] == name)?["Value"] : null;

    private static void SetHeader(JsonObject endpoint, string name, string value)
    {
        if (endpoint["ResponseHeaders"] is not JsonArray headers)
            endpoint["ResponseHeaders"] = headers = [];
        if (headers.OfType<JsonObject>().FirstOrDefault(h => (string?)h["Name"] == name) is { } header)
            header["Value"] = value;
        else
            headers.Add(new JsonObject { ["Name"] = name, ["Value"] = value });
    }
}
