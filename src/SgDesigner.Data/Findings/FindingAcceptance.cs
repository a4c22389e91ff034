using SgDesigner.Core.Lint;

namespace SgDesigner.Data.Findings;

/// <summary>A stored acceptance of a lint finding, as listed.</summary>
/// <param name="Id">Its id; revoking names it.</param>
/// <param name="PolicyId">The policy it belongs to.</param>
/// <param name="Key">The finding it accepts.</param>
/// <param name="Reason">Why.</param>
/// <param name="AcceptedBy">Who accepted it (name and e-mail as they were then).</param>
/// <param name="AcceptedByUserId">Their user id, or null once the user is gone.</param>
/// <param name="AcceptedAt">When (UTC).</param>
/// <param name="ExpiresAt">When it stops applying (UTC), or null for never.</param>
public sealed record FindingAcceptance(
    Guid Id, Guid PolicyId, FindingKey Key, string Reason, string AcceptedBy, Guid? AcceptedByUserId, DateTime AcceptedAt, DateTime? ExpiresAt)
{
    /// <summary>As Core's linter triage and the policy document know it.</summary>
    public AcceptedFinding ToAccepted() => new(Key, Reason, AcceptedBy, AcceptedAt, ExpiresAt);
}
