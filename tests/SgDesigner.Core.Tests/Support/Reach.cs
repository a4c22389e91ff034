using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.Support;

/// <summary>Asks the engine, and checks on the way that the naive reference evaluator agrees.</summary>
internal static class Reach
{
    public static Endpoint Resolve(Estate estate, string text)
    {
        var result = EndpointResolver.Resolve(estate, text);
        Assert.True(result.IsOk, result.Error);
        return result.Value;
    }

    public static Verdict Query(Estate estate, string from, string to, Traffic traffic)
    {
        var a = Resolve(estate, from);
        var b = Resolve(estate, to);
        var verdict = ReachabilityEngine.Build(estate).Query(a, b, traffic);
        var naive = NaiveEvaluator.Query(estate, a, b, traffic);
        Assert.Equal(naive.Allowed, verdict.Allowed);
        Assert.Equal(naive.DeniedBy, verdict.DeniedBy);
        Assert.Equal(naive.Egress.ToHashSet(), verdict.Egress.ToHashSet());
        Assert.Equal(naive.Ingress.ToHashSet(), verdict.Ingress.ToHashSet());
        return verdict;
    }

    public static bool Allowed(Estate estate, string from, string to, Traffic traffic) => Query(estate, from, to, traffic).Allowed;

    public static Explanation Explain(Estate estate, string from, string to, Traffic traffic) =>
        ReachabilityEngine.Build(estate).Explain(Resolve(estate, from), Resolve(estate, to), traffic);
}
