using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

public sealed class LintAcceptedFindingsTests : IDisposable
{
    private const string Reason = "bastion; the VPN is the only route in";

    private readonly TempFolder _folder = new();

    // sg-web admits ssh from anywhere (SGD001, an error), and the document accepts exactly that finding.
    private string OpenSshAccepted(DateTime? expiresAt = null)
    {
        var estate = Estate(
            [Group("sg-web", "web", Inbound("sgr-ssh", IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4)), EgressAll("sgr-out"))],
            [Eni("eni-1", "10.0.1.10", "sg-web")]);
        var document = new PolicyDocument("accepted", null, estate)
        {
            AcceptedFindings = [new AcceptedFinding(new FindingKey("SGD001", "sg-web", "sgr-ssh", ""), Reason, ExpiresAt: expiresAt)],
        };
        return _folder.Write("accepted.json", PolicyDocumentJson.Write(document));
    }

    [Fact]
    public void An_accepted_error_is_reported_as_accepted_and_does_not_fail_the_run()
    {
        var run = SgdRun.Of("lint", OpenSshAccepted(), "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var ssh = findings.Single(f => f.GetProperty("rule").GetString() == "sgr-ssh" && f.GetProperty("id").GetString() == "SGD001");
        Assert.Equal(Reason, ssh.GetProperty("accepted").GetProperty("reason").GetString());
        Assert.All(findings.Where(f => f.GetProperty("id").GetString() != "SGD001"), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("accepted").ValueKind));
        Assert.Equal(0, doc.RootElement.GetProperty("counts").GetProperty("error").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("accepted").GetInt32());
        Assert.False(doc.RootElement.GetProperty("failed").GetBoolean());
    }

    [Fact]
    public void The_text_report_shows_the_reason_and_counts_the_accepted_apart()
    {
        var run = SgdRun.Of("lint", OpenSshAccepted());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"    accepted: {Reason}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("; 1 accepted (failing at error and above)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_acceptance_no_longer_applies()
    {
        var run = SgdRun.Of("lint", OpenSshAccepted(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)), "--json");

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("accepted").GetInt32());
    }

    public void Dispose() => _folder.Dispose();
}
