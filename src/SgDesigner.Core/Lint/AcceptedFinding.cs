namespace SgDesigner.Core.Lint;

/// <summary>
/// A finding a team has decided to live with, and why (as Checkov's <c>skip</c> comment with a reason, or a code-scanning
/// alert dismissed as "won't fix"). It stays on record while the finding is gone; it applies again only to the same key.
/// </summary>
/// <param name="Key">The finding it accepts.</param>
/// <param name="Reason">Why it is accepted; never empty.</param>
/// <param name="AcceptedBy">Who accepted it, when known.</param>
/// <param name="AcceptedAt">When (UTC), when known.</param>
/// <param name="ExpiresAt">When it stops applying (UTC), or null for never.</param>
public sealed record AcceptedFinding(
    FindingKey Key, string Reason, string? AcceptedBy = null, DateTime? AcceptedAt = null, DateTime? ExpiresAt = null)
{
    /// <summary>The most characters a reason may have.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Whether it still applies at <paramref name="now"/> (UTC).</summary>
    public bool IsInForce(DateTime now) => ExpiresAt is not { } end || end > now;
}

/// <summary>Findings split into those still to deal with and those accepted, each with its acceptance.</summary>
/// <param name="Active">Findings no acceptance in force covers; these count (severity badges, <c>--fail-on</c>).</param>
/// <param name="Accepted">Findings covered by an acceptance in force.</param>
public sealed record FindingTriage(IReadOnlyList<Finding> Active, IReadOnlyList<(Finding Finding, AcceptedFinding Acceptance)> Accepted)
{
    /// <summary>
    /// Splits <paramref name="findings"/> by <paramref name="acceptances"/> in force at <paramref name="now"/>. Acceptances
    /// whose finding no longer fires are simply unused: they stay stored, and apply again if the same key fires again.
    /// </summary>
    public static FindingTriage Split(IEnumerable<Finding> findings, IEnumerable<AcceptedFinding> acceptances, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(acceptances);
        var byKey = new Dictionary<FindingKey, AcceptedFinding>();
        foreach (var acceptance in acceptances.Where(a => a.IsInForce(now)))
            byKey.TryAdd(acceptance.Key, acceptance);
        var active = new List<Finding>();
        var accepted = new List<(Finding, AcceptedFinding)>();
        foreach (var finding in findings)
        {
            if (byKey.TryGetValue(FindingKey.Of(finding), out var acceptance))
                accepted.Add((finding, acceptance));
            else
                active.Add(finding);
        }
        return new FindingTriage(active, accepted);
    }
}
