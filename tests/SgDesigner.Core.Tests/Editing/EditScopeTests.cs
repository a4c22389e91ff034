using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.Support;
using SgDesigner.Core.Tests.Validation;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Tests.Editing;

/// <summary>
/// An edit of some groups is validated on those groups (EditScope); it must refuse exactly what validating the whole
/// estate before and after refuses, with the same errors, in every mode an edit can break something.
/// </summary>
public sealed class EditScopeTests
{
    // The whole check: every error of the result that the content did not already have.
    private static ImmutableArray<ValidationError> IntroducedByWholeCheck(Estate before, Estate after)
    {
        var existing = EstateValidator.Validate(before, EstateValidationMode.Designer).ToHashSet();
        return [.. EstateValidator.Validate(after, EstateValidationMode.Designer).Where(e => !existing.Contains(e)).DistinctBy(e => (e.Path, e.Message))];
    }

    private static void AssertSameVerdict(Estate before, Estate after)
    {
        var expected = IntroducedByWholeCheck(before, after);
        var result = EditCheck.Designer(before, after);
        Assert.Equal(expected.IsEmpty, result.IsOk);
        Assert.Equal(expected, result.Errors);
    }

    // Edits of one group that break something in it or elsewhere: duplicates, clashes, stale references, moves, removals.
    private static IEnumerable<(string What, Estate After)> Edits(Estate e)
    {
        if (e.Groups.Length < 2)
            yield break;
        var (a, b) = (e.Groups[0], e.Groups[^1]);
        var rule = new Rule("sgr-scope1", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));
        yield return ("a valid new rule", e.WithGroup(a with { Rules = a.Rules.Add(rule) }));
        yield return ("a port out of range", e.WithGroup(a with { Rules = a.Rules.Add(rule with { ToPort = 70_000 }) }));
        yield return ("a stale group reference", e.WithGroup(a with { Rules = a.Rules.Add(rule with { Peer = new GroupPeer("sg-nowhere") }) }));
        if (b.Rules.Length > 0)
            yield return ("another group's rule id", e.WithGroup(a with { Rules = a.Rules.Add(rule with { Id = b.Rules[0].Id }) }));
        if (a.Rules.Length > 0)
            yield return ("the same traffic twice", e.WithGroup(a with { Rules = a.Rules.Add(a.Rules[0] with { Id = "sgr-scope2" }) }));
        // The clash is reported on the later group, which the edit left alone.
        if (e.Groups.Skip(1).FirstOrDefault(g => g.VpcId == a.VpcId) is { } sibling)
            yield return ("a later group's name", e.WithGroup(a with { Name = sibling.Name.ToUpperInvariant() }));
        yield return ("a control character in the description", e.WithGroup(a with { Description = "bad\u0001" }));
        yield return ("the group removed", e with { Groups = e.Groups.RemoveAt(0) });
        if (e.Vpcs.Length > 1)
            yield return ("the group moved to another VPC", e.WithGroup(a with { VpcId = e.Vpcs.First(v => v.Id != a.VpcId).Id }));
        yield return ("a new group", e.WithGroup(new SecurityGroup("sg-scopenew", "new", "New", a.VpcId, ImmutableSortedDictionary<string, string>.Empty, [rule with { Id = "sgr-scope3" }])));
    }

    [Fact]
    public void An_edit_of_some_groups_refuses_what_a_whole_check_refuses()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var before = RandomEstates.Make(seed, 6);
            foreach (var (_, after) in Edits(before))
                AssertSameVerdict(before, after);
        }
    }

    [Fact]
    public void A_new_group_an_interface_already_names_is_checked_against_the_interface()
    {
        var sample = SampleEstate.Build();
        var before = sample with
        {
            Vpcs = sample.Vpcs.Add(new Vpc("vpc-2", "other", [SampleEstate.C("10.1.0.0/16")])),
            NetworkInterfaces = [.. sample.NetworkInterfaces.Select(n => n.Id == "eni-db" ? n with { GroupIds = n.GroupIds.Add("sg-later") } : n)],
        };
        var after = before.WithGroup(new SecurityGroup("sg-later", "later", "Later", "vpc-2", ImmutableSortedDictionary<string, string>.Empty, []));

        Assert.False(EditScope.Of(before, after)!.Narrow);
        AssertSameVerdict(before, after);
        Assert.Contains(EditCheck.Designer(before, after).Errors, e => e.Path == "networkInterfaces[eni-db].groupIds");
    }

    [Fact]
    public void Only_the_changed_groups_are_in_scope_and_anything_else_changed_means_no_scope()
    {
        var before = SampleEstate.Build();
        var web = before.Groups[0];
        var after = before.WithGroup(web with { Description = "Changed" });

        var scope = EditScope.Of(before, after);

        Assert.Equal(["sg-web"], scope!.Groups);
        Assert.True(scope.Narrow);
        Assert.Null(EditScope.Of(before, after with { Instances = [.. after.Instances] }));
        Assert.False(EditScope.Of(before, before with { Groups = before.Groups.RemoveAt(1) })!.Narrow);
    }
}
