using CsCheck;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// Property tests: on thousands of random small estates the engine answers exactly what the naive
/// reference evaluator, written straight from semantics.md, answers.
/// </summary>
public class EngineAgreesWithNaiveTests
{
    // (seed, size): shrinking lowers the size; a failure prints both so it can be replayed with RandomEstates.Make.
    private static readonly Gen<(int Seed, int Size)> Estates = Gen.Select(Gen.Int, Gen.Int[1, 6]);

    private static string Print((int Seed, int Size) x) => $"RandomEstates.Make({x.Seed}, {x.Size})";

    [Fact]
    public void QueryAgreesWithTheNaiveEvaluatorOnRandomEndpointPairs()
    {
        Estates.Sample(x =>
        {
            var estate = RandomEstates.Make(x.Seed, x.Size);
            var engine = ReachabilityEngine.Build(estate);
            var random = new Random(x.Seed);
            var endpoints = RandomEstates.Endpoints(estate);
            for (var i = 0; i < 40; i++)
            {
                var from = endpoints[random.Next(endpoints.Count)];
                var to = endpoints[random.Next(endpoints.Count)];
                var traffic = RandomEstates.RandomTraffic(random);
                var fast = engine.Query(from, to, traffic);
                var naive = NaiveEvaluator.Query(estate, from, to, traffic);
                Assert.Equal(naive.Allowed, fast.Allowed);
                Assert.Equal(naive.DeniedBy, fast.DeniedBy);
                Assert.Equal(naive.Egress.ToHashSet(), fast.Egress.ToHashSet());
                Assert.Equal(naive.Ingress.ToHashSet(), fast.Ingress.ToHashSet());
                var explanation = engine.Explain(from, to, traffic);
                Assert.Equal(fast.Allowed, explanation.Verdict.Allowed);
                var decidedByRules = fast.DeniedBy is DeniedSide.SourceEgress or DeniedSide.DestinationIngress or DeniedSide.Both;
                Assert.Equal(decidedByRules, explanation.NearestMiss is not null);
            }
        }, iter: 1000, print: Print);
    }

    [Fact]
    public void MatrixAgreesWithTheNaiveEvaluatorOnEveryEniPair()
    {
        Estates.Sample(x =>
        {
            var estate = RandomEstates.Make(x.Seed, x.Size);
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            Assert.Equal(estate.NetworkInterfaces.Select(e => e.Id), matrix.Enis.Select(e => e.EniId));
            foreach (var (from, to, allowed) in NaiveEvaluator.AllPairs(estate))
                Assert.Equal(allowed, matrix.Between(from.Id, to.Id));
        }, iter: 1000, print: Print);
    }

    [Fact]
    public void NaiveMatrixCellsContainExactlyTheTrafficNaiveQueriesAllow()
    {
        // Ties TrafficSet.Of(rule) to the protocol table that Query follows.
        Estates.Sample(x =>
        {
            var estate = RandomEstates.Make(x.Seed, x.Size);
            var random = new Random(x.Seed);
            foreach (var (from, to, allowed) in NaiveEvaluator.AllPairs(estate))
            {
                if (from.PrimaryIp is not { } a || to.PrimaryIp is not { } b)
                    continue;
                for (var i = 0; i < 8; i++)
                {
                    var traffic = RandomEstates.RandomTraffic(random);
                    var verdict = NaiveEvaluator.Query(estate, new EniEndpoint(from.Id, a), new EniEndpoint(to.Id, b), traffic);
                    Assert.Equal(verdict.Allowed, allowed.Contains(traffic));
                }
            }
        }, iter: 600, print: Print);
    }

    [Fact]
    public void UpdateAfterOneRuleEditGivesTheSameMatrixAsBuild()
    {
        Estates.Sample(x =>
        {
            var estate = RandomEstates.Make(x.Seed, x.Size);
            var engine = ReachabilityEngine.Build(estate);
            var before = engine.Matrix();
            var random = new Random(x.Seed);
            var next = RandomEstates.WithOneRuleEdit(estate, random);
            var updated = engine.Update(next);
            var fromUpdate = updated.Matrix();
            var fromBuild = ReachabilityEngine.Build(next).Matrix();
            Assert.Equal(fromBuild.ClassCount, fromUpdate.ClassCount);
            foreach (var from in next.NetworkInterfaces)
            {
                foreach (var to in next.NetworkInterfaces)
                {
                    Assert.Equal(fromBuild.Between(from.Id, to.Id), fromUpdate.Between(from.Id, to.Id));
                    // The same partition into classes, whatever the numbering.
                    Assert.Equal(fromBuild.ClassOf(from.Id) == fromBuild.ClassOf(to.Id), fromUpdate.ClassOf(from.Id) == fromUpdate.ClassOf(to.Id));
                }
            }
            // The old engine is untouched by the update.
            Assert.Same(before, engine.Matrix());
            // And a second edit on top of the first keeps agreeing.
            var third = RandomEstates.WithOneRuleEdit(next, random);
            var again = updated.Update(third).Matrix();
            // Two edits with no matrix asked for in between: the update starts from the first engine's matrix.
            var skipped = engine.Update(next).Update(third).Matrix();
            var rebuilt = ReachabilityEngine.Build(third).Matrix();
            foreach (var (from, to, allowed) in NaiveEvaluator.AllPairs(third))
            {
                Assert.Equal(allowed, again.Between(from.Id, to.Id));
                Assert.Equal(allowed, skipped.Between(from.Id, to.Id));
                Assert.Equal(allowed, rebuilt.Between(from.Id, to.Id));
            }
        }, iter: 700, print: Print);
    }
}
