namespace SgDesigner.Data.Rows;

/// <summary>
/// A member's role on one policy. Each role includes the rights of the ones before it (see
/// <see cref="Accounts.PolicyAccess"/>): viewers read, editors change drafts and open change requests, reviewers
/// approve or request changes, owners manage members and settings.
/// </summary>
public enum PolicyRole
{
    /// <summary>Reads the policy, its revisions, drafts and requests.</summary>
    Viewer,
    /// <summary>Edits drafts, opens change requests, comments.</summary>
    Editor,
    /// <summary>Approves or requests changes on others' requests.</summary>
    Reviewer,
    /// <summary>Manages members and settings, deletes the policy.</summary>
    Owner,
}

/// <summary>A user's role on a policy; at most one per policy and user.</summary>
public sealed class PolicyMembershipRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public Guid UserId { get; set; }
    public PolicyRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// An invitation to sign up, to a policy with a role or (both null) to the application only. Only the SHA-256 of
/// the token is stored: the token itself is shown once, to the one who invites.
/// </summary>
public sealed class InvitationRow
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public Guid? PolicyId { get; set; }
    public PolicyRole? Role { get; set; }
    public required string TokenHash { get; set; }
    public Guid? InvitedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? AcceptedByUserId { get; set; }
}

/// <summary>What a personal access token may do, at most (the user's role still applies).</summary>
public enum TokenScope
{
    /// <summary>Read-only: view actions only.</summary>
    Read,
    /// <summary>Everything the user's role allows.</summary>
    Write,
}

/// <summary>
/// A personal access token for automation. Only its SHA-256 is stored (the token is 256 random bits, so a fast hash
/// is enough: there is nothing to guess); <see cref="Prefix"/> is the first characters, to tell tokens apart.
/// </summary>
public sealed class PersonalAccessTokenRow
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public required string Prefix { get; set; }
    public TokenScope Scope { get; set; }
    /// <summary>When set, the token works on this policy only.</summary>
    public Guid? PolicyId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
