using SgDesigner.Core.Assertions;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;

using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Computes a change request's impact: the draft against the revision it started from, with the policy's assertions
/// checked on both. The page and the API call this (never each other). The result is kept per draft version, bounded as
/// <see cref="ImpactCache{TKey}"/> says; an estate above <see cref="ImpactLimits.MaxRules"/> is refused with a message
/// naming the limit.
/// </summary>
public sealed class RequestImpacts(ReviewStore reviews, PolicyStore store, PolicySettingsStore settings, ImpactLimits limits, TimeProvider clock) : IDisposable
{
    private readonly ImpactCache<ImpactKey> _views = new(64, limits);

    /// <summary>Releases the concurrency slots when the app stops.</summary>
    public void Dispose() => _views.Dispose();

    /// <summary>How many analyses are running now.</summary>
    public int RunningCount => _views.RunningCount;

    /// <summary>The impact of request <paramref name="requestId"/> as its draft stands now.</summary>
    public async Task<StoreResult<ImpactView>> GetAsync(Guid requestId, CancellationToken ct = default)
    {
        var request = await reviews.GetAsync(requestId, ct);
        if (!request.IsOk)
            return request.Failure!;
        return await OfDraftAsync(request.Value.Info, ct);
    }

    /// <summary>The impact of the draft a request proposes.</summary>
    public async Task<StoreResult<ImpactView>> OfDraftAsync(ChangeRequestInfo request, CancellationToken ct = default)
    {
        var draft = await store.GetDraftAsync(request.DraftId, ct);
        if (!draft.IsOk)
            return draft.Failure!;
        // The draft's own base, not the request's: a rebased draft is compared with the revision it now starts from.
        var baseNumber = draft.Value.Info.BaseRevision;
        var policySettings = await settings.GetAsync(request.PolicyId, ct);
        if (!policySettings.IsOk)
            return policySettings.Failure!;
        var assertions = policySettings.Value.Assertions;
        // The lint options are part of the key: turning the justification setting on, or a new day, computes the impact again.
        var lint = policySettings.Value.LintOptions(clock.GetUtcNow().UtcDateTime);
        var key = new ImpactKey(draft.Value.Info.Id, draft.Value.Info.Version, baseNumber, assertions, lint);
        var draftEstate = draft.Value.Estate;
        return await _views.GetAsync(key, token => AnalyzeAsync(key, request.PolicyId, draftEstate, token), ct);
    }

    private async Task<StoreResult<ImpactView>> AnalyzeAsync(ImpactKey key, Guid policyId, Estate draftEstate, CancellationToken ct)
    {
        // The revision is loaded here, by the one computation the callers share, not by each of eight reviewers opening a
        // new version at once.
        var baseEstate = Estate.Empty;
        if (key.Base is { } number)
        {
            var revision = await store.GetRevisionAsync(policyId, number, ct);
            if (!revision.IsOk)
                return revision.Failure!;
            baseEstate = revision.Value.Estate;
        }
        var rules = RuleCount(baseEstate) + RuleCount(draftEstate);
        if (rules > limits.MaxRules)
            return StoreFailure.Conflict(
                $"the impact of this change is not computed: the revision and the draft hold {rules:N0} rules together, above this "
                + $"server's limit of {limits.MaxRules:N0} (setting {ImpactLimits.Section}:MaxRules); review the rule changes, or ask "
                + "an administrator to raise the limit");
        return await _views.InSlotAsync(() =>
        {
            // Lines that do not parse are refused when the assertions are saved; any that slipped through are skipped here.
            var impact = ChangeImpact.Analyze(baseEstate, draftEstate, AssertionParser.Parse(key.Assertions).Assertions, key.Lint, ct);
            return ImpactView.From(impact, key.Base, key.Version, IdNames.Of(baseEstate, draftEstate));
        }, ct);
    }

    private static int RuleCount(Estate estate) => estate.Groups.Sum(g => g.Rules.Length);

    private sealed record ImpactKey(Guid Draft, long Version, int? Base, string Assertions, LintOptions Lint);
}

/// <summary>Bounds on the impact analysis, from the <c>Review:Impact</c> settings.</summary>
/// <param name="MaxConcurrent">Analyses running at once; the others wait their turn (default: half the processors, at least 1).</param>
/// <param name="MaxRules">Rules of the revision and the draft together above which the impact is refused (default 200,000).</param>
public sealed record ImpactLimits(int MaxConcurrent, int MaxRules)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Review:Impact";

    /// <summary>The limits configured in <paramref name="configuration"/>, or the defaults.</summary>
    public static ImpactLimits From(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(Section);
        return new ImpactLimits(
            Math.Max(1, section?.GetValue<int?>("MaxConcurrent") ?? Math.Max(1, Environment.ProcessorCount / 2)),
            Math.Max(1, section?.GetValue<int?>("MaxRules") ?? 200_000));
    }
}
