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

    /// <summary>
    /// An engine updated with one edit (<see cref="ReachabilityEngine.Update"/>), after it has answered queries and kept
    /// what it worked out, answers for the edited estate as a new one does, whether the edit touched a group's rules (the
    /// ACL layer is kept), an ACL's rule or an instance's client ports (it is made again).
    /// </summary>
    [Fact]
    public void AnUpdatedEngineAnswersForTheEditedEstate()
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
                    engine.Query(from, to, RandomAcls.RandomTraffic(random));
            }
            var next = random.Next(3) switch
            {
                0 => RandomEstates.WithOneRuleEdit(estate, random),
                1 => WithOneAclRuleTurned(estate, random),
                _ => WithOtherClientPorts(estate, random),
            };
            var updated = engine.Update(next);
            var rebuilt = ReachabilityEngine.Build(next);
            foreach (var from in endpoints)
            {
                foreach (var to in endpoints)
                {
                    var traffic = RandomAcls.RandomTraffic(random);
                    var (expected, actual) = (rebuilt.Query(from, to, traffic), updated.Query(from, to, traffic));
                    Assert.Equal((expected.Allowed, expected.DeniedBy, expected.Untracked), (actual.Allowed, actual.DeniedBy, actual.Untracked));
                    Assert.Equal(expected.Egress.ToHashSet(), actual.Egress.ToHashSet());
                    Assert.Equal(expected.Ingress.ToHashSet(), actual.Ingress.ToHashSet());
                    Assert.Equal(expected.NetworkAcl, actual.NetworkAcl);
                    Assert.Equal(expected.NetworkAcl?.Text, actual.NetworkAcl?.Text);
                }
            }
        }, iter: 150, print: Print);
    }

    // One ACL rule allows what it denied, or the reverse (the estate as it is when no ACL has a rule).
    private static Estate WithOneAclRuleTurned(Estate estate, Random random)
    {
        var acls = estate.NetworkAcls.Where(a => a.Inbound.Length + a.Outbound.Length > 0).ToList();
        if (acls.Count == 0)
            return estate;
        var acl = acls[random.Next(acls.Count)];
        var inbound = acl.Outbound.IsEmpty || (!acl.Inbound.IsEmpty && random.Next(2) == 0);
        var entries = inbound ? acl.Inbound : acl.Outbound;
        var at = random.Next(entries.Length);
        var turned = entries.SetItem(at, entries[at] with { Action = entries[at].Action == AclAction.Allow ? AclAction.Deny : AclAction.Allow });
        var edited = inbound ? acl with { Inbound = turned } : acl with { Outbound = turned };
        return estate with { NetworkAcls = estate.NetworkAcls.Replace(acl, edited) };
    }

    // One instance becomes a Windows client (or a Linux one if it was).
    private static Estate WithOtherClientPorts(Estate estate, Random random)
    {
        if (estate.Instances.IsEmpty)
            return estate;
        var instance = estate.Instances[random.Next(estate.Instances.Length)];
        var other = instance with { EphemeralPorts = instance.EphemeralPorts == EphemeralPorts.Windows ? EphemeralPorts.Linux : EphemeralPorts.Windows };
        return estate with { Instances = estate.Instances.Replace(instance, other) };
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
