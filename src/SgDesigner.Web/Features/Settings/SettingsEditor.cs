using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Features.Settings;

/// <summary>
/// The one way to change a policy's settings, for the API and the settings page: the caller's access (the owner role;
/// a read token or a token bound elsewhere is refused), the current settings, then the required approvals first and
/// the assertions second, each only when it differs from what is stored (so a repeated save writes no audit entry);
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
        Caller caller, Guid policyId, int? requiredApprovals, string? assertions, string? expectedTag = null, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageSettings, policyId, caller.Token, ct) is { } refused)
            return refused;
        var current = await settings.GetAsync(policyId, ct);
        if (!current.IsOk)
            return current;
        if (StateTag.Check(expectedTag, PolicySettingsStore.Tag(current.Value.RequiredApprovals, current.Value.Assertions), "the policy's settings") is { } stale)
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
        if (changed)
            events?.PolicyChanged(policyId);
        return await settings.GetAsync(policyId, ct);
    }
}

/// <summary>Registers the settings' service.</summary>
public static class SettingsServices
{
    /// <summary>Adds <see cref="SettingsEditor"/>, one per app.</summary>
    public static IServiceCollection AddSettings(this IServiceCollection services) => services.AddSingleton<SettingsEditor>();
}
