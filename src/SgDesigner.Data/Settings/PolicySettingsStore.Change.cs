using SgDesigner.Core.Assertions;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Settings;

public sealed partial class PolicySettingsStore
{
    /// <summary>
    /// Changes several of a policy's settings as one write; owners and administrators only. With
    /// <paramref name="expectedTag"/>, only while the settings are the ones it was read with: checked once, under the
    /// policy's lock, in the transaction that stores the whole change, so two saves cannot interleave and a save never
    /// lands half. The required approvals first, the assertions second, whether they block merging third and whether
    /// open rules need a justification last, each written (and audited) only when it differs from what is stored; bad
    /// assertions or an approval count out of range refuse the whole change. A new approval count re-evaluates the open
    /// requests in the same transaction.
    /// </summary>
    /// <returns>The settings as this write stored them (not read again afterwards), and whether anything changed.</returns>
    public Task<StoreResult<SettingsSaved>> ChangeAsync(
        AuditActor actor, Guid policyId, SettingsChange change, string? expectedTag = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync<SettingsSaved>(actor, policyId, expectedTag, (db, policy) => ApplyAsync(db, policy, actor, change, ct), ct);
    }

    // The change on the locked row whose settings are still the ones the caller read: refused whole when a value is bad.
    private async Task<StoreResult<SettingsSaved>> ApplyAsync(SgDbContext db, Rows.PolicyRow policy, AuditActor actor, SettingsChange change, CancellationToken ct)
    {
        var policyId = policy.Id;
        if (change.Assertions is { } text && CheckAssertions(text) is { } invalid)
            return invalid;
        if (change.RequiredApprovals is < 1 or > 20)
            return StoreFailure.Invalid("requiredApprovals", "a policy needs between 1 and 20 approvals per change request");

        var now = clock.GetUtcNow().UtcDateTime;
        var details = new List<(string Action, string Details)>();
        var approvalsChanged = change.RequiredApprovals is { } required && required != policy.RequiredApprovals;
        if (approvalsChanged)
        {
            details.Add(("policy.settings-changed", $"required approvals {policy.RequiredApprovals} → {change.RequiredApprovals}"));
            policy.RequiredApprovals = change.RequiredApprovals!.Value;
        }
        if (change.Assertions is { } assertions && assertions != policy.Assertions)
        {
            details.Add(("policy.assertions-changed",
                $"{Count(AssertionParser.Parse(assertions).Assertions.Length)} (was {Count(AssertionParser.Parse(policy.Assertions).Assertions.Length)})"));
            policy.Assertions = assertions;
        }
        if (change.AssertionsBlockMerge is { } block && block != policy.AssertionsBlockMerge)
        {
            details.Add(("policy.settings-changed", $"assertions block merge {OnOff(!block)} → {OnOff(block)}"));
            policy.AssertionsBlockMerge = block;
        }
        if (change.RequireJustification is { } require && require != policy.RequireJustification)
        {
            details.Add(("policy.settings-changed", $"justification required on rules open to the world {OnOff(!require)} → {OnOff(require)}"));
            policy.RequireJustification = require;
        }
        if (details.Count > 0)
        {
            policy.UpdatedAt = now;
            // One entry per setting changed, in the order they are applied.
            foreach (var (action, what) in details)
                db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, action, "policy", policyId.ToString(), what));
            if (await PolicyStore.SaveAsync(db, ct) is { } failure)
                return failure;
            // Open requests become approved, or stop being, under the new rule.
            if (approvalsChanged)
                await ReviewApprovals.RefreshOpenRequestsAsync(db, policyId, now, ct);
        }
        return new SettingsSaved(Of(policy), details.Count > 0);
    }
}

/// <summary>A change of a policy's settings; a null field stays as it is.</summary>
/// <param name="RequiredApprovals">Approvals a change request needs.</param>
/// <param name="Assertions">The assertions, one JSON object per line.</param>
/// <param name="AssertionsBlockMerge">Whether a request that breaks an assertion is refused at merge.</param>
/// <param name="RequireJustification">Whether an inbound allow from the whole internet needs a justification (SGD041).</param>
public sealed record SettingsChange(int? RequiredApprovals, string? Assertions, bool? AssertionsBlockMerge, bool? RequireJustification = null);

/// <summary>What <see cref="PolicySettingsStore.ChangeAsync"/> stored.</summary>
/// <param name="Settings">The settings as stored by the change.</param>
/// <param name="Changed">False when the change asked for what was already stored (nothing written, nothing audited).</param>
public sealed record SettingsSaved(PolicySettings Settings, bool Changed);
