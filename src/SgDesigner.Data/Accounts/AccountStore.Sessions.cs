using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Accounts;

/// <summary>
/// What ends sessions: a password change and an administrator disabling an account both change the user's security
/// stamp, which every session cookie is checked against (see the web app's session validation).
/// </summary>
public sealed partial class AccountStore
{
    /// <summary>
    /// Changes the caller's own password; the current one is required. The security stamp changes with it, so every
    /// other session of the account ends (the web layer re-issues the caller's own cookie).
    /// </summary>
    public async Task<StoreResult<SgUser>> ChangePasswordAsync(
        AuditActor actor, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user)
            return MembershipStore.SignInFirst;
        if (!await users.CheckPasswordAsync(user, currentPassword ?? ""))
            return StoreFailure.Invalid("currentPassword", "the current password is wrong");
        var changed = await users.ChangePasswordAsync(user, currentPassword ?? "", newPassword ?? "");
        if (!changed.Succeeded)
            return StoreFailure.Invalid(changed.Errors.Select(e => new ValidationError(ErrorPath(e.Code) == "password" ? "newPassword" : "account", e.Description)));
        db.AuditEntries.Add(AuditLog.Row(null, Now, actor, "user.password-changed", "user", user.Id.ToString(), "other sessions ended"));
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>
    /// An administrator disables an account (it cannot sign in, its sessions end and its access tokens are revoked) or
    /// enables it again. Nobody disables themself, so an installation always keeps a working administrator.
    /// </summary>
    public async Task<StoreResult<SgUser>> SetDisabledAsync(AuditActor actor, Guid userId, bool disabled, CancellationToken ct = default)
    {
        if (actor.UserId is not { } callerId)
            return MembershipStore.SignInFirst;
        if (!await db.Users.AnyAsync(u => u.Id == callerId && u.IsAdministrator, ct))
            return StoreFailure.Forbidden("only administrators disable or enable accounts");
        if (callerId == userId)
            return StoreFailure.Invalid("userId", "you cannot disable your own account");
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
            return StoreFailure.NotFound($"user {userId} does not exist");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        // A new stamp ends every session at its next request (enabling leaves old sessions ended too).
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
            return StoreFailure.Conflict(string.Join(" ", updated.Errors.Select(e => e.Description)));
        if (disabled)
        {
            var now = Now;
            await db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        }
        db.AuditEntries.Add(AuditLog.Row(null, Now, actor, disabled ? "user.disabled" : "user.enabled", "user", user.Id.ToString(),
            disabled ? $"{user.DisplayName} <{user.Email}>: sessions ended, access tokens revoked" : $"{user.DisplayName} <{user.Email}>"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>Whether an administrator has disabled the account (a lockout without end).</summary>
    public static bool IsDisabled(SgUser user) => user.LockoutEnd?.Year == DateTimeOffset.MaxValue.Year;
}
