using SgDesigner.Core.Assertions;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Computes a change request's impact: the draft against the revision it started from, with the policy's assertions
/// checked on both. The page and the API call this (never each other). The result is kept per draft version, since
/// a reviewer's page re-loads on every comment and an analysis of a large estate takes a while.
/// </summary>
public sealed class RequestImpacts(ReviewStore reviews, PolicyStore store, PolicySettingsStore settings)
{
    private const int CacheSize = 64;
    private readonly Dictionary<(Guid Draft, long Version, int? Base, string Assertions), ImpactView> _cache = [];
    private readonly Lock _gate = new();

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
        var key = (draft.Value.Info.Id, draft.Value.Info.Version, baseNumber, assertions);
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached))
                return cached;
        }
        var baseEstate = Estate.Empty;
        if (baseNumber is { } number)
        {
            var revision = await store.GetRevisionAsync(request.PolicyId, number, ct);
            if (!revision.IsOk)
                return revision.Failure!;
            baseEstate = revision.Value.Estate;
        }
        var parsed = AssertionParser.Parse(assertions);
        // Lines that do not parse are refused when the assertions are saved; any that slipped through are skipped here.
        var impact = await Task.Run(() => ChangeImpact.Analyze(baseEstate, draft.Value.Estate, parsed.Assertions), ct);
        var view = ImpactView.From(impact, baseNumber, draft.Value.Info.Version);
        lock (_gate)
        {
            if (_cache.Count >= CacheSize)
                _cache.Clear();
            _cache[key] = view;
        }
        return view;
    }
}
