using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Accounts;

/// <summary>What an invitation offers, as its sign-up page shows it to whoever holds the link.</summary>
/// <param name="Email">Who is invited.</param>
/// <param name="PolicyName">The policy they join, or null for an invitation to the application only.</param>
/// <param name="Role">Their role on it, or null.</param>
/// <param name="InvitedBy">The display name of who invited them, or null when that account is gone.</param>
/// <param name="ExpiresAt">When the invitation stops working (UTC).</param>
public sealed record InvitationSummary(string Email, string? PolicyName, PolicyRole? Role, string? InvitedBy, DateTime ExpiresAt);

// The invitation page: which policy, which role, who invited.
public sealed partial class AccountStore
{
    /// <summary>
    /// What the invitation with <paramref name="token"/> offers, or why it cannot be used (not valid, used, expired),
    /// in the words sign-up would use. The token is the secret: whoever holds the link may read what it offers.
    /// </summary>
    public async Task<StoreResult<InvitationSummary>> DescribeInvitationAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
            return StoreFailure.Forbidden("the invitation is not valid");
        var usable = await UsableInvitationAsync(token, tracked: false, ct);
        if (!usable.IsOk)
            return usable.Failure!;
        var invitation = usable.Value;
        var policy = invitation.PolicyId is { } policyId
            ? await db.Policies.AsNoTracking().Where(p => p.Id == policyId).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;
        var inviter = invitation.InvitedByUserId is { } by
            ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        return new InvitationSummary(invitation.Email, policy, invitation.Role, inviter, StoredTime.Utc(invitation.ExpiresAt));
    }
}
