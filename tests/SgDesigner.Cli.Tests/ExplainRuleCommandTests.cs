using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

public sealed class ExplainRuleCommandTests(Samples samples)
{
    // cloudmapper-demo: "Internal web" (sg-00000004, two ENIs) admits tcp 8000 from the bastion group (one ENI), and no
    // other rule does; its tcp 8000 from "Public web" matches nothing, as no ENI carries that group.
    private const string FromBastion = "sgr-bae39c0424a2be4b9";

    [Fact]
    public void The_text_lists_the_flows_only_the_rule_allows()
    {
        var run = SgdRun.Of("explain-rule", samples.Policy("cloudmapper-demo"), FromBastion);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            sg-00000004 sgr-bae39c0424a2be4b9: inbound tcp 8000 from sg-00000002
            Removing rule sgr-bae39c0424a2be4b9 closes 1 flow; no other rule allows any of them.
            Only this rule allows (removing it closes):
              sg-00000002 (Bastion) [1 ENI: eni-00000000] -> sg-00000004 (Internal web) [2 ENIs: eni-00000000@i-00000000000000001, eni-00000000@i-00000000000000002]: tcp 8000

            """.ReplaceLineEndings(), run.Stdout.ReplaceLineEndings());
    }

    [Fact]
    public void The_json_has_both_lists_with_totals_parties_and_traffic()
    {
        var run = SgdRun.Of("explain-rule", samples.Policy("cloudmapper-demo"), FromBastion, "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(FromBastion, root.GetProperty("rule").GetProperty("id").GetString());
        Assert.False(root.GetProperty("redundant").GetBoolean());
        Assert.Equal(1, root.GetProperty("onlyThis").GetProperty("total").GetInt32());
        Assert.Equal(0, root.GetProperty("alsoAllowed").GetProperty("total").GetInt32());
        var flow = Assert.Single(root.GetProperty("onlyThis").GetProperty("flows").EnumerateArray());
        Assert.Equal("sg-00000002 (Bastion)", flow.GetProperty("from").GetProperty("label").GetString());
        Assert.Equal(2, flow.GetProperty("to").GetProperty("eniCount").GetInt32());
        Assert.Equal(2, flow.GetProperty("pairs").GetInt64());
        Assert.Equal("tcp", Assert.Single(flow.GetProperty("traffic").EnumerateArray()).GetProperty("protocol").GetString());
    }

    [Fact]
    public void A_rule_that_allows_nothing_says_why()
    {
        var run = SgdRun.Of("explain-rule", samples.Policy("cloudmapper-demo"), "sgr-661e4a3a12a667d96", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.True(doc.RootElement.GetProperty("allowsNothing").GetBoolean());
        Assert.Contains("sg-00000003", doc.RootElement.GetProperty("nothingBecause").GetString());
    }

    [Fact]
    public void An_unknown_rule_id_is_a_usage_error_naming_it_and_suggesting_close_ids()
    {
        var run = SgdRun.Of("explain-rule", samples.Policy("cloudmapper-demo"), "sgr-bae39c0424a2be4b8");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'sgr-bae39c0424a2be4b8'", run.Stderr);
        Assert.Contains("did you mean sgr-bae39c0424a2be4b9?", run.Stderr);
        Assert.Empty(run.Stdout);
    }
}
