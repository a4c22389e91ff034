using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

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
