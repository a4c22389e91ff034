using System.ComponentModel;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Engine;

/// <summary><c>…/diff</c>: <c>sgd diff --json</c> over HTTP, between two revisions or between a draft and its base.</summary>
public static class DiffEndpoints
{
    private const string Words =
        "sgd diff --json: groups added, removed and renamed, rules added, removed and changed, and the flows the change opens and " +
        "closes between classes of alike ENIs and to and from the outside, with the rules responsible.";

    /// <summary>Maps the endpoints on the revision and draft groups.</summary>
    internal static void Map(RouteGroupBuilder revision, RouteGroupBuilder draft)
    {
        Document(revision.MapGet("/diff/{other}", Between).WithName("DiffRevisions")
            .WithSummary("What changes from one revision to another, as sgd diff --json")
            .WithDescription($"{Words} From {{revision}} (old) to {{other}} (new), as 'sgd diff REVISION OTHER'; both are numbers or 'latest'; an unknown one is a 404 naming it."));
        Document(revision.MapGet("/diff", Against).WithName("DiffRevisionAgainst")
            .WithSummary("What a revision changed since another one (default: its parent), as sgd diff --json")
            .WithDescription($"{Words} From 'against' (old; default the revision it was based on, else the one before) to {{revision}} (new). " +
                "The first revision has nothing before it: 'against' is then required. " + EngineApi.RevisionWords));
        Document(draft.MapGet("/diff", Draft).WithName("DiffDraft")
            .WithSummary("What a draft changes from the revision it was opened from, as sgd diff --json")
            .WithDescription($"{Words} From the draft's base revision (empty for a policy without one) to the draft. {EngineApi.DraftWords}"));
    }

    private static void Document(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<DiffResponse>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem();

    private static async Task<IResult> Between(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision,
        [Description(EngineApi.Words.Other)] string other, PolicyStore store, CancellationToken ct)
    {
        var before = await EngineSubject.RevisionAsync(store, policyId, revision, ct);
        if (!before.IsOk)
            return AnswerResults.Failure(before.Failure!);
        var after = await EngineSubject.RevisionAsync(store, policyId, other, ct);
        return after.IsOk ? Answer(before.Value.Estate, after.Value.Estate) : AnswerResults.Failure(after.Failure!);
    }

    private static async Task<IResult> Against(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision,
        [Description(EngineApi.Words.Against)] string? against, PolicyStore store, CancellationToken ct)
    {
        var after = await EngineSubject.RevisionAsync(store, policyId, revision, ct);
        if (!after.IsOk)
            return AnswerResults.Failure(after.Failure!);
        var info = after.Value.Revision!;
        string old;
        if (!string.IsNullOrEmpty(against))
            old = against;
        else if ((info.ParentNumber ?? info.Number - 1) is var parent and > 0)
            old = parent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else
            return AnswerResults.Invalid("against", $"revision {info.Number} is the first: name the revision to compare it with");
        if (!EngineSubject.TryParseRevision(old, out _))
            return AnswerResults.Invalid("against", $"{QuotedValue.Of(old)} is not a revision: give a revision number or '{EngineSubject.Latest}'");
        var before = await EngineSubject.RevisionAsync(store, policyId, old, ct);
        // The revision named in the query is what is missing: the request names a revision that does not exist.
        return before.IsOk ? Answer(before.Value.Estate, after.Value.Estate) : AnswerResults.Failure(before.Failure!);
    }

    private static async Task<IResult> Draft([Description(EngineApi.Words.DraftId)] Guid draftId, PolicyStore store, CancellationToken ct)
    {
        var draft = await EngineSubject.DraftAsync(store, draftId, ct);
        if (!draft.IsOk)
            return AnswerResults.Failure(draft.Failure!);
        if (draft.Value.Draft!.BaseRevision is not { } baseNumber)
            return Answer(Estate.Empty, draft.Value.Estate);
        var before = await store.GetRevisionAsync(draft.Value.PolicyId, baseNumber, ct);
        return before.IsOk ? Answer(before.Value.Estate, draft.Value.Estate) : AnswerResults.Failure(before.Failure!);
    }

    private static IResult Answer(Estate before, Estate after)
    {
        var (rules, flows) = DiffAnswer.Compare(before, after);
        return AnswerResults.JsonText(DiffAnswer.Json(rules, flows));
    }
}
