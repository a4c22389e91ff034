using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// <c>sgd lint</c> on the rule metadata fixtures under tests/data/lint-metadata: a rule past its review-by date (judged
/// against <c>--today</c>) and, with <c>--require-justification</c>, an allow from the internet nobody justified.
/// </summary>
public sealed class LintMetadataCommandTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "data", "lint-metadata", name + ".json");

    private static List<JsonElement> Findings(SgdRun run, string check)
    {
        using var doc = JsonDocument.Parse(run.Stdout);
        return [.. doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == check).Select(f => f.Clone())];
    }

    [Fact]
    public void A_rule_past_its_review_by_date_is_a_warning_as_of_the_given_day()
    {
        var late = SgdRun.Of("lint", Fixture("SGD040"), "--json", "--today", "2026-12-05");
        var before = SgdRun.Of("lint", Fixture("SGD040"), "--json", "--today", "2026-11-30");

        Assert.Equal(0, late.ExitCode);
        var finding = Assert.Single(Findings(late, "SGD040"));
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("sgr-0000000000000000a", finding.GetProperty("rule").GetString());
        Assert.Contains("due for review on 2026-11-30, 5 day(s) ago", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Findings(before, "SGD040"));
        Assert.Equal(1, SgdRun.Of("lint", Fixture("SGD040"), "--today", "2026-12-05", "--fail-on", "warning").ExitCode);
    }

    [Fact]
    public void An_unjustified_allow_from_the_internet_fails_the_run_only_when_justifications_are_required()
    {
        var required = SgdRun.Of("lint", Fixture("SGD041"), "--json", "--today", "2026-12-05", "--require-justification");
        var optional = SgdRun.Of("lint", Fixture("SGD041"), "--json", "--today", "2026-12-05");
        var justified = SgdRun.Of("lint", Fixture("clean"), "--json", "--today", "2026-12-05", "--require-justification");

        Assert.Equal(1, required.ExitCode);
        Assert.Equal("sgr-0000000000000000f", Assert.Single(Findings(required, "SGD041")).GetProperty("rule").GetString());
        Assert.Empty(Findings(optional, "SGD041"));
        Assert.Empty(Findings(justified, "SGD041"));
        Assert.Empty(Findings(justified, "SGD040"));
    }

    [Fact]
    public void A_today_that_is_not_a_date_is_a_usage_error_naming_the_option()
    {
        var run = SgdRun.Of("lint", Fixture("clean"), "--today", "05/12/2026");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--today: '05/12/2026' is not a date: use yyyy-MM-dd", run.Stderr, StringComparison.Ordinal);
    }
}
