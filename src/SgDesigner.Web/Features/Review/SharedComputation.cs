namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Runs one computation per key however many callers ask for it at the same time: eight reviewers opening the same
/// request share one analysis. The computation has its own cancellation, which fires when every caller waiting for it
/// has gone (closed the page, dropped the request); a caller that leaves while others wait does not stop it.
/// </summary>
/// <typeparam name="TKey">What identifies one computation.</typeparam>
/// <typeparam name="TValue">Its result.</typeparam>
public sealed class SharedComputation<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, Running> _running = [];
    private readonly Lock _gate = new();

    /// <summary>How many computations are running now (for tests and diagnostics).</summary>
    public int RunningCount
    {
        get
        {
            lock (_gate)
                return _running.Count;
        }
    }

    /// <summary>
    /// The result of <paramref name="compute"/> for <paramref name="key"/>, started now or joined when already running.
    /// <paramref name="ct"/> cancels this caller's wait; the computation itself is cancelled once no caller waits.
    /// </summary>
    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> compute, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Running running;
        lock (_gate)
        {
            if (!_running.TryGetValue(key, out running!))
            {
                running = new Running();
                _running[key] = running;
                // Started outside the caller's context so that a synchronous start never runs under the lock; forgotten
                // before its result is published, so a caller that has its answer never sees it still running.
                running.Task = Task.Run(async () =>
                {
                    try
                    {
                        return await compute(running.Cancellation.Token);
                    }
                    finally
                    {
                        Forget(key, running);
                    }
                }, CancellationToken.None);
            }
            running.Waiting++;
        }
        try
        {
            return await running.Task.WaitAsync(ct);
        }
        finally
        {
            Leave(key, running);
        }
    }

    private void Leave(TKey key, Running running)
    {
        lock (_gate)
        {
            if (--running.Waiting > 0 || running.Task.IsCompleted)
                return;
            // Nobody wants the answer any more: stop the work and let the next caller start afresh.
            running.Cancellation.Cancel();
            if (_running.TryGetValue(key, out var current) && current == running)
                _running.Remove(key);
        }
    }

    private void Forget(TKey key, Running running)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(key, out var current) && current == running)
                _running.Remove(key);
        }
    }

    private sealed class Running
    {
        // Never disposed: a caller leaving at the last moment may still cancel it, and it holds no timer.
        public CancellationTokenSource Cancellation { get; } = new();

        public Task<TValue> Task { get; set; } = null!;

        public int Waiting { get; set; }
    }
}
