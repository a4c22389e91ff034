using Microsoft.AspNetCore.Identity;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Features.Members;

/// <summary>
/// The one way to change who may do what, for the API and the members and users pages alike: the caller's access
/// (a policy's members need the manage-members role; invitations to the application and disabling accounts need an
/// administrator; a read token or a token bound elsewhere is refused), then the stores, which check the rules (never
/// the last owner) and store the change with its audit entry; then the live-update event, since a role changes what
/// every open request page lets its reader do and which approvals count.
/// </summary>
/// <remarks>
/// <see cref="AccountStore"/> and Identity's user manager share a scoped context: each call that needs them opens its
/// own scope, so a circuit's long life never holds one context across additions.
/// </remarks>
public sealed class MemberAdmin(
    MembershipStore memberships, PolicyAccess access, IServiceScopeFactory scopes, PublicBaseUrl publicBase, ReviewEvents? events = null)
{
    /// <summary>
    /// Adds someone to the policy by user id or e-mail: a known user becomes a member at once; an unknown e-mail gets an
    /// invitation to the policy with that role, whose sign-up link is returned this once.
    /// </summary>
    public async Task<StoreResult<MemberAddition>> AddAsync(
        Caller caller, Guid policyId, Guid? userId, string? email, PolicyRole? role, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageMembers, policyId, caller.Token, ct) is { } refused)
            return refused;
        if (role is not { } wanted)
            return StoreFailure.Invalid("role", "a role is needed: viewer, editor, reviewer or owner");
        if (userId is null && string.IsNullOrWhiteSpace(email))
            return StoreFailure.Invalid("email", "name the user by userId or email");
        // PostgreSQL refuses a NUL even as a parameter: the e-mail is checked before it is looked up.
        if (userId is null && AccountStore.CheckEmail(email!.Trim()) is { } badEmail)
            return badEmail;
        await using var scope = scopes.CreateAsyncScope();
        var existing = userId ?? (await scope.ServiceProvider.GetRequiredService<UserManager<SgUser>>().FindByEmailAsync(email!.Trim()))?.Id;
        if (existing is { } id)
        {
            var added = await memberships.AddAsync(caller.Actor, policyId, id, wanted, ct);
            // A user named by id in the body who does not exist: the body is wrong, at userId.
            if (userId is not null)
                added = added.MissingAt("userId");
            if (!added.IsOk)
                return added.Failure!;
            events?.PolicyChanged(policyId);
            return new MemberAddition(added.Value, null);
        }
        var invited = await scope.ServiceProvider.GetRequiredService<AccountStore>().InviteAsync(caller.Actor, email!, policyId, wanted, ct: ct);
        return invited.IsOk ? new MemberAddition(null, InvitationLink.From(invited.Value, publicBase.Value)) : invited.Failure!;
    }

    /// <summary>Changes a member's role (never the last owner's).</summary>
    public async Task<StoreResult<PolicyMember>> ChangeRoleAsync(
        Caller caller, Guid policyId, Guid userId, PolicyRole role, string? expectedTag = null, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageMembers, policyId, caller.Token, ct) is { } refused)
            return refused;
        var changed = await memberships.ChangeRoleAsync(caller.Actor, policyId, userId, role, expectedTag, ct);
        if (changed.IsOk)
            events?.PolicyChanged(policyId);
        return changed;
    }

    /// <summary>Removes a member (never the last owner).</summary>
    public async Task<StoreResult<bool>> RemoveAsync(Caller caller, Guid policyId, Guid userId, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.ManageMembers, policyId, caller.Token, ct) is { } refused)
            return refused;
        var removed = await memberships.RemoveAsync(caller.Actor, policyId, userId, ct);
        if (removed.IsOk)
            events?.PolicyChanged(policyId);
        return removed;
    }

    /// <summary>Invites someone to the application without a policy (administrators); the sign-up link is returned this once.</summary>
    public async Task<StoreResult<InvitationLink>> InviteAsync(Caller caller, string email, CancellationToken ct = default)
    {
        if (CallerLimits.AdministratorsOnlyRefusal(caller, "inviting people to the application", writes: true) is { } refused)
            return refused;
        await using var scope = scopes.CreateAsyncScope();
        var invited = await scope.ServiceProvider.GetRequiredService<AccountStore>().InviteAsync(caller.Actor, email, ct: ct);
        return invited.IsOk ? InvitationLink.From(invited.Value, publicBase.Value) : invited.Failure!;
    }

    /// <summary>
    /// Disables an account (it cannot sign in, its sessions end, its tokens are revoked) or enables it again
    /// (administrators). Nothing else shows an account's state live: the users page reloads its list after the change.
    /// </summary>
    public async Task<StoreResult<SgUser>> SetDisabledAsync(Caller caller, Guid userId, bool disabled, CancellationToken ct = default)
    {
        if (CallerLimits.AdministratorsOnlyRefusal(caller, disabled ? "disabling accounts" : "enabling accounts", writes: true) is { } refused)
            return refused;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountStore>().SetDisabledAsync(caller.Actor, userId, disabled, ct);
    }
}

/// <summary>Registers the members' service.</summary>
public static class MemberServices
{
    /// <summary>Adds <see cref="MemberAdmin"/>, one per app.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services) => services.AddSingleton<MemberAdmin>();
}
