using Microsoft.AspNetCore.Identity;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Members;

/// <summary>An invitation as handed back to whoever created it: the sign-up link is shown this once.</summary>
/// <param name="Id">The invitation.</param>
/// <param name="Email">Who is invited.</param>
/// <param name="PolicyId">The policy they will join, or null for the application only.</param>
/// <param name="Role">Their role there, or null.</param>
/// <param name="ExpiresAt">When the link stops working (UTC).</param>
/// <param name="SignUpLink">The link to send them: <c>/account/sign-up?invitation=…</c>.</param>
public sealed record InvitationLink(Guid Id, string Email, Guid? PolicyId, PolicyRole? Role, DateTime ExpiresAt, string SignUpLink)
{
    /// <summary>The path of the sign-up page for an invitation token.</summary>
    public static string SignUpPath(string token) => $"/account/sign-up?invitation={Uri.EscapeDataString(token)}";

    /// <summary>The link for a created invitation, absolute against <paramref name="baseUri"/> (the app's own address).</summary>
    public static InvitationLink From(CreatedInvitation invitation, string baseUri) => new(
        invitation.Id, invitation.Email, invitation.PolicyId, invitation.Role, invitation.ExpiresAt,
        baseUri.TrimEnd('/') + SignUpPath(invitation.Token));
}

/// <summary>What adding someone to a policy did: added an existing user, or invited an unknown e-mail.</summary>
/// <param name="Member">The new member, when the user existed.</param>
/// <param name="Invitation">The invitation, when nobody has that e-mail yet.</param>
public sealed record MemberAddition(PolicyMember? Member, InvitationLink? Invitation);

/// <summary>
/// Adds someone to a policy by user id or e-mail: a known user becomes a member at once; an unknown e-mail gets an
/// invitation to the policy with that role (the sign-up makes them a member). The stores check the caller's role.
/// </summary>
public static class MemberAdditions
{
    /// <summary>Adds or invites; <paramref name="baseUri"/> makes the sign-up link absolute.</summary>
    public static async Task<StoreResult<MemberAddition>> AddAsync(
        Caller caller, Guid policyId, Guid? userId, string? email, PolicyRole? role, string baseUri,
        MembershipStore memberships, AccountStore accounts, UserManager<SgUser> users, CancellationToken ct = default)
    {
        if (role is not { } wanted)
            return StoreFailure.Invalid("role", "a role is needed: viewer, editor, reviewer or owner");
        if (userId is null && string.IsNullOrWhiteSpace(email))
            return StoreFailure.Invalid("email", "name the user by userId or email");
        if (userId is null && AccountStore.CheckEmail(email!.Trim()) is { } badEmail)
            return badEmail;
        var existing = userId ?? (await users.FindByEmailAsync(email!.Trim()))?.Id;
        if (existing is { } id)
        {
            var added = await memberships.AddAsync(caller.Actor, policyId, id, wanted, ct);
            if (userId is not null)
                added = added.MissingAt("userId");
            return added.IsOk ? new MemberAddition(added.Value, null) : added.Failure!;
        }
        var invited = await accounts.InviteAsync(caller.Actor, email!, policyId, wanted, ct: ct);
        return invited.IsOk ? new MemberAddition(null, InvitationLink.From(invited.Value, baseUri)) : invited.Failure!;
    }
}
