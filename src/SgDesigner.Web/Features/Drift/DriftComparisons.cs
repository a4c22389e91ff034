using SgDesigner.Core.Drift;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Drift;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Drift;

/// <summary>A revision compared with a deployed snapshot.</summary>
/// <param name="Snapshot">The snapshot.</param>
/// <param name="Revision">The revision's number.</param>
/// <param name="Drift">What differs, in rules and in flows.</param>
public sealed record DriftComparison(DeployedSnapshotInfo Snapshot, int Revision, DeploymentDrift Drift);

/// <summary>A deployed rule adopted into a draft.</summary>
/// <param name="Draft">The draft, at its new version.</param>
/// <param name="DraftCreated">Whether the draft was opened for it.</param>
/// <param name="GroupId">The group it was added to (the design's id).</param>
/// <param name="Rule">The rule as added.</param>
public sealed record AdoptedRule(DraftInfo Draft, bool DraftCreated, string GroupId, Rule Rule);

/// <summary>
/// The drift view's one service, for the page, the policy page's line and the API alike: a revision against a stored
/// snapshot (Core's <see cref="DeploymentDrift"/>), and a deployed-only rule adopted into the caller's draft so that it
/// goes through review like any change.
/// </summary>
public sealed class DriftComparisons(DeployedSnapshotStore snapshots, PolicyStore store, PolicyAccess access, DraftEditor editor) : IDisposable
{
    // One adoption at a time picks its draft and writes: two at once (a double click, a script's retry) would each open a
    // draft, or the second would fail on the version the first wrote, which its caller never gave.
    private readonly SemaphoreSlim _adopting = new(1, 1);

    /// <summary>The title of a draft opened to adopt deployed rules.</summary>
    public const string AdoptDraftTitle = "Adopt deployed rules";

    /// <summary>Revision <paramref name="revision"/> (the newest when null) against snapshot <paramref name="snapshotId"/> (the newest when null).</summary>
    public async Task<StoreResult<DriftComparison>> CompareAsync(Guid policyId, Guid? snapshotId, int? revision, CancellationToken ct = default)
    {
        var snapshot = await snapshots.GetAsync(policyId, snapshotId, ct);
        if (!snapshot.IsOk)
            return snapshot.Failure!;
        var designed = await store.GetRevisionAsync(policyId, revision, ct);
        if (!designed.IsOk)
            return designed.Failure!;
        // The reachability diff of a large estate takes a while: off the circuit's and the request's thread.
        var drift = await Task.Run(() => DeploymentDrift.Between(designed.Value.Estate, snapshot.Value.Estate), ct);
        return new DriftComparison(snapshot.Value.Info, designed.Value.Info.Number, drift);
    }

    /// <summary>The rules the deployment has and the design lacks (added), or has otherwise (changed): what can be adopted.</summary>
    public static IEnumerable<(string GroupId, string GroupName, Rule Rule)> DeployedOnly(DeploymentDrift drift) =>
        drift.Rules.Groups.SelectMany(g => g.Added.Concat(g.Changed.Select(c => c.After)).Select(r => (g.GroupId, g.GroupName, r)));

    /// <summary>
    /// Adds deployed-only rule <paramref name="ruleId"/> of the snapshot (same group, same fields) to draft
    /// <paramref name="draftId"/> at <paramref name="expectedVersion"/>, or, without one, to the caller's newest open draft of
    /// the policy, opening one from the newest revision if they have none. The edit role, as for any draft change. Adopting
    /// again what the draft already holds writes nothing; a rule changed in the draft since it was adopted is a conflict.
    /// </summary>
    public async Task<StoreResult<AdoptedRule>> AdoptAsync(
        Caller caller, Guid policyId, Guid snapshotId, string? ruleId, Guid? draftId, long? expectedVersion, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.Edit, policyId, caller.Token, ct) is { } refused)
            return refused;
        if (string.IsNullOrWhiteSpace(ruleId))
            return StoreFailure.Invalid("ruleId", "name the deployed rule to adopt (its id, as the drift lists it)");
        var comparison = await CompareAsync(policyId, snapshotId, null, ct);
        if (!comparison.IsOk)
            return comparison.Failure!;
        var drift = comparison.Value.Drift;
        var (groupId, _, rule) = DeployedOnly(drift).FirstOrDefault(x => x.Rule.Id == ruleId);
        if (rule is null)
            return StoreFailure.Invalid("ruleId", $"rule {ruleId} is not deployed-only in snapshot {snapshotId} against revision {comparison.Value.Revision}: adopt a rule the drift lists as added or changed");
        if (drift.Designed.FindGroup(groupId) is not { } designedGroup)
            return StoreFailure.Invalid("ruleId", $"rule {ruleId} belongs to group {groupId}, which is deployed but not designed: add the group to a draft first");
        var designed = designedGroup.Rules.FirstOrDefault(r => r.Id == ruleId);
        await _adopting.WaitAsync(ct);
        try
        {
            var created = false;
            DraftInfo draft;
            if (draftId is { } id)
            {
                var given = await store.GetDraftAsync(id, ct);
                if (!given.IsOk || given.Value.Info.PolicyId != policyId)
                    return StoreFailure.NotFound($"policy {policyId} has no draft {id}");
                if (expectedVersion is null)
                    return StoreFailure.Invalid("If-Match", "send the draft's version (its ETag) in If-Match when naming a draft");
                draft = given.Value.Info;
            }
            else
            {
                var mine = await MyDraftAsync(caller, policyId, ct);
                if (!mine.IsOk)
                    return mine.Failure!;
                (draft, created) = mine.Value;
            }
            var content = await store.GetDraftAsync(draft.Id, ct);
            if (!content.IsOk)
                return content.Failure!;
            // Adopted already (a second click): nothing to write. Changed in the draft since: the adoption would undo that.
            var held = content.Value.Estate.FindGroup(groupId)?.Rules.FirstOrDefault(r => r.Id == ruleId);
            if (held == rule && (expectedVersion is null || expectedVersion == content.Value.Info.Version))
                return new AdoptedRule(content.Value.Info, created, groupId, rule);
            if (held is not null && held != designed && held != rule)
                return StoreFailure.Conflict($"rule {ruleId} of group {groupId} was changed in draft {QuotedValue.Of(draft.Title)} since it was designed or adopted: edit it there");
            var edited = await editor.EditAsync(caller, draft.Id, expectedVersion ?? content.Value.Info.Version, GroupEdits.PutRule(groupId, rule), ct);
            return edited.IsOk ? new AdoptedRule(edited.Value, created, groupId, rule) : edited.Failure!;
        }
        finally
        {
            _adopting.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _adopting.Dispose();

    // The caller's newest open draft of the policy, or a new one from the newest revision.
    private async Task<StoreResult<(DraftInfo Draft, bool Created)>> MyDraftAsync(Caller caller, Guid policyId, CancellationToken ct)
    {
        var drafts = await store.ListDraftsAsync(policyId, ct: ct);
        if (!drafts.IsOk)
            return drafts.Failure!;
        if (drafts.Value.FirstOrDefault(d => d.Status == DraftStatus.Open && d.Author == caller.Actor.Name) is { } mine)
            return (mine, false);
        var opened = await editor.OpenAsync(caller, policyId, null, AdoptDraftTitle, ct);
        return opened.IsOk ? (opened.Value, true) : opened.Failure!;
    }
}
