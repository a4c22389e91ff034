using System.ComponentModel;
using System.Text.Json;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Engine;

/// <summary><c>…/reach</c>: <c>sgd reach</c> over HTTP, one flow (query string or JSON body) or a batch.</summary>
public static class ReachEndpoints
{
    private const string Words =
        "Can 'from' open a connection to 'to' with that traffic? The answer is sgd reach --json's: the verdict, the source's egress " +
        "and the destination's ingress rules that allow it, or which side denies it and the nearest rules that almost matched. " +
        "from/to: an instance id, an ENI id, an instance's Name tag, a private IP in the policy, or any other IP. A bad field or an " +
        "endpoint the policy does not have is a 400 naming the field, in sgd's words.";

    private const string BatchWords =
        "sgd reach --batch: the body is a JSON array of queries, or JSON lines (application/x-ndjson or text/plain, as sgd's batch file), each {from, to, protocol, port} " +
        "or {from, to, protocol, icmpType, icmpCode}. The answers come in order, streamed: a JSON array, or JSON lines as sgd prints " +
        "them when Accept is application/x-ndjson (or format=ndjson). A query that cannot be answered gives {\"error\": \"line 3: …\"} " +
        "(queries[2] in an array) in its place and the batch goes on: the status is still 200.";

    /// <summary>Maps the endpoints on the revision and draft groups.</summary>
    internal static void Map(RouteGroupBuilder revision, RouteGroupBuilder draft)
    {
        Document(revision.MapGet("/reach", RevisionQuery).WithName("ReachInRevision")
            .WithSummary("Whether one flow is allowed in a revision, and why (query string)").WithDescription($"{Words} {EngineApi.RevisionWords}"));
        Document(draft.MapGet("/reach", DraftQuery).WithName("ReachInDraft")
            .WithSummary("Whether one flow is allowed in a draft, and why (query string)").WithDescription($"{Words} {EngineApi.DraftWords}"));
        Document(revision.MapPost("/reach", RevisionBody).WithName("ReachInRevisionByBody")
            .WithSummary("Whether one flow is allowed in a revision, and why (JSON body)").WithDescription($"{Words} {EngineApi.RevisionWords}")
            .Accepts<ReachRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge));
        Document(draft.MapPost("/reach", DraftBody).WithName("ReachInDraftByBody")
            .WithSummary("Whether one flow is allowed in a draft, and why (JSON body)").WithDescription($"{Words} {EngineApi.DraftWords}")
            .Accepts<ReachRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge));
        Batch(revision.MapPost("/reach/batch", RevisionBatch).WithName("ReachBatchInRevision")
            .WithSummary("Many flows at once in a revision, answered in order").WithDescription($"{BatchWords} {EngineApi.RevisionWords}"));
        Batch(draft.MapPost("/reach/batch", DraftBatch).WithName("ReachBatchInDraft")
            .WithSummary("Many flows at once in a draft, answered in order").WithDescription($"{BatchWords} {EngineApi.DraftWords}"));
    }

    private static void Document(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ReachResponse>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem();

    private static void Batch(RouteHandlerBuilder endpoint) =>
        endpoint.Accepts<IReadOnlyList<ReachRequest>>("application/json", AnswerJson.JsonLinesMediaType, "text/plain")
            .Produces<IReadOnlyList<ReachBatchItemResponse>>(StatusCodes.Status200OK, "application/json", AnswerJson.JsonLinesMediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesValidationProblem();

    private static async Task<IResult> RevisionQuery(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision,
        [Description(EngineApi.Words.From)] string? from, [Description(EngineApi.Words.To)] string? to,
        [Description(EngineApi.Words.Protocol)] string? protocol, [Description(EngineApi.Words.Port)] int? port,
        [Description(EngineApi.Words.IcmpType)] int? icmpType, [Description(EngineApi.Words.IcmpCode)] int? icmpCode,
        PolicyStore store, CancellationToken ct) =>
        Answer(await EngineSubject.RevisionAsync(store, policyId, revision, ct), new ReachQuery(from, to, protocol, port, icmpType, icmpCode));

    private static async Task<IResult> DraftQuery(
        [Description(EngineApi.Words.DraftId)] Guid draftId, [Description(EngineApi.Words.From)] string? from,
        [Description(EngineApi.Words.To)] string? to,
        [Description(EngineApi.Words.Protocol)] string? protocol, [Description(EngineApi.Words.Port)] int? port,
        [Description(EngineApi.Words.IcmpType)] int? icmpType, [Description(EngineApi.Words.IcmpCode)] int? icmpCode, PolicyStore store,
        CancellationToken ct) =>
        Answer(await EngineSubject.DraftAsync(store, draftId, ct), new ReachQuery(from, to, protocol, port, icmpType, icmpCode));

    private static async Task<IResult> RevisionBody(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision, HttpRequest request,
        PolicyStore store, CancellationToken ct) =>
        AnswerBody(await EngineSubject.RevisionAsync(store, policyId, revision, ct), await RequestText.ReadAsync(request, ct));

    private static async Task<IResult> DraftBody(
        [Description(EngineApi.Words.DraftId)] Guid draftId, HttpRequest request, PolicyStore store, CancellationToken ct) =>
        AnswerBody(await EngineSubject.DraftAsync(store, draftId, ct), await RequestText.ReadAsync(request, ct));

    private static async Task<IResult> RevisionBatch(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision,
        [Description(EngineApi.Words.BatchFormat)] string? format, HttpRequest request, PolicyStore store, CancellationToken ct) =>
        AnswerBatch(await EngineSubject.RevisionAsync(store, policyId, revision, ct), await RequestText.ReadAsync(request, ct), format, request);

    private static async Task<IResult> DraftBatch(
        [Description(EngineApi.Words.DraftId)] Guid draftId, [Description(EngineApi.Words.BatchFormat)] string? format, HttpRequest request,
        PolicyStore store, CancellationToken ct) =>
        AnswerBatch(await EngineSubject.DraftAsync(store, draftId, ct), await RequestText.ReadAsync(request, ct), format, request);

    private static IResult AnswerBody(StoreResult<EngineSubject> subject, string body)
    {
        // A body is read as a batch line is, so its errors are the same words.
        var query = BatchLine.Parse(body, out var error);
        return query is null ? Invalid(error!) : Answer(subject, query);
    }

    private static IResult Answer(StoreResult<EngineSubject> subject, ReachQuery query)
    {
        if (!subject.IsOk)
            return AnswerResults.Failure(subject.Failure!);
        var estate = subject.Value.Estate;
        if (query.ToTraffic(ReachFieldNames.Json, out var error) is not { } traffic)
            return Invalid(error!);
        if (query.ResolveEndpoints(estate, ReachFieldNames.Json, out error) is not { } endpoints)
            return Invalid(error!);
        var explanation = ReachabilityEngine.Build(estate).Explain(endpoints.From, endpoints.To, traffic);
        return AnswerResults.JsonText(ReachBatch.OneQuery(query, explanation));
    }

    private static IResult AnswerBatch(StoreResult<EngineSubject> subject, string body, string? format, HttpRequest request)
    {
        if (!subject.IsOk)
            return AnswerResults.Failure(subject.Failure!);
        var lines = format?.ToLowerInvariant() switch
        {
            null or "" => request.Headers.Accept.ToString().Contains(AnswerJson.JsonLinesMediaType, StringComparison.OrdinalIgnoreCase),
            "ndjson" or "jsonl" => true,
            "json" => false,
            _ => (bool?)null,
        };
        if (lines is null)
            return AnswerResults.Invalid("format", $"{QuotedValue.Of(format)} is not a batch answer format: use json (an array) or ndjson (JSON lines, as sgd prints them)");
        var answers = ReachBatch.Answer(ReachabilityEngine.Build(subject.Value.Estate), Queries(body)).Select(a => a.Json);
        return lines.Value
            ? AnswerResults.Streamed(answers.Select(a => a + "\n"), AnswerJson.JsonLinesMediaType)
            : AnswerResults.Streamed(JsonArray(answers), AnswerResults.Json);
    }

    // A JSON array of queries, else JSON lines as in sgd's batch file.
    private static IEnumerable<BatchQuery> Queries(string body)
    {
        if (!body.TrimStart().StartsWith('['))
            return ReachBatch.Lines(body);
        try
        {
            using var array = JsonDocument.Parse(body);
            return [.. array.RootElement.EnumerateArray().Select((q, i) => new BatchQuery($"queries[{i}]", q.GetRawText()))];
        }
        catch (JsonException)
        {
            return ReachBatch.Lines(body);
        }
    }

    private static IEnumerable<string> JsonArray(IEnumerable<string> items)
    {
        var first = true;
        foreach (var item in items)
        {
            yield return (first ? "[\n  " : ",\n  ") + item;
            first = false;
        }
        yield return first ? "[]\n" : "\n]\n";
    }

    // sgd's message names the field first ("port: 70000 is not a port number 0..65535", "to is required"): key the error by it.
    private static IResult Invalid(string message)
    {
        var names = ReachFieldNames.Json;
        var field = new[] { names.From, names.To, names.Protocol, names.Port, names.IcmpType, names.IcmpCode }
            .FirstOrDefault(f => message.StartsWith(f + ":", StringComparison.Ordinal) || message.StartsWith(f + " ", StringComparison.Ordinal));
        return AnswerResults.Invalid(field ?? "body", message);
    }
}
