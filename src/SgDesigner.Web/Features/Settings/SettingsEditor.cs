using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Features.Settings;

/// <summary>
/// The one way to change a policy's settings, for the API and the settings page: the caller's access (the owner role;
/// a read token or a token bound elsewhere is refused), then the whole change as one write
/// (<see cref="PolicySettingsStore.ChangeAsync"/>): version-checked once, in the transaction that stores every part of it,
/// so two saves cannot interleave, and the answer is what that write stored. A change that stored something tells every
/// open request page (a new required count changes the status of open requests).
/// </summary>
public sealed class SettingsEditor(PolicySettingsStore settings, PolicyAccess access, ReviewEvents? events = null)
{
    /// <summary>
    /// The settings after the change, or the first refusal; a null field stays as it is. With <paramref name="expectedTag"/>,
    /// only while the settings are the ones it was read with.
    /// </summary>
    public async Task<StoreResult<PolicySettings>> ApplyAsync(
        Caller caller, Guid policyId, int? requiredApprovals, string? assertions, string? expectedTag = null, CancellationToken ct = default) =>
        await ApplyAsync(caller, policyId, new SettingsChange(requiredApprovals, assertions, null, null), expectedTag, ct);

    /// <summary>As above, with whether the assertions block merging and whether open rules need a justification.</summary>
    public async Task<StoreResult<PolicySettings>> ApplyAsync(
        Caller caller, Guid policyId, SettingsChange change, string? expectedTag = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageSettings, policyId, caller.Token, ct) is { } refused)
            return refused;
        var saved = await settings.ChangeAsync(caller.Actor, policyId, change, expectedTag, ct);
        if (!saved.IsOk)
            return saved.Failure!;
        if (saved.Value.Changed)
            events?.PolicyChanged(policyId);
        return saved.Value.Settings;
    }
}

/// <summary>Registers the settings' service.</summary>
public static class SettingsServices
{
    /// <summary>Adds <see cref="SettingsEditor"/>, one per app.</summary>
    public static IServiceCollection AddSettings(this IServiceCollection services) => services.AddSingleton<SettingsEditor>();
}
