using Microsoft.AspNetCore.Identity;

namespace SgDesigner.Data.Accounts;

/// <summary>
/// A person who signs in. Identity keeps the credentials (password hash, lockout, security stamp); what a user may
/// do on a policy is their <see cref="Rows.PolicyMembershipRow"/> there, and administrators manage memberships.
/// </summary>
public sealed class SgUser : IdentityUser<Guid>
{
    /// <summary>A new user with a time-ordered id (friendlier to indexes than a random one).</summary>
    public SgUser() => Id = Guid.CreateVersion7();

    /// <summary>The name shown in the UI and the audit trail.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Manages users and memberships of every policy; not by itself a reviewer of anything.</summary>
    public bool IsAdministrator { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Whether the user chose the dark theme (remembered for every browser they sign in from).</summary>
    public bool PrefersDarkTheme { get; set; }
}
