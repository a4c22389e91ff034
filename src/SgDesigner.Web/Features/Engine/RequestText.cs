namespace SgDesigner.Web.Features.Engine;

/// <summary>Reads a request body as text (its size is bounded before, by the API's 413 limit).</summary>
internal static class RequestText
{
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
