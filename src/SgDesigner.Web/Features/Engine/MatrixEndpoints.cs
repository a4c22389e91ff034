using System.ComponentModel;
using Microsoft.OpenApi;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Engine;

/// <summary><c>…/matrix</c>: <c>sgd matrix</c> over HTTP, per class of ENIs in JSON or per ENI pair in CSV, streamed.</summary>
public static class MatrixEndpoints
{
    private const string Words =
        "sgd matrix: what every ENI may open to every other ENI. JSON is per class of ENIs that every rule treats alike " +
        "({enis, classes, cells}); CSV (Accept: text/csv or format=csv) has one row per ordered ENI pair and protocol " +
        "(from,to,protocol,ranges), for small estates. The text is the same as sgd's, streamed as it is written.";

    /// <summary>Maps the endpoints on the revision and draft groups.</summary>
    internal static void Map(RouteGroupBuilder revision, RouteGroupBuilder draft)
    {
        Document(revision.MapGet("/matrix", Revision).WithName("GetRevisionMatrix")
            .WithSummary("All-pairs reachability of a revision, per class of ENIs (JSON) or per ENI pair (CSV)")
            .WithDescription($"{Words} {EngineApi.RevisionWords}"));
        Document(draft.MapGet("/matrix", Draft).WithName("GetDraftMatrix")
            .WithSummary("All-pairs reachability of a draft, per class of ENIs (JSON) or per ENI pair (CSV)")
            .WithDescription($"{Words} {EngineApi.DraftWords}"));
    }

    private static void Document(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<MatrixResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            // A second Produces for the same status would replace the JSON one: add the CSV beside it.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                {
                    content[MatrixAnswer.CsvMediaType] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "from,to,protocol,ranges: a header, then one row per ordered ENI pair and protocol" },
                    };
                }
                return Task.CompletedTask;
            });

    private static async Task<IResult> Revision(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision,
        [Description(EngineApi.Words.MatrixFormat)] string? format, HttpRequest request, PolicyStore store, CancellationToken ct) =>
        Answer(await EngineSubject.RevisionAsync(store, policyId, revision, ct), format, request);

    private static async Task<IResult> Draft(
        [Description(EngineApi.Words.DraftId)] Guid draftId, [Description(EngineApi.Words.MatrixFormat)] string? format,
        HttpRequest request, PolicyStore store, CancellationToken ct) =>
        Answer(await EngineSubject.DraftAsync(store, draftId, ct), format, request);

    private static IResult Answer(StoreResult<EngineSubject> subject, string? format, HttpRequest request)
    {
        // As sgd's --format; without it, the Accept header chooses.
        var csv = format?.ToLowerInvariant() switch
        {
            null or "" => request.Headers.Accept.ToString().Contains(MatrixAnswer.CsvMediaType, StringComparison.OrdinalIgnoreCase),
            "csv" => true,
            "json" => false,
            _ => (bool?)null,
        };
        if (csv is null)
            return AnswerResults.Invalid("format", $"{QuotedValue.Of(format)} is not a matrix format: use json or csv");
        if (!subject.IsOk)
            return AnswerResults.Failure(subject.Failure!);
        var estate = subject.Value.Estate;
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        return csv.Value
            ? AnswerResults.Streamed(MatrixAnswer.Csv(matrix), $"{MatrixAnswer.CsvMediaType}; charset=utf-8")
            : AnswerResults.Streamed(MatrixAnswer.Json(estate, matrix), AnswerResults.Json);
    }
}
