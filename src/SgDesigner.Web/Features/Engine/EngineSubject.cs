using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Engine;

/// <summary>What an engine endpoint answers about: a stored revision or a draft, with its policy.</summary>
/// <param name="PolicyId">The policy it belongs to (for its acceptances and assertions).</param>
/// <param name="Estate">The content the engine reads.</param>
/// <param name="Revision">The revision, or null for a draft.</param>
/// <param name="Draft">The draft, or null for a revision.</param>
public sealed record EngineSubject(Guid PolicyId, Estate Estate, RevisionInfo? Revision, DraftInfo? Draft)
{
    /// <summary>The word a route takes for the newest revision.</summary>
    public const string Latest = "latest";

    /// <summary>Revision <paramref name="revision"/> (a number or <c>latest</c>) of a policy; not found names what is missing.</summary>
    public static async Task<StoreResult<EngineSubject>> RevisionAsync(PolicyStore store, Guid policyId, string revision, CancellationToken ct)
    {
        if (!TryParseRevision(revision, out var number))
            return StoreFailure.NotFound($"policy {policyId} has no revision {QuotedValue.Of(revision)}: give a revision number or '{Latest}'");
        var content = await store.GetRevisionAsync(policyId, number, ct);
        return content.IsOk ? new EngineSubject(policyId, content.Value.Estate, content.Value.Info, null) : content.Failure!;
    }

    /// <summary>A draft with its content; not found names the draft.</summary>
    public static async Task<StoreResult<EngineSubject>> DraftAsync(PolicyStore store, Guid draftId, CancellationToken ct)
    {
        var draft = await store.GetDraftAsync(draftId, ct);
        return draft.IsOk ? new EngineSubject(draft.Value.Info.PolicyId, draft.Value.Estate, null, draft.Value.Info) : draft.Failure!;
    }

    /// <summary>A revision as a route gives it: a positive number, or <c>latest</c> (null).</summary>
    public static bool TryParseRevision(string text, out int? number)
    {
        number = null;
        if (string.Equals(text, Latest, StringComparison.OrdinalIgnoreCase))
            return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            number = n;
            return true;
        }
        return false;
    }
}
