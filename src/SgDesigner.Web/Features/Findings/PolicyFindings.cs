using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Data.Findings;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Findings;

/// <summary>One finding as the API lists it: what the linter says, its key, and its acceptance when one is in force.</summary>
/// <param name="Id">The check's id (<c>SGD001</c>).</param>
/// <param name="Severity">info, warning or error.</param>
/// <param name="Group">The group concerned, or null.</param>
/// <param name="Rule">The rule concerned, or null.</param>
/// <param name="Eni">The network interface concerned, or null.</param>
/// <param name="Message">What was found.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="Checkov">Checkov's ids for the same problem.</param>
/// <param name="Key">What identifies it across edits; send it back to accept the finding.</param>
/// <param name="Accepted">The acceptance in force, or null when the finding counts.</param>
public sealed record FindingListing(
    string Id, Severity Severity, string? Group, string? Rule, string? Eni, string Message, string Why, IReadOnlyList<string> Checkov,
    FindingKey Key, AcceptanceListing? Accepted);

/// <summary>A stored acceptance as the API lists it.</summary>
/// <param name="Id">Its id; revoke with <c>DELETE …/findings/acceptances/{id}</c>.</param>
/// <param name="Key">The finding it accepts.</param>
/// <param name="Reason">Why.</param>
/// <param name="AcceptedBy">Who.</param>
/// <param name="AcceptedAt">When (UTC).</param>
/// <param name="ExpiresAt">When it stops applying (UTC), or null.</param>
/// <param name="Active">Whether it is in force and its finding fires in the content listed; an acceptance whose finding is
/// gone stays stored, and applies again if the same finding comes back.</param>
public sealed record AcceptanceListing(Guid Id, FindingKey Key, string Reason, string AcceptedBy, DateTime AcceptedAt, DateTime? ExpiresAt, bool Active)
{
    /// <summary>The listing of a stored acceptance.</summary>
    public static AcceptanceListing From(FindingAcceptance a, bool active) => new(a.Id, a.Key, a.Reason, a.AcceptedBy, a.AcceptedAt, a.ExpiresAt, active);
}

/// <summary>The findings of a revision or draft with their acceptance state.</summary>
/// <param name="Revision">The revision linted, or null when a draft was.</param>
/// <param name="DraftId">The draft linted, or null.</param>
/// <param name="Findings">Every finding, the ones that count first, most severe first.</param>
/// <param name="Counts">Findings that count (not accepted), per severity.</param>
/// <param name="AcceptedCount">Findings covered by an acceptance in force.</param>
/// <param name="Acceptances">Every acceptance stored for the policy, active or not.</param>
public sealed record FindingsReport(
    int? Revision, Guid? DraftId, IReadOnlyList<FindingListing> Findings, IReadOnlyDictionary<string, int> Counts, int AcceptedCount,
    IReadOnlyList<AcceptanceListing> Acceptances)
{
    /// <summary>
    /// Lints <paramref name="estate"/> (with the policy's <paramref name="lint"/> options) and sorts its findings by
    /// <paramref name="acceptances"/> in force at <paramref name="now"/>.
    /// </summary>
    public static FindingsReport Build(int? revision, Guid? draftId, Estate estate, IReadOnlyList<FindingAcceptance> acceptances, DateTime now, LintOptions lint)
    {
        var byKey = acceptances.ToDictionary(a => a.Key);
        var triage = FindingTriage.Split(Linter.Lint(estate, null, lint), acceptances.Select(a => a.ToAccepted()), now);
        var activeKeys = triage.Accepted.Select(a => a.Acceptance.Key).ToHashSet();
        var listings = triage.Active.Select(f => Listing(f, null))
            .Concat(triage.Accepted.Select(a => Listing(a.Finding, AcceptanceListing.From(byKey[a.Acceptance.Key], active: true))))
            .ToList();
        var counts = Enum.GetValues<Severity>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => triage.Active.Count(f => f.Severity == s));
        return new(revision, draftId, listings, counts, triage.Accepted.Count,
            [.. acceptances.Select(a => AcceptanceListing.From(a, activeKeys.Contains(a.Key)))]);
    }

    private static FindingListing Listing(Finding f, AcceptanceListing? accepted) =>
        new(f.Id, f.Severity, f.GroupId, f.RuleId, f.EniId, f.Message, f.Why, f.Checkov, FindingKey.Of(f), accepted);
}

/// <summary>Reads what <see cref="FindingsReport"/> needs: the draft's content when named (a draft of this policy), else the newest revision's.</summary>
public static class PolicyFindings
{
    /// <summary>The findings report of the policy's newest revision or of <paramref name="draftId"/>.</summary>
    public static async Task<StoreResult<FindingsReport>> ReportAsync(
        PolicyStore store, FindingAcceptanceStore acceptances, PolicySettingsStore settings, TimeProvider clock, Guid policyId, Guid? draftId,
        CancellationToken ct)
    {
        var stored = await acceptances.ListAsync(policyId, ct);
        if (!stored.IsOk)
            return stored.Failure!;
        var policySettings = await settings.GetAsync(policyId, ct);
        if (!policySettings.IsOk)
            return policySettings.Failure!;
        var now = clock.GetUtcNow().UtcDateTime;
        var lint = policySettings.Value.LintOptions(now);
        if (draftId is { } id)
        {
            var draft = await store.GetDraftAsync(id, ct);
            if (!draft.IsOk || draft.Value.Info.PolicyId != policyId)
                return StoreFailure.NotFound($"policy {policyId} has no draft {id}");
            return FindingsReport.Build(null, id, draft.Value.Estate, stored.Value, now, lint);
        }
        var revision = await store.GetRevisionAsync(policyId, null, ct);
        if (!revision.IsOk)
            return revision.Failure!;
        return FindingsReport.Build(revision.Value.Info.Number, null, revision.Value.Estate, stored.Value, now, lint);
    }
}
