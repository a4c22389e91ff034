using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// <c>sgd lint</c> on the network ACL fixtures under tests/data/lint-acl: each makes exactly its finding fire, in the
/// text output (check, severity, ACL, rule, message, why, flows) and in <c>--json</c>.
/// </summary>
public sealed class LintAclCommandTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "data", "lint-acl", name + ".json");

    [Theory]
    [InlineData("SGD030", "SGD030 warning acl-0000000b inbound#200: Network ACL acl-0000000b (db) inbound rule #200 deny tcp 5432 10.0.1.128/25 never matches: the earlier rule #100 allow tcp 5432 10.0.1.0/24 covers it entirely")]
    [InlineData("SGD031", "SGD031 warning acl-0000000b outbound#* subnet-0000000a→subnet-0000000b tcp 5432: tcp 5432 from subnet-0000000a to subnet-0000000b: the security groups allow it and the request passes, but Network ACL acl-0000000b of subnet-0000000b drops the replies")]
    [InlineData("SGD032", "SGD032 info acl-0000000b inbound#110: Network ACL acl-0000000b (db) inbound rule #110 allow tcp 22 10.0.1.0/24 allows traffic that no security group on its subnets (subnet-0000000b) admits")]
    [InlineData("SGD033", "SGD033 info acl-0000000b inbound: Network ACL acl-0000000b (db) inbound rules #100–#102 are numbered without gaps")]
    [InlineData("SGD034", "SGD034 warning acl-0000000b inbound#110: Network ACL acl-0000000b (db) inbound rule #110 allow tcp 5432 10.0.1.192/26 never matches: the earlier rule #100 deny tcp 5432 10.0.1.128/25 covers it entirely")]
    public void The_text_output_shows_exactly_the_fixtures_finding(string check, string line)
    {
        var run = SgdRun.Of("lint", Fixture(check));
        Assert.Equal(0, run.ExitCode);
        var findings = run.Stdout.Split('\n').Where(l => l.StartsWith("SGD", StringComparison.Ordinal)).ToList();
        Assert.StartsWith(line, Assert.Single(findings), StringComparison.Ordinal);
        Assert.Contains("    why: ", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, SgdRun.Of("lint", Fixture(check), "--fail-on", "info").ExitCode);
    }

    [Fact]
    public void The_silent_time_out_names_the_clients_in_a_flow_line()
    {
        var run = SgdRun.Of("lint", Fixture("SGD031"));
        Assert.Contains("replies allowed only to ports 1024–5000: Linux clients, which use 32768–60999, time out", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("    flow: eni-0000000a → eni-0000000b: tcp 5432: Linux clients (32768–60999) time out: no reply reaches their ports", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SGD030", "warning", "inbound#200")]
    [InlineData("SGD031", "warning", "outbound#*")]
    [InlineData("SGD032", "info", "inbound#110")]
    [InlineData("SGD033", "info", "inbound")]
    [InlineData("SGD034", "warning", "inbound#110")]
    public void The_json_output_names_the_check_acl_and_rule(string check, string severity, string rule)
    {
        var run = SgdRun.Of("lint", Fixture(check), "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(check, finding.GetProperty("id").GetString());
        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Equal("acl-0000000b", finding.GetProperty("group").GetString());
        Assert.Equal(rule, finding.GetProperty("rule").GetString());
        Assert.Contains("acl-0000000b", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(check == "SGD031" ? 1 : 0, finding.GetProperty("flows").GetArrayLength());
    }

    [Fact]
    public void An_acl_finding_is_accepted_by_its_key()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllText(Fixture("SGD030")).TrimEnd().TrimEnd('}') +
            ", \"acceptedFindings\": [{\"check\": \"SGD030\", \"groupId\": \"acl-0000000b\", \"ruleId\": \"inbound#200\", \"reason\": \"kept for the audit\"}] }";
        var run = SgdRun.Of("lint", folder.Write("accepted.json", text), "--json", "--fail-on", "info");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("kept for the audit", finding.GetProperty("accepted").GetProperty("reason").GetString());
    }

    [Fact]
    public void The_clean_fixture_has_no_finding() =>
        Assert.StartsWith("0 finding(s)", SgdRun.Of("lint", Fixture("clean")).Stdout, StringComparison.Ordinal);
}
