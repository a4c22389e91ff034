using System.Collections.Immutable;
using CsCheck;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Lint;

public sealed class IncrementalLintTests
{
    [Fact]
    public void After_a_chain_of_random_edits_the_incremental_findings_are_a_whole_lints_in_the_same_order()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 7], Gen.Bool).Sample(x =>
        {
            var (seed, size, tightQuotas) = x;
            var estate = RandomEstates.Make(seed, size);
            // Quotas of 1-2 rules make SGD010/SGD011 (and their tie, one group over both ways) common.
            if (tightQuotas)
                estate = estate with { Quotas = new Quotas(1 + (seed & 1), 2) };
            var random = new Random(seed);
            // The metadata checks (SGD040, SGD041) on or off; edits give rules review-by dates around "today".
            var options = (seed & 2) == 0 ? LintOptions.None : new LintOptions(Today, RequireJustification: true);
            var engine = ReachabilityEngine.Build(estate);
            var findings = Linter.Lint(estate, engine, options);
            for (var step = 0; step < 4; step++)
            {
                var edited = RandomEdit(estate, random);
                engine = engine.Update(edited);
                findings = IncrementalLint.After(estate, findings, edited, engine, wholeWhenLarge: false, options);
                Assert.Equal(Linter.Lint(edited, null, options), findings);
                estate = edited;
            }
        }, iter: 400, print: x => $"RandomEstates.Make({x.Item1}, {x.Item2}), tight quotas {x.Item3}");
    }

    [Fact]
    public void An_estate_unchanged_keeps_its_findings_and_one_changed_beyond_groups_is_linted_whole()
    {
        var estate = RandomEstates.Make(7, 5);
        var findings = Linter.Lint(estate);
        Assert.Equal(findings, IncrementalLint.After(estate, findings, estate));
        var withoutEnis = estate with { NetworkInterfaces = [] };
        Assert.Equal(Linter.Lint(withoutEnis), IncrementalLint.After(estate, findings, withoutEnis));
    }

    [Fact]
    public void Renaming_a_group_re_words_the_findings_of_the_groups_sharing_its_enis()
    {
        // sg-2's rule is redundant with sg-1's on eni-1; its flow line names sg-1, which is renamed.
        var estate = TestEstate.Of(
            [
                TestEstate.Group("sg-1", "web", TestEstate.In("sgr-1", "tcp", 0, 65535, "0.0.0.0/0")),
                TestEstate.Group("sg-2", "extra", TestEstate.In("sgr-2", "tcp", 443, 443, "10.0.0.0/24")),
            ],
            [TestEstate.Eni("eni-1", "10.0.0.5", "sg-1", "sg-2")]);
        var findings = Linter.Lint(estate);
        var renamed = estate.WithGroup(estate.Groups[0] with { Name = "frontend" });

        var after = IncrementalLint.After(estate, findings, renamed, null, wholeWhenLarge: false);

        Assert.Equal(Linter.Lint(renamed), after);
        Assert.Contains(after, f => f.Id == LintCatalogue.RedundantRule.Id && f.RuleId == "sgr-2" && f.Flows.Any(l => l.Contains("frontend", StringComparison.Ordinal)));
    }

    private static readonly DateOnly Today = new(2026, 12, 5);

    // Sometimes a justification, sometimes a review-by date either side of Today.
    private static RuleMetadata RandomMetadata(Random random) => random.Next(3) == 0
        ? default
        : RuleMetadata.Create("team", random.Next(2) == 0 ? null : "why", null, random.Next(2) == 0 ? null : Today.AddDays(random.Next(-3, 4)));

    /// <summary>The edits the designer makes: rules added, changed, removed; groups renamed, re-described, added, removed, moved.</summary>
    private static Estate RandomEdit(Estate estate, Random random)
    {
        var group = estate.Groups[random.Next(estate.Groups.Length)];
        var other = estate.Groups[random.Next(estate.Groups.Length)];
        return random.Next(10) switch
        {
            < 4 => RandomEstates.WithOneRuleEdit(estate, random),
            4 => estate.WithGroup(group with { Name = random.Next(3) switch { 0 => "default", 1 => other.Name.ToUpperInvariant(), _ => $"n{random.Next(4)}" } }),
            5 => estate.WithGroup(group with { Description = random.Next(2) == 0 ? "" : "why", Rules = [.. group.Rules.Select(r => r with { Description = random.Next(2) == 0 ? null : "d", Metadata = RandomMetadata(random) })] }),
            // A new group, sometimes under an id that rules already reference (sg-9) or that an ENI carries.
            6 => estate.WithGroup(new SecurityGroup(random.Next(2) == 0 ? "sg-9" : $"sg-new-{random.Next()}", $"g{random.Next(9)}", "new", estate.Vpcs[random.Next(estate.Vpcs.Length)].Id,
                ImmutableSortedDictionary<string, string>.Empty,
                [.. Enumerable.Range(0, random.Next(3)).Select(i => RandomEstates.RandomRule(random, $"sgr-new-{random.Next()}", estate.Groups.Length, estate.Vpcs.Length))])),
            7 when estate.Groups.Length > 1 => estate with { Groups = estate.Groups.Remove(group) },
            7 or 8 => estate.WithGroup(group with { VpcId = estate.Vpcs[random.Next(estate.Vpcs.Length)].Id }),
            // A rule naming another group, so references appear and disappear.
            _ => estate.WithGroup(group with { Rules = group.Rules.Add(new Rule($"sgr-ref-{random.Next()}", random.Next(2) == 0 ? Direction.Inbound : Direction.Outbound,
                IpProtocol.Tcp, 443, 443, new GroupPeer(other.Id))) }),
        };
    }
}
