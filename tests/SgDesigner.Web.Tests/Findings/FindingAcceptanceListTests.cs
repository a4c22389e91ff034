using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudDialogProvider = MudBlazor.MudDialogProvider;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Data.Findings;
using SgDesigner.Web.Features.Findings;
using SgDesigner.Web.Tests.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Findings;

/// <summary>The findings list of the designer with accepted findings: the dialog, the accepted section, revoking.</summary>
public sealed class FindingAcceptanceListTests : DesignerTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly Rule Ssh = new("sgr-0000000000000ssh0", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private FindingAcceptanceStore Acceptances => Services.GetRequiredService<FindingAcceptanceStore>();

    private static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    private static string SshFinding => $"[data-testid=finding][data-rule-id={Ssh.Id}][data-finding-id=SGD001]";

    [Fact]
    public async Task The_dialog_requires_a_reason_then_the_finding_moves_to_the_accepted_section_and_stops_counting()
    {
        await Session.EditAsync(GroupEdits.PutRule(Db, Ssh), Token);
        var dialogs = Render<MudDialogProvider>();
        var list = Render<FindingsList>();
        var active = list.FindAll("[data-testid=finding]").Count;

        list.Find($"{SshFinding} [data-testid=accept-finding]").Click();
        dialogs.WaitForElement("[data-testid=accept-confirm]", Patience).Click();

        dialogs.WaitForAssertion(() => Assert.Contains("reason is required", dialogs.Find("[data-testid=accept-finding-dialog]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty((await Acceptances.ListAsync(Session.Info!.PolicyId, Token)).Value);

        dialogs.Find(Field("accept-reason")).Input("break-glass access, closed by the incident runbook");
        dialogs.Find("[data-testid=accept-confirm]").Click();

        list.WaitForAssertion(() => Assert.Empty(list.FindAll(SshFinding)), Patience);
        Assert.Equal(active - 1, list.FindAll("[data-testid=finding]").Count);
        Assert.Contains("Accepted (1)", list.Find("[data-testid=accepted-findings]").TextContent, StringComparison.Ordinal);
        Assert.Equal("error 0", list.Find("[data-testid=severity-error]").TextContent.Trim());
        var stored = Assert.Single((await Acceptances.ListAsync(Session.Info.PolicyId, Token)).Value);
        Assert.Equal((new FindingKey("SGD001", Db, Ssh.Id, ""), "break-glass access, closed by the incident runbook", Tester.UserId),
            (stored.Key, stored.Reason, stored.AcceptedByUserId));
        Assert.Empty(dialogs.FindAll("[data-testid=accept-finding-dialog]"));
    }

    [Fact]
    public async Task A_reason_with_a_control_character_is_refused_in_the_dialog()
    {
        await Session.EditAsync(GroupEdits.PutRule(Db, Ssh), Token);
        var dialogs = Render<MudDialogProvider>();
        var list = Render<FindingsList>();

        list.Find($"{SshFinding} [data-testid=accept-finding]").Click();
        dialogs.WaitForElement(Field("accept-reason"), Patience).Input("bell\u0007");
        dialogs.Find("[data-testid=accept-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("U+0007", dialogs.Find("[data-testid=accept-finding-dialog]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty((await Acceptances.ListAsync(Session.Info!.PolicyId, Token)).Value);
    }

    [Fact]
    public async Task The_accepted_section_shows_reason_and_who_and_revoking_makes_the_finding_count_again()
    {
        await Session.EditAsync(GroupEdits.PutRule(Db, Ssh), Token);
        await AcceptSshAsync();
        var list = Render<FindingsList>();
        Assert.Empty(list.FindAll(SshFinding));

        list.Find("[data-testid=accepted-findings] .mud-expand-panel-header").Click();
        var accepted = list.WaitForElement($"[data-testid=accepted-finding][data-rule-id={Ssh.Id}]", Patience);
        Assert.Contains("only from the bastion's NAT", accepted.QuerySelector("[data-testid=accepted-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tess Tester", accepted.QuerySelector("[data-testid=accepted-by]")!.TextContent, StringComparison.Ordinal);

        accepted.QuerySelector("[data-testid=revoke-acceptance]")!.Click();

        list.WaitForElement(SshFinding, Patience);
        Assert.Empty(list.FindAll("[data-testid=accepted-findings]"));
        Assert.Empty((await Acceptances.ListAsync(Session.Info!.PolicyId, Token)).Value);
    }

    [Fact]
    public async Task When_the_rule_goes_the_acceptance_stays_stored_unseen_and_the_same_rule_back_is_accepted_again_but_another_is_new()
    {
        await Session.EditAsync(GroupEdits.PutRule(Db, Ssh), Token);
        await AcceptSshAsync();
        var list = Render<FindingsList>();

        await list.InvokeAsync(() => Session.EditAsync(GroupEdits.RemoveRule(Db, Ssh.Id), Token));

        list.WaitForAssertion(() => Assert.Empty(list.FindAll("[data-testid=accepted-findings]")), Patience);
        Assert.Single((await Acceptances.ListAsync(Session.Info!.PolicyId, Token)).Value);

        await list.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, Ssh), Token));
        list.WaitForAssertion(() => Assert.Contains("Accepted (1)", list.Find("[data-testid=accepted-findings]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(list.FindAll(SshFinding));

        var other = Ssh with { Id = "sgr-0000000000000rdp0", FromPort = 3389, ToPort = 3389 };
        Assert.Null(await list.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, other), Token)));
        list.WaitForElement($"[data-testid=finding][data-rule-id={other.Id}][data-finding-id=SGD001]", Patience);
    }

    private async Task AcceptSshAsync()
    {
        await Session.WhenStoredAsync(Token);
        var accepted = await Acceptances.AcceptAsync(Tester, Session.Info!.PolicyId, new FindingKey("SGD001", Db, Ssh.Id, ""),
            "only from the bastion's NAT address in practice", null, Session.Info.Id, Token);
        Assert.True(accepted.IsOk, accepted.ToString());
    }
}
