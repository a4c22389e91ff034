using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// Property test: on random estates with network ACLs, for every ordered pair of endpoints and traffic at the ports
/// where rules and ephemeral ranges begin and end, the engine's point queries give what the reference gives: the
/// groups' verdict (<see cref="NaiveEvaluator"/>) combined with <see cref="NaiveAclEvaluator"/>.
/// </summary>
public class EngineAgreesWithNaiveAclsTests
{
    private static readonly Gen<(int Seed, int Size)> Estates = Gen.Select(Gen.Int, Gen.Int[1, 5]);

    private static string Print((int Seed, int Size) x) => $"RandomAcls.Make({x.Seed}, {x.Size})";

    [Fact]
    public void QueriesAgreeWithTheReferenceOnEveryOrderedPair()
    {
        Estates.Sample(x =>
        {
            var estate = RandomAcls.Make(x.Seed, x.Size);
            var engine = ReachabilityEngine.Build(estate);
            var random = new Random(x.Seed);
            var endpoints = RandomEstates.Endpoints(estate);
            foreach (var from in endpoints)
            {
                foreach (var to in endpoints)
                {
                    for (var i = 0; i < 3; i++)
                        Check(estate, engine, from, to, RandomAcls.RandomTraffic(random));
                }
            }
        }, iter: 300, print: Print);
    }

    [Fact]
    public void TheRandomEstatesReachEveryOutcome()
    {
        // Guards the generator: an agreement where every answer is "no ACL crossed" would prove nothing.
        var seen = new HashSet<(AclOutcome, ConversationLeg?)>();
        for (var seed = 0; seed < 60; seed++)
        {
            var estate = RandomAcls.Make(seed, 4);
            var engine = ReachabilityEngine.Build(estate);
            var random = new Random(seed);
            var endpoints = RandomEstates.Endpoints(estate);
            foreach (var from in endpoints)
            {
                foreach (var to in endpoints)
                {
                    if (engine.Query(from, to, RandomAcls.RandomTraffic(random)).NetworkAcl is { } acl)
                        seen.Add((acl.Outcome, acl.DroppedLeg));
                }
            }
        }
        Assert.Equal(
            [(AclOutcome.Allowed, null), (AclOutcome.Partly, ConversationLeg.Reply), (AclOutcome.Denied, ConversationLeg.Request), (AclOutcome.Denied, ConversationLeg.Reply)],
            seen.OrderBy(s => s.Item1).ThenBy(s => s.Item2));
    }

    private static void Check(Estate estate, ReachabilityEngine engine, Endpoint from, Endpoint to, Traffic traffic)
    {
        var groups = NaiveEvaluator.Query(estate, from, to, traffic);
        var verdict = engine.Query(from, to, traffic);
        var layered = groups.DeniedBy is not (DeniedSide.NoEstateEndpoint or DeniedSide.AddressFamilies or DeniedSide.VpcsNotConnected);
        var expected = layered ? NaiveAclEvaluator.Evaluate(estate, from, to, traffic) : null;
        var aclAllows = expected is null || expected.Outcome == AclOutcome.Allowed;
        var where = $"{from} → {to} {traffic}";
        Assert.True((groups.Allowed && aclAllows) == verdict.Allowed, $"{where}: allowed {verdict.Allowed}, expected {groups.Allowed && aclAllows}");
        Assert.Equal(groups.DeniedBy ?? (aclAllows ? null : DeniedSide.NetworkAcl), verdict.DeniedBy);
        Assert.Equal(groups.Egress.ToHashSet(), verdict.Egress.ToHashSet());
        Assert.Equal(groups.Ingress.ToHashSet(), verdict.Ingress.ToHashSet());
        if (expected is null)
        {
            Assert.Null(verdict.NetworkAcl);
            return;
        }
        var acl = verdict.NetworkAcl;
        Assert.NotNull(acl);
        Assert.Equal(expected, new NaiveAclEvaluator.Expected(acl.Outcome, acl.Deciding?.Leg, acl.Deciding?.AclId, acl.Deciding?.RuleNumber));
        Assert.False(string.IsNullOrWhiteSpace(engine.Explain(from, to, traffic).Summary));
    }
}
