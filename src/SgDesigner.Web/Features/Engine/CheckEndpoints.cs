using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Engine;

/// <summary><c>…/check</c>: <c>sgd check --json</c> over HTTP, on the assertions sent or the policy's own.</summary>
public static class CheckEndpoints
{
    private const string Words =
        "sgd check --json: whether each expected flow holds. The body holds the assertions in sgd check's format: " +
        "{\"assertions\": \"one JSON object per line\"}, a JSON array of assertion objects (line N is the Nth), or the lines themselves " +
        "(application/x-ndjson or text/plain). An empty body, or no 'assertions', checks the policy's own (its settings). A failed " +
        "assertion is an answer, not an error: 200 with 'failed' above 0 (sgd check would exit 1). A line that does not parse or names an " +
        "endpoint the content does not have is a 400 at assertions[line N]; the policy's own assertions naming such an endpoint are a 422.";

    /// <summary>Maps the endpoints on the revision and draft groups.</summary>
    internal static void Map(RouteGroupBuilder revision, RouteGroupBuilder draft)
    {
        Document(revision.MapPost("/check", Revision).WithName("CheckRevisionAssertions")
            .WithSummary("Check expected flows against a revision, as sgd check --json").WithDescription($"{Words} {EngineApi.RevisionWords}"));
        Document(draft.MapPost("/check", Draft).WithName("CheckDraftAssertions")
            .WithSummary("Check expected flows against a draft, as sgd check --json").WithDescription($"{Words} {EngineApi.DraftWords}"));
    }

    private static void Document(RouteHandlerBuilder endpoint) =>
        endpoint.Accepts<CheckRequest>(true, "application/json", AnswerJson.JsonLinesMediaType, "text/plain")
            .Produces<CheckResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> Revision(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision, HttpRequest request,
        PolicyStore store, PolicySettingsStore settings, CancellationToken ct) =>
        await AnswerAsync(await EngineSubject.RevisionAsync(store, policyId, revision, ct), request, settings, ct);

    private static async Task<IResult> Draft(
        [Description(EngineApi.Words.DraftId)] Guid draftId, HttpRequest request, PolicyStore store, PolicySettingsStore settings,
        CancellationToken ct) =>
        await AnswerAsync(await EngineSubject.DraftAsync(store, draftId, ct), request, settings, ct);

    private static async Task<IResult> AnswerAsync(StoreResult<EngineSubject> subject, HttpRequest request, PolicySettingsStore settings, CancellationToken ct)
    {
        var body = await RequestText.ReadAsync(request, ct);
        if (!subject.IsOk)
            return AnswerResults.Failure(subject.Failure!);
        var errors = new RequestErrors();
        var sent = AssertionsOf(body, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        var own = sent is null;
        if (own)
        {
            var stored = await settings.GetAsync(subject.Value.PolicyId, ct);
            if (!stored.IsOk)
                return AnswerResults.Failure(stored.Failure!);
            sent = stored.Value.Assertions;
        }
        var parsed = AssertionParser.Parse(sent!);
        if (!parsed.IsOk)
        {
            // As the settings name them: the line in the path, the field in the message ("line 3, port" -> assertions[line 3]: "port: …").
            foreach (var error in parsed.Errors)
            {
                var place = error.Path.Split(", ", 2);
                errors.Add($"assertions[{place[0]}]", place.Length > 1 ? $"{place[1]}: {error.Message}" : error.Message);
            }
            return own ? Unanswerable(errors) : ApiResults.Invalid(errors);
        }
        var results = AssertionChecker.Check(ReachabilityEngine.Build(subject.Value.Estate), parsed.Assertions);
        if (CheckAnswer.Error(results) is { } unanswerable)
        {
            errors.Add($"assertions[{unanswerable.Place}]", unanswerable.Message);
            return own ? Unanswerable(errors) : ApiResults.Invalid(errors);
        }
        return AnswerResults.JsonText(CheckAnswer.Json(results));
    }

    // The assertions a body sends, or null for the policy's own (an empty body, or an object without "assertions").
    private static string? AssertionsOf(string body, RequestErrors errors)
    {
        var text = body.Trim();
        if (text.Length == 0)
            return null;
        if (text[0] is not ('{' or '['))
            return body;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            // JSON lines: several objects, one per line, as sgd check's file.
            return body;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
                return string.Join('\n', root.EnumerateArray().Select(a => a.GetRawText()));
            if (!root.TryGetProperty("assertions", out var assertions))
                return root.EnumerateObject().Any() ? body : null;
            if (assertions.ValueKind == JsonValueKind.Null)
                return null;
            if (assertions.ValueKind != JsonValueKind.String)
                errors.Add("assertions", "expected a string of assertions, one JSON object per line (as sgd check's file)");
            return assertions.ValueKind == JsonValueKind.String ? assertions.GetString() : null;
        }
    }

    // The request is fine; the policy's stored assertions do not fit this content (an endpoint it does not have).
    private static ProblemHttpResult Unanswerable(RequestErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The policy's assertions cannot be checked here",
            Detail = "An assertion of the policy's settings does not apply to this content: " +
                string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        });
}
