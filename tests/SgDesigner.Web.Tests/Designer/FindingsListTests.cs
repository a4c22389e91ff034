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

        await list.InvokeAsync(() => Session.EditAsync(DraftChanges.UpsertRule(Db, ssh), TestContext.Current.CancellationToken));

        list.WaitForAssertion(() => Assert.Contains(list.FindAll("[data-testid=finding]"), f => f.GetAttribute("data-rule-id") == ssh.Id), TimeSpan.FromSeconds(5));
        Assert.Equal(Session.Findings.Length, list.FindAll("[data-testid=finding]").Count);
    }
}
