namespace SgDesigner.Data.Rows;

/// <summary>
/// A lint finding a policy's editors accepted, with the reason: it belongs to the policy, not to a revision, so it
/// applies to every revision and draft in which the same finding (check, group, rule, ENI) fires. Revoking deletes
/// the row; the audit trail keeps both the acceptance and its revocation.
/// </summary>
public sealed class FindingAcceptanceRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    /// <summary>The check's id (<c>SGD001</c>).</summary>
    public required string CheckId { get; set; }
    /// <summary>The finding's group, or empty (never null, so the unique index holds on PostgreSQL too).</summary>
    public string GroupId { get; set; } = "";
    /// <summary>The finding's rule, or empty.</summary>
    public string RuleId { get; set; } = "";
    /// <summary>The finding's network interface, or empty.</summary>
    public string EniId { get; set; } = "";
    public required string Reason { get; set; }
    /// <summary>Who accepted it (user id); null once that user is deleted (the name stays).</summary>
    public Guid? AcceptedByUserId { get; set; }
    /// <summary>Who accepted it, as the audit trail names them.</summary>
    public required string AcceptedBy { get; set; }
    public DateTime AcceptedAt { get; set; }
    /// <summary>When it stops applying (UTC), or null for never.</summary>
    public DateTime? ExpiresAt { get; set; }
}
