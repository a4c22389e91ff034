using Microsoft.AspNetCore.Identity;

namespace SgDesigner.Data.Accounts;

/// <summary>
/// The password check behind sign-in, shaped so that its answer reveals nothing to someone without the password:
/// an unknown e-mail is checked against a placeholder hash (the same work as a real one), and a lockout is reported
/// only when the password given was right. The audit keeps the real story (a failure that locked the account).
/// </summary>
internal static class SignInChecks
{
    private static readonly SgUser Nobody = new();
    private static string? _placeholderHash;

    /// <summary>What to tell the person signing in, and what the audit trail records.</summary>
    public static async Task<(SignInResult Shown, SignInResult Audited)> CheckAsync(
        UserManager<SgUser> users, SignInManager<SgUser> signIns, SgUser? user, string password)
    {
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, PlaceholderHash(users), password);
            return (SignInResult.Failed, SignInResult.Failed);
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Counting nothing more: the lockout is in force. Only the owner of the password learns of it.
            var right = await users.CheckPasswordAsync(user, password);
            return (right ? SignInResult.LockedOut : SignInResult.Failed, SignInResult.LockedOut);
        }
        var result = await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        // A wrong password that has just locked the account is still only a wrong password to whoever typed it.
        return (result.IsLockedOut ? SignInResult.Failed : result, result);
    }

    private static string PlaceholderHash(UserManager<SgUser> users) =>
        _placeholderHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
}
