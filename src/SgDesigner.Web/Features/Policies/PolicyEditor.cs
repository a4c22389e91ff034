using SgDesigner.Core.Model;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Tokens;

namespace SgDesigner.Web.Features.Policies;

/// <summary>
/// The one way to create, rename and delete a policy, for the API, the policy pages and the import alike: the caller's
/// access (a token bound to one policy or a read token creates nothing; renaming and deleting need the owner role),
/// then <see cref="PolicyStore"/>, which checks the name, stores the change and its audit entry in one transaction; then
/// the live-update event, so open pages of the policy see its new name or that it is gone.
/// </summary>
public sealed class PolicyEditor(PolicyStore store, PolicyAccess access, ReviewEvents? events = null)
{
    /// <summary>
    /// Creates a policy whose revision 1 holds <paramref name="initial"/> (null: empty), owned by the caller;
    /// <paramref name="doing"/> names the action in a refusal ("creating policies", "importing policies").
    /// </summary>
    public async Task<StoreResult<PolicySummary>> CreateAsync(
        Caller caller, string name, string? description, Estate? initial = null, string doing = "creating policies", CancellationToken ct = default)
    {
        if (CallerLimits.AccountWideRefusal(caller, doing, writes: true) is { } refused)
            return refused;
        // Nothing listens for a new policy: the list of policies loads when it is shown.
        return await store.CreatePolicyAsync(name, description, initial, caller.Actor, ct);
    }

    /// <summary>Renames the policy and, when <paramref name="description"/> is not null, replaces its description (owners).</summary>
    public async Task<StoreResult<PolicySummary>> RenameAsync(
        Caller caller, Guid policyId, string name, string? description, string? expectedTag = null, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageSettings, policyId, caller.Token, ct) is { } refused)
            return refused;
        var renamed = await store.RenamePolicyAsync(policyId, name, description, caller.Actor, expectedTag, ct);
        if (renamed.IsOk)
            events?.PolicyChanged(policyId);
        return renamed;
    }

    /// <summary>Deletes the policy with its whole history; its audit trail stays (owners).</summary>
    public async Task<StoreResult<bool>> DeleteAsync(Caller caller, Guid policyId, string? expectedTag = null, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageSettings, policyId, caller.Token, ct) is { } refused)
            return refused;
        var deleted = await store.DeletePolicyAsync(policyId, caller.Actor, expectedTag, ct);
        if (deleted.IsOk)
            events?.PolicyChanged(policyId);
        return deleted;
    }
}

/// <summary>Registers the policies' service.</summary>
public static class PolicyServices
{
    /// <summary>Adds <see cref="PolicyEditor"/>, one per app.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services) => services.AddSingleton<PolicyEditor>();
}
