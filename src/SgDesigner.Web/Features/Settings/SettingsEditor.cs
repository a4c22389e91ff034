using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Features.Settings;

/// <summary>
/// The one way to change a policy's settings, for the API and the settings page: the caller's access (the owner role;
/// a read token or a token bound elsewhere is refused), the current settings, then the required approvals first,
/// the assertions second, whether they block merging third and whether open rules need a justification last, each only when it differs from what is stored (so a repeated save writes no audit entry);
/// assertions that do not parse refuse the whole change before anything is stored. A new required count changes the
/// status of open requests, so every open request page hears of it.
/// </summary>
public sealed class SettingsEditor(PolicySettingsStore settings, ReviewStore reviews, PolicyAccess access, ReviewEvents? events = null)
{
    /// <summary>
    /// The settings after the change, or the first refusal; a null field stays as it is. With <paramref name="expectedTag"/>,
    /// only while the settings are the ones it was read with: checked up front, and again inside the first store write.
    /// </summary>
    public async Task<StoreResult<PolicySettings>> ApplyAsync(
        Caller caller, Guid policyId, int? requiredApprovals, string? assertions, string? expectedTag = null, CancellationToken ct = default) =>
        await ApplyAsync(caller, policyId, new SettingsChange(requiredApprovals, assertions, null, null), expectedTag, ct);

    /// <summary>As above, with whether the assertions block merging too (applied last).</summary>
    public async Task<StoreResult<PolicySettings>> ApplyAsync(
        Caller caller, Guid policyId, SettingsChange change, string? expectedTag = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (requiredApprovals, assertions, blockMerge, requireJustification) = change;
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageSettings, policyId, caller.Token, ct) is { } refused)
            return refused;
        var current = await settings.GetAsync(policyId, ct);
        if (!current.IsOk)
            return current;
        if (StateTag.Check(expectedTag, PolicySettingsStore.Tag(current.Value), "the policy's settings") is { } stale)
            return stale;
        // Bad assertions refuse the whole change before the approvals are stored.
        if (assertions is not null && PolicySettingsStore.CheckAssertions(assertions) is { } invalidAssertions)
            return invalidAssertions;
        var changed = false;
        if (requiredApprovals is { } required && required != current.Value.RequiredApprovals)
        {
            if (await reviews.SetRequiredApprovalsAsync(caller.Actor, policyId, required, expectedTag, ct) is { IsOk: false } notSet)
                return notSet.Failure!;
            changed = true;
        }
        if (assertions is not null && assertions != current.Value.Assertions)
        {
            if (await settings.SetAssertionsAsync(caller.Actor, policyId, assertions, changed ? null : expectedTag, ct) is { IsOk: false } invalid)
                return invalid;
            changed = true;
        }
        if (blockMerge is { } block && block != current.Value.AssertionsBlockMerge)
        {
            if (await settings.SetAssertionsBlockMergeAsync(caller.Actor, policyId, block, changed ? null : expectedTag, ct) is { IsOk: false } notSet)
                return notSet;
            changed = true;
        }
        if (requireJustification is { } require && require != current.Value.RequireJustification)
        {
            if (await settings.SetRequireJustificationAsync(caller.Actor, policyId, require, changed ? null : expectedTag, ct) is { IsOk: false } notSet)
                return notSet;
            changed = true;
        }
        if (changed)
            events?.PolicyChanged(policyId);
        return await settings.GetAsync(policyId, ct);
    }
}

/// <summary>A change of a policy's settings; a null field stays as it is.</summary>
/// <param name="RequiredApprovals">Approvals a change request needs.</param>
/// <param name="Assertions">The assertions, one JSON object per line.</param>
/// <param name="AssertionsBlockMerge">Whether a request that breaks an assertion is refused at merge.</param>
/// <param name="RequireJustification">Whether an inbound allow from the whole internet needs a justification (SGD041).</param>
public sealed record SettingsChange(int? RequiredApprovals, string? Assertions, bool? AssertionsBlockMerge, bool? RequireJustification = null);

/// <summary>Registers the settings' service.</summary>
public static class SettingsServices
{
    /// <summary>Adds <see cref="SettingsEditor"/>, one per app.</summary>
    public static IServiceCollection AddSettings(this IServiceCollection services) => services.AddSingleton<SettingsEditor>();
}
