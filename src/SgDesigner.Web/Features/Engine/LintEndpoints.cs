using System.ComponentModel;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Findings;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Engine;

/// <summary><c>…/lint</c>: <c>sgd lint --json</c> over HTTP, with the policy's accepted findings as its exported document carries them.</summary>
public static class LintEndpoints
{
    private const string Words =
        "sgd lint --json: every finding with its stable id, severity, group, rule, why it matters and Checkov's ids. Findings the " +
        "policy accepts (as its exported document lists them) carry {reason, …} under 'accepted', are left out of 'counts' and never " +
        "fail. 'failed' says whether a finding at or above failOn (info, warning or error; default error) counts: sgd lint would exit 1.";

    /// <summary>Maps the endpoints on the revision and draft groups.</summary>
    internal static void Map(RouteGroupBuilder revision, RouteGroupBuilder draft)
    {
        Document(revision.MapGet("/lint", Revision).WithName("LintRevision")
            .WithSummary("The lint findings of a revision, as sgd lint --json").WithDescription($"{Words} {EngineApi.RevisionWords}"));
        Document(draft.MapGet("/lint", Draft).WithName("LintDraft")
            .WithSummary("The lint findings of a draft, as sgd lint --json").WithDescription($"{Words} {EngineApi.DraftWords}"));
    }

    private static void Document(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<LintResponse>(StatusCodes.Status200OK, "application/json").ProducesValidationProblem();

    private static async Task<IResult> Revision(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description(EngineApi.Words.Revision)] string revision,
        [Description(EngineApi.Words.FailOn)] string? failOn, PolicyStore store, FindingAcceptanceStore acceptances, TimeProvider clock,
        CancellationToken ct) =>
        await AnswerAsync(await EngineSubject.RevisionAsync(store, policyId, revision, ct), failOn, acceptances, clock, ct);

    private static async Task<IResult> Draft(
        [Description(EngineApi.Words.DraftId)] Guid draftId, [Description(EngineApi.Words.FailOn)] string? failOn, PolicyStore store,
        FindingAcceptanceStore acceptances, TimeProvider clock, CancellationToken ct) =>
        await AnswerAsync(await EngineSubject.DraftAsync(store, draftId, ct), failOn, acceptances, clock, ct);

    private static async Task<IResult> AnswerAsync(
        StoreResult<EngineSubject> subject, string? failOn, FindingAcceptanceStore acceptances, TimeProvider clock, CancellationToken ct)
    {
        var threshold = Severity.Error;
        if (!string.IsNullOrEmpty(failOn))
        {
            // By name only, as sgd's --fail-on: Enum.Parse would also take "2".
            if (!LintReport.SeverityNames.Contains(failOn.ToLowerInvariant()))
                return AnswerResults.Invalid("failOn", $"{QuotedValue.Of(failOn)} is not a severity: use {string.Join(", ", LintReport.SeverityNames)}");
            threshold = Enum.Parse<Severity>(failOn, ignoreCase: true);
        }
        if (!subject.IsOk)
            return AnswerResults.Failure(subject.Failure!);
        var accepted = await acceptances.ListAsync(subject.Value.PolicyId, ct);
        if (!accepted.IsOk)
            return AnswerResults.Failure(accepted.Failure!);
        var report = LintReport.Of(subject.Value.Estate, accepted.Value.Select(a => a.ToAccepted()), clock.GetUtcNow().UtcDateTime, threshold);
        return AnswerResults.JsonText(report.Json());
    }
}
