using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// What a request's impact and a comparison of two revisions share: finished views kept by key (a reviewer's page reloads
/// on every comment), one computation per key shared by the callers asking at once (it stops when all have gone), and at
/// most <see cref="ImpactLimits.MaxConcurrent"/> analyses running, the others waiting without holding a thread.
/// </summary>
public sealed class ImpactCache<TKey>(int size, ImpactLimits limits) : IDisposable where TKey : notnull
{
    private readonly Dictionary<TKey, ImpactView> _views = [];
    private readonly Lock _gate = new();
    private readonly SharedComputation<TKey, StoreResult<ImpactView>> _running = new();
    private readonly SemaphoreSlim _slots = new(limits.MaxConcurrent, limits.MaxConcurrent);

    /// <summary>How many computations are running now.</summary>
    public int RunningCount => _running.RunningCount;

    /// <summary>Releases the concurrency slots when the app stops.</summary>
    public void Dispose() => _slots.Dispose();

    /// <summary>The view kept for <paramref name="key"/>, or the one <paramref name="compute"/> gives (kept when it succeeds).</summary>
    public async Task<StoreResult<ImpactView>> GetAsync(
        TKey key, Func<CancellationToken, Task<StoreResult<ImpactView>>> compute, CancellationToken ct)
    {
        if (TryGet(key, out var kept))
            return kept;
        return await _running.GetAsync(key, async token =>
        {
            // A caller that missed the cache while another computed the same key finds the result here.
            if (TryGet(key, out var done))
                return done;
            var result = await compute(token);
            if (result.IsOk)
            {
                lock (_gate)
                {
                    if (_views.Count >= size)
                        _views.Clear();
                    _views[key] = result.Value;
                }
            }
            return result;
        }, ct);
    }

    /// <summary>Runs the analysis itself in one of the bounded slots (loading the estates does not take one).</summary>
    public async Task<ImpactView> InSlotAsync(Func<ImpactView> analyze, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return analyze();
        }
        finally
        {
            _slots.Release();
        }
    }

    private bool TryGet(TKey key, out ImpactView view)
    {
        lock (_gate)
            return _views.TryGetValue(key, out view!);
    }
}
