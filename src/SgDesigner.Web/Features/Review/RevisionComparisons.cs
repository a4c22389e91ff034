using SgDesigner.Core.Assertions;
using SgDesigner.Core.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Compares two revisions of a policy as a change request's impact compares a draft with its base: the rule diff, the
/// flows opened and closed (outside endpoints included), findings and assertions, as an <see cref="ImpactView"/> whose
/// base is the older side. Revisions never change, so a result is kept for as long as the cache holds it; the limits
/// are the request impact's (<see cref="ImpactLimits"/>), and callers asking for the same pair at once share one analysis.
/// </summary>
public sealed class RevisionComparisons(PolicyStore store, PolicySettingsStore settings, ImpactLimits limits) : IDisposable
{
    private readonly ImpactCache<CompareKey> _views = new(32, limits);

    /// <summary>Releases the concurrency slots when the app stops.</summary>
    public void Dispose() => _views.Dispose();

    /// <summary>
    /// What changes from revision <paramref name="from"/> to revision <paramref name="to"/> (either may be the older; the same
    /// revision twice is an empty comparison). A revision that does not exist is not found, naming it.
    /// </summary>
    public async Task<StoreResult<ImpactView>> CompareAsync(Guid policyId, int from, int to, CancellationToken ct = default)
    {
        var policySettings = await settings.GetAsync(policyId, ct);
        if (!policySettings.IsOk)
            return policySettings.Failure!;
        var key = new CompareKey(policyId, from, to, policySettings.Value.Assertions);
        return await _views.GetAsync(key, token => AnalyzeAsync(key, token), ct);
    }

    private async Task<StoreResult<ImpactView>> AnalyzeAsync(CompareKey key, CancellationToken ct)
    {
        var before = await store.GetRevisionAsync(key.PolicyId, key.From, ct);
        if (!before.IsOk)
            return before.Failure!;
        var after = await store.GetRevisionAsync(key.PolicyId, key.To, ct);
        if (!after.IsOk)
            return after.Failure!;
        var rules = before.Value.Estate.Groups.Sum(g => g.Rules.Length) + after.Value.Estate.Groups.Sum(g => g.Rules.Length);
        if (rules > limits.MaxRules)
            return StoreFailure.Conflict(
                $"the comparison is not computed: revisions {key.From} and {key.To} hold {rules:N0} rules together, above this server's "
                + $"limit of {limits.MaxRules:N0} (setting {ImpactLimits.Section}:MaxRules)");
        return await _views.InSlotAsync(() =>
        {
            var impact = ChangeImpact.Analyze(before.Value.Estate, after.Value.Estate, AssertionParser.Parse(key.Assertions).Assertions, ct);
            return ImpactView.From(impact, key.From, key.To, IdNames.Of(before.Value.Estate, after.Value.Estate));
        }, ct);
    }

    private sealed record CompareKey(Guid PolicyId, int From, int To, string Assertions);
}
