using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Tests.Review;

public sealed class SharedComputationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallersAskingTogetherShareOneComputation()
    {
        var shared = new SharedComputation<string, object>();
        var release = new TaskCompletionSource();
        var runs = 0;
        async Task<object> Compute(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await release.Task.WaitAsync(ct);
            return new object();
        }

        var callers = Enumerable.Range(0, 8).Select(_ => shared.GetAsync("v1", Compute, Token)).ToList();
        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(0, shared.RunningCount);
    }

    [Fact]
    public async Task TheComputationGoesOnWhileOneCallerIsStillWaiting()
    {
        var shared = new SharedComputation<string, int>();
        var release = new TaskCompletionSource();
        CancellationToken seen = default;
        async Task<int> Compute(CancellationToken ct)
        {
            seen = ct;
            await release.Task.WaitAsync(ct);
            return 42;
        }
        using var leaving = new CancellationTokenSource();

        var first = shared.GetAsync("v1", Compute, leaving.Token);
        var second = shared.GetAsync("v1", Compute, Token);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();

        Assert.Equal(42, await second);
        Assert.False(seen.IsCancellationRequested);
    }

    [Fact]
    public async Task TheComputationIsCancelledWhenEveryCallerHasGone()
    {
        var shared = new SharedComputation<string, int>();
        var started = new TaskCompletionSource<CancellationToken>();
        async Task<int> Compute(CancellationToken ct)
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();

        var first = shared.GetAsync("v1", Compute, a.Token);
        var second = shared.GetAsync("v1", Compute, b.Token);
        var computation = await started.Task.WaitAsync(Token);
        await a.CancelAsync();
        Assert.False(computation.IsCancellationRequested);
        await b.CancelAsync();

        Assert.True(computation.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(0, shared.RunningCount);
    }

    [Fact]
    public async Task ACallerAfterACancelledRunStartsAfresh()
    {
        var shared = new SharedComputation<string, int>();
        var runs = 0;
        async Task<int> Slow(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }
        using var gone = new CancellationTokenSource();
        var abandoned = shared.GetAsync("v1", Slow, gone.Token);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var fresh = await shared.GetAsync("v1", _ => Task.FromResult(7), Token);

        Assert.Equal(7, fresh);
    }
}
