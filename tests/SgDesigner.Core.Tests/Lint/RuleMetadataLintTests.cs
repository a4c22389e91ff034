using SgDesigner.Core.Documents;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.AwsCli;

namespace SgDesigner.Core.Tests.Lint;

/// <summary>
/// SGD040 (past the review-by date) and SGD041 (an allow from the internet without a justification) on the fixtures under
/// tests/data/lint-metadata: each makes exactly its finding fire on top of what the estate has anyway, clean.json none.
/// </summary>
public sealed class RuleMetadataLintTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly LintOptions Strict = new(Today, RequireJustification: true);

    public static string Folder { get; } = Path.GetFullPath(Path.Combine(AwsSamples.Root, "..", "lint-metadata"));

    private static Estate Fixture(string name)
    {
        var read = PolicyDocumentJson.Read(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        Assert.True(read.IsOk, read.Error?.ToString());
        return read.Document!.Estate;
    }

    // The findings the metadata checks add to the estate's others.
    private static List<Finding> Added(Estate estate, LintOptions options) =>
        [.. Linter.Lint(estate, null, options).Except(Linter.Lint(estate))];

    [Theory]
    [InlineData("SGD040", "sgr-0000000000000000a", "was due for review on 2026-11-30, 5 day(s) ago; owner team-web")]
    [InlineData("SGD041", "sgr-0000000000000000f", "allows tcp 443 from 0.0.0.0/0 with no justification recorded")]
    public void EachFixtureMakesExactlyItsFindingFire(string check, string ruleId, string message)
    {
        var finding = Assert.Single(Added(Fixture(check), Strict));

        Assert.Equal(check, finding.Id);
        Assert.Equal(LintCatalogue.Find(check)!.Severity, finding.Severity);
        Assert.Equal(("sg-0000000a", ruleId), (finding.GroupId, finding.RuleId));
        Assert.Contains(message, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCleanFixtureHasNoMetadataFinding() => Assert.Empty(Added(Fixture("clean"), Strict));

    [Fact]
    public void WithoutTodayNoRuleIsOverdueAndWithoutThePolicysChoiceNoJustificationIsRequired()
    {
        Assert.Empty(Added(Fixture("SGD040"), new LintOptions(null, RequireJustification: true)));
        Assert.Empty(Added(Fixture("SGD041"), new LintOptions(Today)));
    }

    [Fact]
    public void OnItsReviewByDateARuleIsNotYetOverdue()
    {
        Assert.Empty(Added(Fixture("SGD040"), new LintOptions(new DateOnly(2026, 11, 30))));
        Assert.Single(Added(Fixture("SGD040"), new LintOptions(new DateOnly(2026, 12, 1))));
    }

    [Fact]
    public void AnIpv6WorldAllowNeedsAJustificationTooButAnOutboundOneDoesNot()
    {
        var estate = TestEstate.Of(TestEstate.Group("sg-1", "web",
            TestEstate.In("sgr-1", "tcp", 443, 443, "::/0"),
            TestEstate.Out("sgr-2", "-1", -1, -1, "0.0.0.0/0"),
            TestEstate.In("sgr-3", "tcp", 80, 80, "0.0.0.0/0") with { Metadata = RuleMetadata.Create(justification: "redirects to https") }));

        var finding = Assert.Single(Linter.Lint(estate, null, Strict), f => f.Id == LintCatalogue.WorldAllowWithoutJustification.Id);

        Assert.Equal("sgr-1", finding.RuleId);
    }
}
