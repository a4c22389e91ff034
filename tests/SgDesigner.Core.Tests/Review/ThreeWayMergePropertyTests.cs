using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Core.Tests.Documents;

namespace SgDesigner.Core.Tests.Review;

/// <summary>The merge's laws on random valid estates and random designer edits.</summary>
public class ThreeWayMergePropertyTests
{
    private static readonly Gen<int> s_seeds = Gen.Int[0, int.MaxValue];

    [Fact]
    public void MergingAChangeWithAnUnchangedOtherSideReturnsThatChangeExactly()
    {
        s_seeds.Sample(seed =>
        {
            var random = new Random(seed);
            var b = RandomEstate.Create(random);
            var x = new RandomEdits(random, "x").Apply(b);

            foreach (var result in new[] { ThreeWayMerge.Merge(b, x, b), ThreeWayMerge.Merge(b, b, x) })
            {
                Assert.Empty(result.Conflicts);
                Assert.Empty(result.Errors);
                DeepEqual.Assert(x, result.Merged);
            }
        }, iter: 200);
    }

    [Fact]
    public void MergingTheSameChangeFromBothSidesReturnsThatChange()
    {
        s_seeds.Sample(seed =>
        {
            var random = new Random(seed);
            var b = RandomEstate.Create(random);
            var x = new RandomEdits(random, "x").Apply(b, 6);

            var result = ThreeWayMerge.Merge(b, x, x);

            Assert.Empty(result.Conflicts);
            Assert.Empty(result.Errors);
            DeepEqual.Assert(x, result.Merged);
        }, iter: 200);
    }

    [Fact]
    public void DisjointEditsOnBothSidesAllSurviveWithoutConflict()
    {
        s_seeds.Sample(seed =>
        {
            var random = new Random(seed);
            var b = RandomEstate.Create(random);
            var oursGroups = b.Groups.Where((_, i) => i % 2 == 0).Select(g => g.Id).ToHashSet();
            var oursEnis = b.NetworkInterfaces.Where((_, i) => i % 2 == 0).Select(e => e.Id).ToHashSet();
            var ours = new RandomEdits(random, "o", oursGroups.Contains, oursEnis.Contains).Apply(b, 6);
            var theirs = new RandomEdits(random, "t", g => !oursGroups.Contains(g), e => !oursEnis.Contains(e)).Apply(b, 6);

            var result = ThreeWayMerge.Merge(b, ours, theirs);

            Assert.Empty(result.Conflicts);
            foreach (var group in result.Merged.Groups)
                DeepEqual.Assert((oursGroups.Contains(group.Id) ? ours : theirs).FindGroup(group.Id), group);
            Assert.Equal(b.Groups.Select(g => g.Id), result.Merged.Groups.Select(g => g.Id));
            foreach (var eni in result.Merged.NetworkInterfaces)
                DeepEqual.Assert((oursEnis.Contains(eni.Id) ? ours : theirs).NetworkInterfaces.Single(e => e.Id == eni.Id), eni);
            // No lost rule: every rule either side has, as that side has it, is in the merge.
            var merged = result.Merged.Groups.SelectMany(g => g.Rules.Select(r => (g.Id, r))).ToHashSet();
            Assert.All(ours.Groups.Where(g => oursGroups.Contains(g.Id)).SelectMany(g => g.Rules.Select(r => (g.Id, r))), rule => Assert.Contains(rule, merged));
            Assert.All(theirs.Groups.Where(g => !oursGroups.Contains(g.Id)).SelectMany(g => g.Rules.Select(r => (g.Id, r))), rule => Assert.Contains(rule, merged));
            foreach (var list in result.Merged.PrefixLists)
            {
                var entries = list.Entries.ToHashSet();
                Assert.Superset(ours.PrefixLists.Single(p => p.Id == list.Id).Entries.ToHashSet(), entries);
                Assert.Superset(theirs.PrefixLists.Single(p => p.Id == list.Id).Entries.ToHashSet(), entries);
            }
        }, iter: 200);
    }

    [Fact]
    public void SwappingTheSidesSwapsEachConflictsValuesAndTheMirroredChoicesGiveTheSameEstate()
    {
        var conflicted = 0;
        s_seeds.Sample(seed =>
        {
            var random = new Random(seed);
            var b = RandomEstate.Create(random);
            var ours = new RandomEdits(random, "o").Apply(b, 8);
            var theirs = new RandomEdits(random, "t").Apply(b, 8);

            var forward = ThreeWayMerge.Merge(b, ours, theirs);
            var backward = ThreeWayMerge.Merge(b, theirs, ours);

            Assert.Equal(forward.Conflicts.Select(c => (c.Key, c.Base, c.Ours, c.Theirs)), backward.Conflicts.Select(c => (c.Key, c.Base, c.Theirs, c.Ours)));
            if (!forward.Conflicts.IsEmpty)
                Interlocked.Increment(ref conflicted);
            var oursChosen = ThreeWayMerge.Resolve(b, ours, theirs, forward.Conflicts.ToDictionary(c => c.Key, _ => MergeSide.Ours));
            var mirrored = ThreeWayMerge.Resolve(b, theirs, ours, backward.Conflicts.ToDictionary(c => c.Key, _ => MergeSide.Theirs));
            Assert.Empty(oursChosen.Unresolved);
            DeepEqual.Assert(Normalized(oursChosen.Merged), Normalized(mirrored.Merged));
            DeepEqual.Assert(Normalized(forward.Merged), Normalized(ThreeWayMerge.Resolve(b, theirs, ours,
                backward.Conflicts.ToDictionary(c => c.Key, _ => MergeSide.Ours)).Merged));
        }, iter: 200);
        Assert.True(conflicted > 0, "no random pair of edits conflicted, so the property was not exercised");
    }

    /// <summary>The estate with every order that carries no meaning made canonical.</summary>
    private static Estate Normalized(Estate e) => e with
    {
        Vpcs = [.. e.Vpcs.OrderBy(v => v.Id, StringComparer.Ordinal).Select(v => v with { Cidrs = [.. v.Cidrs.Order()] })],
        Subnets = [.. e.Subnets.OrderBy(s => s.Id, StringComparer.Ordinal)],
        Groups = [.. e.Groups.OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => g with { Rules = [.. g.Rules.OrderBy(r => r.Id, StringComparer.Ordinal)] })],
        PrefixLists = [.. e.PrefixLists.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p with { Entries = [.. p.Entries.Order()] })],
        Instances = [.. e.Instances.OrderBy(i => i.Id, StringComparer.Ordinal)],
        NetworkInterfaces = [.. e.NetworkInterfaces.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => n with { GroupIds = [.. n.GroupIds.Order(StringComparer.Ordinal)] })],
    };
}
