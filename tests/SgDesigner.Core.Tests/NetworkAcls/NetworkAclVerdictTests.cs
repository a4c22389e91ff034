using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>Each rule of semantics.md "Network ACLs", on the two-subnet estate of <see cref="Support.AclEstates"/>.</summary>
public class NetworkAclVerdictTests
{
    [Fact]
    public void WithoutAclsNothingIsCrossedAndTheVerdictIsTheGroupsOne()
    {
        var verdict = Query(Base(), "eni-a1", "eni-b1", Traffic.Tcp(22));
        Assert.True(verdict.Allowed);
        Assert.Null(verdict.NetworkAcl);
    }

    [Fact]
    public void ADefaultAclAllowingEverythingAllowsBothWaysAndNamesItsRules()
    {
        var estate = With(new NetworkAcl("acl-d", "vpc-1", true, [], AllowAll, AllowAll));
        var verdict = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(22));
        Assert.True(verdict.Allowed);
        var acl = Assert.IsType<AclVerdict>(verdict.NetworkAcl);
        Assert.Equal(AclOutcome.Allowed, acl.Outcome);
        // Request: a's outbound, b's inbound; replies: b's outbound, a's inbound; all by the default ACL's #100.
        Assert.Equal(
            [(ConversationLeg.Request, "subnet-a", Direction.Outbound), (ConversationLeg.Request, "subnet-b", Direction.Inbound),
             (ConversationLeg.Reply, "subnet-b", Direction.Outbound), (ConversationLeg.Reply, "subnet-a", Direction.Inbound)],
            acl.Decisions.Select(d => (d.Leg, d.SubnetId, d.Direction)));
        Assert.All(acl.Decisions, d => Assert.Equal(100, d.RuleNumber));
    }

    [Fact]
    public void TheLowestNumberedMatchingRuleDecidesWhateverItsPlaceInTheList()
    {
        // Listed allow first, but the deny has the lower number.
        var estate = With(Acl("acl-b", "subnet-b", [Allow(200, "-1", -1, -1, "0.0.0.0/0"), Deny(100, "tcp", 22, 22, "10.0.1.0/24")], AllowAll));
        var denied = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(22));
        Assert.False(denied.Allowed);
        Assert.Equal(DeniedSide.NetworkAcl, denied.DeniedBy);
        var deciding = denied.NetworkAcl!.Deciding!;
        Assert.Equal(("acl-b", 100, Direction.Inbound, ConversationLeg.Request), (deciding.AclId, deciding.RuleNumber!.Value, deciding.Direction, deciding.Leg));

        // Port 23 is not the deny's: the allow #200 decides.
        Assert.True(Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(23)).Allowed);
        // With the numbers swapped the allow comes first and wins.
        var swapped = With(Acl("acl-b", "subnet-b", [Allow(100, "-1", -1, -1, "0.0.0.0/0"), Deny(200, "tcp", 22, 22, "10.0.1.0/24")], AllowAll));
        Assert.True(Query(swapped, "eni-a1", "eni-b1", Traffic.Tcp(22)).Allowed);
    }

    [Fact]
    public void WhenNoRuleMatchesTheFinalStarRuleDenies()
    {
        var estate = With(Acl("acl-b", "subnet-b", [Allow(100, "tcp", 80, 80, "0.0.0.0/0")], AllowAll));
        var verdict = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(22));
        Assert.False(verdict.Allowed);
        var deciding = verdict.NetworkAcl!.Deciding!;
        Assert.Null(deciding.RuleNumber);
        Assert.Equal(AclAction.Deny, deciding.Action);
        Assert.Contains("the final * rule denies it", verdict.NetworkAcl.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RepliesNeedARuleForTheClientsEphemeralPorts()
    {
        // b answers only to 1024-5000: a Linux client (32768-60999) never gets its replies.
        var estate = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 1024, 5000, "0.0.0.0/0")]));
        var explanation = Explain(estate, "eni-a1", "eni-b1", Traffic.Tcp(22));
        var acl = explanation.Verdict.NetworkAcl!;
        Assert.False(explanation.Verdict.Allowed);
        Assert.Equal(AclOutcome.Denied, acl.Outcome);
        Assert.Equal(ConversationLeg.Reply, acl.DroppedLeg);
        Assert.Equal((Direction.Outbound, (int?)null), (acl.Deciding!.Direction, acl.Deciding.RuleNumber));
        Assert.Contains("replies allowed only to ports 1024–5000: Linux clients, which use 32768–60999, time out", explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("the security groups allow it, but a network ACL does not", explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ARuleCoveringPartOfTheEphemeralRangeGivesAPartlyVerdict()
    {
        var estate = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 32768, 40000, "0.0.0.0/0")]));
        var verdict = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(443));
        Assert.False(verdict.Allowed);
        Assert.Equal(AclOutcome.Partly, verdict.NetworkAcl!.Outcome);
        Assert.Equal([new PortRange(32768, 40000)], verdict.NetworkAcl.ReplyPortsAllowed);
        Assert.Contains("replies allowed only to ports 32768–40000: Linux clients, which use 32768–60999, time out", verdict.NetworkAcl.Text, StringComparison.Ordinal);

        // A Windows client (49152-65535) gets no reply at all; one with an explicit range inside it gets them all.
        var windows = estate with { Instances = Base(EphemeralPorts.Windows).Instances };
        Assert.Equal(AclOutcome.Denied, Query(windows, "eni-a1", "eni-b1", Traffic.Tcp(443)).NetworkAcl!.Outcome);
        var custom = estate with { Instances = Base(new EphemeralPorts(EphemeralPortsKind.Custom, 33000, 34000)).Instances };
        Assert.True(Query(custom, "eni-a1", "eni-b1", Traffic.Tcp(443)).Allowed);
    }

    [Fact]
    public void TrafficWithinOneSubnetCrossesNoAcl()
    {
        var estate = With(Acl("acl-a", "subnet-a", [], []));
        var verdict = Query(estate, "eni-a1", "eni-a2", Traffic.Tcp(22));
        Assert.True(verdict.Allowed);
        Assert.Null(verdict.NetworkAcl);
        // Leaving the subnet, the same deny-everything ACL drops it.
        Assert.Equal(DeniedSide.NetworkAcl, Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(22)).DeniedBy);
    }

    [Fact]
    public void ASubnetWithoutAnAssociationUsesItsVpcsDefaultAcl()
    {
        var estate = With(new NetworkAcl("acl-d", "vpc-1", true, [], [Deny(10, "tcp", 22, 22, "0.0.0.0/0"), .. AllowAll], AllowAll));
        var verdict = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(22));
        Assert.Equal(("acl-d", "subnet-b", 10), (verdict.NetworkAcl!.Deciding!.AclId, verdict.NetworkAcl.Deciding.SubnetId, verdict.NetworkAcl.Deciding.RuleNumber!.Value));
    }

    [Fact]
    public void AnAclSharedBySubnetsNamesEachSubnetAndAnsweringAgainGivesTheSameVerdict()
    {
        // One default ACL for both subnets: each crossing names the subnet where it happened, whichever way and however
        // often it is asked (a subnet's decisions are made once and shared by the verdicts through it).
        var estate = With(new NetworkAcl("acl-d", "vpc-1", true, [], AllowAll, AllowAll));
        var engine = ReachabilityEngine.Build(estate);
        var there = engine.Query(At(estate, "eni-a1"), At(estate, "eni-b1"), Traffic.Tcp(22)).NetworkAcl!;
        var back = engine.Query(At(estate, "eni-b1"), At(estate, "eni-a1"), Traffic.Tcp(22)).NetworkAcl!;
        Assert.Equal(["subnet-a", "subnet-b", "subnet-b", "subnet-a"], there.Decisions.Select(d => d.SubnetId));
        Assert.Equal(["subnet-b", "subnet-a", "subnet-a", "subnet-b"], back.Decisions.Select(d => d.SubnetId));
        Assert.Equal(
            "Network ACLs allow it both ways: request by acl-d (subnet-a) outbound rule #100; acl-d (subnet-b) inbound rule #100; "
            + "replies by acl-d (subnet-b) outbound rule #100; acl-d (subnet-a) inbound rule #100.",
            there.Text);

        // A decision whose wording was written equals one just made, and the verdict asked again equals the first.
        Assert.Equal(new AclDecision(ConversationLeg.Request, "acl-d", "subnet-a", Direction.Outbound, 100, AclAction.Allow, AllowAll[0]), there.Decisions[0]);
        Assert.Equal(there.Decisions[0].GetHashCode(), new AclDecision(ConversationLeg.Request, "acl-d", "subnet-a", Direction.Outbound, 100, AclAction.Allow, AllowAll[0]).GetHashCode());
        Assert.Equal(there, engine.Query(At(estate, "eni-a1"), At(estate, "eni-b1"), Traffic.Tcp(22)).NetworkAcl);
        Assert.Equal("acl-d (subnet-b) inbound rule #100 allows the request", there.Decisions[1].WithLeg);
    }

    [Fact]
    public void AnEniMovedToAnotherSubnetByAnEditCrossesItsNewSubnetsAcl()
    {
        // The edit keeps the ACLs, subnets and instances, so the updated engine keeps the ACL layer; the moved ENI is a
        // new object the layer has not seen, and must be placed by its new subnet.
        var estate = With(Acl("acl-b", "subnet-b", [Deny(90, "tcp", 22, 22, "0.0.0.0/0"), .. AllowAll], AllowAll));
        var engine = ReachabilityEngine.Build(estate);
        Assert.True(engine.Query(At(estate, "eni-a1"), At(estate, "eni-a2"), Traffic.Tcp(22)).Allowed);

        var moved = estate with
        {
            NetworkInterfaces = [.. estate.NetworkInterfaces.Select(n => n.Id == "eni-a2" ? Eni("eni-a2", "subnet-b", "10.0.2.21", "i-a2") : n)],
        };
        var updated = engine.Update(moved);
        var verdict = updated.Query(At(moved, "eni-a1"), At(moved, "eni-a2"), Traffic.Tcp(22));
        Assert.Equal(DeniedSide.NetworkAcl, verdict.DeniedBy);
        Assert.Equal(("acl-b", "subnet-b", 90), (verdict.NetworkAcl!.Deciding!.AclId, verdict.NetworkAcl.Deciding.SubnetId, verdict.NetworkAcl.Deciding.RuleNumber!.Value));
        Assert.Equal(ReachabilityEngine.Build(moved).Query(At(moved, "eni-a1"), At(moved, "eni-a2"), Traffic.Tcp(22)).NetworkAcl, verdict.NetworkAcl);
    }

    [Fact]
    public void TheCrossingsWrittenOnOneLineAreTheOnesWrittenIndented()
    {
        // One-line answers (a batch) copy each crossing's object written once; indented ones write it afresh.
        var estate = With(new NetworkAcl("acl-d", "vpc-1", true, [], [Deny(10, "tcp", 22, 22, "0.0.0.0/0"), .. AllowAll], AllowAll));
        var acl = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(22)).NetworkAcl!;
        var allowed = Query(estate, "eni-a1", "eni-b1", Traffic.Tcp(443)).NetworkAcl!;
        foreach (var verdict in new[] { acl, allowed, acl })
        {
            var line = SgDesigner.Core.Answers.AnswerJson.Line(w => { w.WriteStartObject(); SgDesigner.Core.Answers.AclVerdictJson.Write(w, verdict); w.WriteEndObject(); });
            var indented = SgDesigner.Core.Answers.AnswerJson.Document(w => { w.WriteStartObject(); SgDesigner.Core.Answers.AclVerdictJson.Write(w, verdict); w.WriteEndObject(); });
            Assert.DoesNotContain('\n', line);
            using var a = System.Text.Json.JsonDocument.Parse(line);
            using var b = System.Text.Json.JsonDocument.Parse(indented);
            Assert.True(System.Text.Json.JsonElement.DeepEquals(a.RootElement, b.RootElement), line);
            Assert.Equal(verdict.Decisions.Length, a.RootElement.GetProperty("networkAcl").GetProperty("crossings").GetArrayLength());
        }
        Assert.Contains("\"rule\":\"10\",\"action\":\"deny\"", SgDesigner.Core.Answers.AnswerJson.Line(w => { w.WriteStartObject(); SgDesigner.Core.Answers.AclVerdictJson.Write(w, acl); w.WriteEndObject(); }), StringComparison.Ordinal);
    }

    [Fact]
    public void TrafficFromOutsideTheVpcCrossesTheInsideEndsAclBothWays()
    {
        var estate = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 1024, 65535, "0.0.0.0/0")]));
        var verdict = Query(estate, "203.0.113.9", "eni-b1", Traffic.Tcp(443));
        Assert.True(verdict.Allowed);
        Assert.Equal(
            [(ConversationLeg.Request, Direction.Inbound), (ConversationLeg.Reply, Direction.Outbound)],
            verdict.NetworkAcl!.Decisions.Select(d => (d.Leg, d.Direction)));

        // An outside client may use any port 1024-65535: replies to Linux's range only fail for some of them.
        var linuxOnly = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 32768, 60999, "0.0.0.0/0")]));
        Assert.Equal(AclOutcome.Partly, Query(linuxOnly, "203.0.113.9", "eni-b1", Traffic.Tcp(443)).NetworkAcl!.Outcome);

        // b opening a connection out: its outbound carries the request, its inbound the replies to b's own ports.
        var outbound = Query(linuxOnly, "eni-b1", "203.0.113.9", Traffic.Tcp(443));
        Assert.Equal(ConversationLeg.Request, outbound.NetworkAcl!.DroppedLeg);
        Assert.Equal(Direction.Outbound, outbound.NetworkAcl.Deciding!.Direction);
    }

    [Fact]
    public void TheMatrixKeepsWindowsAndLinuxClientsApartOnlyWhereAnAclTellsTheirPortsApart()
    {
        // a1 is a Windows client (49152-65535), a2 a Linux one (32768-60999), same subnet and groups.
        Estate WithReplies(int from, int to) => Base(EphemeralPorts.Windows) with
        {
            NetworkAcls = [Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", from, to, "0.0.0.0/0"), Deny(110, "tcp", 25, 25, "0.0.0.0/0")])],
        };

        // Replies allowed to 1024-65535: both ranges are let back whole, so the two clients are alike and share a class.
        var both = ReachabilityEngine.Build(WithReplies(1024, 65535));
        var matrix = both.Matrix();
        Assert.Equal(matrix.ClassOf("eni-a1"), matrix.ClassOf("eni-a2"));
        Assert.True(matrix.Between("eni-a1", "eni-b1").Contains(Traffic.Tcp(443)));
        Assert.True(both.Query(At(both.Estate, "eni-a1"), At(both.Estate, "eni-b1"), Traffic.Tcp(443)).Allowed);

        // Replies allowed to Linux's range only: the Windows client's replies are partly dropped, so it is apart.
        var linux = ReachabilityEngine.Build(WithReplies(32768, 60999));
        var split = linux.Matrix();
        Assert.NotEqual(split.ClassOf("eni-a1"), split.ClassOf("eni-a2"));
        Assert.False(split.Between("eni-a1", "eni-b1").Contains(Traffic.Tcp(443)));
        Assert.True(split.Between("eni-a2", "eni-b1").Contains(Traffic.Tcp(443)));
        Assert.Equal(AclOutcome.Partly, linux.Query(At(linux.Estate, "eni-a1"), At(linux.Estate, "eni-b1"), Traffic.Tcp(443)).NetworkAcl!.Outcome);
    }

    [Fact]
    public void IcmpRepliesNeedTheirOwnRule()
    {
        var echoOnly = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 0, 65535, "0.0.0.0/0")]));
        var verdict = Query(echoOnly, "eni-a1", "eni-b1", Traffic.Icmp(8, 0));
        Assert.False(verdict.Allowed);
        Assert.Equal(ConversationLeg.Reply, verdict.NetworkAcl!.DroppedLeg);
        Assert.Contains("drops the reply (icmp 0/0)", verdict.NetworkAcl.Text, StringComparison.Ordinal);

        var withReply = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "icmp", 0, -1, "10.0.1.0/24")]));
        var ok = Query(withReply, "eni-a1", "eni-b1", Traffic.Icmp(8, 0));
        Assert.True(ok.Allowed);
        Assert.Equal(100, ok.NetworkAcl!.Decisions.Single(d => d.Leg == ConversationLeg.Reply && d.Direction == Direction.Outbound).RuleNumber);
        // Destination unreachable has no reply: only the request is checked.
        Assert.True(Query(echoOnly, "eni-a1", "eni-b1", Traffic.Icmp(3, 1)).Allowed);
    }

    [Fact]
    public void WhenTheGroupsDenyTheyAreNamedAndTheAclIsReportedToo()
    {
        var estate = With(Acl("acl-b", "subnet-b", [], AllowAll)) with
        {
            Groups = [Base().Groups[0] with { Rules = [Base().Groups[0].Rules[1]] }],
        };
        var explanation = Explain(estate, "eni-a1", "eni-b1", Traffic.Tcp(22));
        Assert.Equal(DeniedSide.DestinationIngress, explanation.Verdict.DeniedBy);
        Assert.Contains("The network ACLs would drop it too", explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMatrixAnswersWithTheAclsAndKeepsAllowAllOnesOutOfTheWay()
    {
        var allowAll = With(new NetworkAcl("acl-d", "vpc-1", true, [], AllowAll, AllowAll));
        Assert.Equal(ReachabilityEngine.Build(Base()).Matrix().ClassCount, ReachabilityEngine.Build(allowAll).Matrix().ClassCount);
        var restrictive = With(Acl("acl-b", "subnet-b", [Deny(1, "tcp", 22, 22, "0.0.0.0/0"), .. AllowAll], AllowAll));
        var matrix = ReachabilityEngine.Build(restrictive).Matrix();
        // Into subnet b, tcp 22 is dropped; within subnet a nothing is crossed; out of b nothing is denied.
        Assert.False(matrix.Between("eni-a1", "eni-b1").Contains(Traffic.Tcp(22)));
        Assert.True(matrix.Between("eni-a1", "eni-b1").Contains(Traffic.Tcp(23)));
        Assert.True(matrix.Between("eni-a1", "eni-a2").Contains(Traffic.Tcp(22)));
        Assert.True(matrix.Between("eni-b1", "eni-a1").Contains(Traffic.Tcp(22)));
    }

    [Fact]
    public void AMatrixCellNeedsTheRepliesOnTheWholeEphemeralRangeOfTheClient()
    {
        // b answers only to 1024-5000: a Linux a1 gets nothing back; a client with ports 1024-5000 does.
        var acl = Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 1024, 5000, "0.0.0.0/0")]);
        var linux = ReachabilityEngine.Build(With(acl)).Matrix();
        Assert.False(linux.Between("eni-a1", "eni-b1").Contains(Traffic.Tcp(22)));
        var narrow = ReachabilityEngine.Build(Base(new EphemeralPorts(EphemeralPortsKind.Custom, 1024, 5000)) with { NetworkAcls = [acl] }).Matrix();
        Assert.True(narrow.Between("eni-a1", "eni-b1").Contains(Traffic.Tcp(22)));
        Assert.False(narrow.Between("eni-a2", "eni-b1").Contains(Traffic.Tcp(22)));
        Assert.NotEqual(narrow.ClassOf("eni-a1"), narrow.ClassOf("eni-a2"));
    }

    [Fact]
    public void TheDiffShowsWhatAnAclEditCloses()
    {
        var before = With(Acl("acl-b", "subnet-b", AllowAll, AllowAll));
        var after = With(Acl("acl-b", "subnet-b", [Deny(1, "tcp", 5432, 5432, "10.0.1.0/24"), .. AllowAll], AllowAll));
        var diff = SgDesigner.Core.Diff.ReachabilityDiff.Compare(before, after);
        Assert.All(diff.Changes, c => Assert.Equal(("tcp 5432", true), (c.Closed.ToString(), c.Opened.IsEmpty)));
        var between = Assert.Single(diff.Changes, c => c.From.Outside is null);
        Assert.Equal(2, between.Pairs); // a1 and a2 to b1
        // The ACL's block cuts the outside space too: addresses of 10.0.1.0/24 outside the estate lose it as well.
        var outside = Assert.Single(diff.Changes, c => c.From.Outside is not null);
        Assert.Equal("10.0.1.0/24", outside.From.Label);
    }
}
