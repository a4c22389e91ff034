using System.Text;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Engine;

/// <summary>How the engine endpoints send <c>sgd</c>'s answers: the same text, as JSON, or streamed piece by piece.</summary>
public static class AnswerResults
{
    /// <summary>The JSON media type with its charset.</summary>
    public const string Json = "application/json; charset=utf-8";

    /// <summary>A finished JSON document, as <c>sgd</c> prints it.</summary>
    public static IResult JsonText(string text) => TypedResults.Text(text, Json);

    /// <summary>Text written to the response as each piece is produced, never held whole.</summary>
    public static IResult Streamed(IEnumerable<string> pieces, string contentType) => new StreamedText(pieces, contentType);

    /// <summary>The store's failure as its problem document (404 naming what is missing, …).</summary>
    public static IResult Failure(StoreFailure failure) => ((StoreResult<bool>)failure).ToHttp(_ => TypedResults.Ok());

    /// <summary>A 400 validation problem with one error at <paramref name="field"/>.</summary>
    public static IResult Invalid(string field, string message)
    {
        var errors = new RequestErrors();
        errors.Add(field, message);
        return ApiResults.Invalid(errors);
    }

    private sealed class StreamedText(IEnumerable<string> pieces, string contentType) : IResult
    {
        private static readonly UTF8Encoding Utf8NoBom = new(false);

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var ct = httpContext.RequestAborted;
            httpContext.Response.ContentType = contentType;
            // The writer's buffer goes out as one chunk each time it fills: the first rows leave before the last are made.
            await using var writer = new StreamWriter(httpContext.Response.Body, Utf8NoBom, 16 * 1024, leaveOpen: true);
            foreach (var piece in pieces)
                await writer.WriteAsync(piece.AsMemory(), ct);
            await writer.FlushAsync(ct);
        }
    }
}
