using SgDesigner.Core.Editing;
using Bunit;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Findings;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

public sealed class FindingsListTests : DesignerTestContext
{
    [Fact]
    public void Lists_every_finding_of_the_draft()
    {
        var list = Render<FindingsList>();

        Assert.Equal(Session.Findings.Length, list.FindAll("[data-testid=finding]").Count);
        Assert.Contains($"Findings ({Session.Findings.Length})", list.Markup);
    }

    [Fact]
    public async Task A_rule_opening_ssh_to_the_world_adds_a_finding_about_that_rule()
    {
        var list = Render<FindingsList>();
        var ssh = new Rule("sgr-0000000000000ssh0", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));

        await list.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, ssh), TestContext.Current.CancellationToken));

        list.WaitForAssertion(() => Assert.Contains(list.FindAll("[data-testid=finding]"), f => f.GetAttribute("data-rule-id") == ssh.Id), TimeSpan.FromSeconds(5));
        Assert.Equal(Session.Findings.Length, list.FindAll("[data-testid=finding]").Count);
        // Checkov's id beside sgd's, so the same rule in the exported Terraform brings no surprise.
        var sshFinding = list.Find($"[data-testid=finding][data-rule-id={ssh.Id}][data-finding-id=SGD001]");
        Assert.Equal("CKV_AWS_24", sshFinding.QuerySelector("[data-testid=finding-checkov]")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_finding_links_to_its_group_and_rule()
    {
        RuleLink? opened = null;
        var list = Render<FindingsList>(p => p.Add(x => x.OpenRule, (RuleLink link) => opened = link));
        var ssh = new Rule("sgr-0000000000000ssh0", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));
        await list.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, ssh), TestContext.Current.CancellationToken));

        list.WaitForElement($"[data-testid=finding][data-rule-id={ssh.Id}] [data-testid=open-finding]", TimeSpan.FromSeconds(5)).Click();

        Assert.Equal(new RuleLink(Db, ssh.Id), opened);
    }

    [Fact]
    public async Task Hundreds_of_findings_are_shown_a_page_at_a_time_and_filtered_by_severity()
    {
        var ct = TestContext.Current.CancellationToken;
        var rules = Enumerable.Range(1, 59).Select(i =>
            new Rule($"sgr-{i:D17}", Direction.Inbound, IpProtocol.Tcp, 1000 + i, 1000 + i, new CidrPeer(Cidr.AnyV4)));
        await Session.EditAsync(GroupEdits.Put(Session.Estate.FindGroup(Db)! with { Rules = Session.Estate.FindGroup(Db)!.Rules.AddRange(rules) }), ct);
        Assert.True(Session.Findings.Length > 50);
        var list = Render<FindingsList>();

        Assert.Equal(50, list.FindAll("[data-testid=finding]").Count);
        list.Find("[data-testid=more-findings]").Click();
        Assert.Equal(Session.Findings.Length, list.FindAll("[data-testid=finding]").Count);

        var severities = Session.Findings.Select(f => f.Severity.ToString().ToLowerInvariant()).Distinct().ToList();
        list.Find($"[data-testid=severity-{severities[0]}]").Click();
        Assert.Empty(list.FindAll($"[data-testid=finding][data-severity={severities[0]}]"));
        Assert.Equal(Session.Findings.Count(f => !string.Equals(f.Severity.ToString(), severities[0], StringComparison.OrdinalIgnoreCase)), list.FindAll("[data-testid=finding]").Count);
    }
}
