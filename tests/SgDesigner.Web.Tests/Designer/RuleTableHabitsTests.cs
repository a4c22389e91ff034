using System.Net;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>The AWS console's habits in the rule table: the Type column, the source shortcuts and pasting rules.</summary>
public sealed class RuleTableHabitsTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    private IRenderedComponent<RuleTable> RenderInbound(string group = Db)
    {
        _popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<RuleTable>(p => p.Add(t => t.GroupId, group).Add(t => t.Direction, Direction.Inbound));
    }

    private static string RowOf(string id) => $"tr:has([data-testid=rule-row][data-rule-id={id}])";

    private static string FieldOf(string id, string testId) => $"{RowOf(id)} input[data-testid={testId}], {RowOf(id)} [data-testid={testId}] input";

    private static string AddRow(IRenderedComponent<RuleTable> table)
    {
        table.Find("[data-testid=add-rule]").Click();
        return table.FindAll("[data-testid=rule-row]")[^1].GetAttribute("data-rule-id")!;
    }

    // A store answered in between re-renders the row with new handlers; the choice is made again on the next render.
    private static void ChooseType(IRenderedComponent<RuleTable> table, string id, string type) =>
        table.WaitForAssertion(() => table.Find($"{RowOf(id)} select[data-testid=rule-type]").Change(type), Wait);

    private async Task<Rule> StoredRuleAsync(string id) =>
        (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules.Single(r => r.Id == id);

    [Fact]
    public async Task Choosing_a_type_fills_protocol_and_ports_makes_them_read_only_and_the_rule_is_stored_as_that_type()
    {
        var table = RenderInbound();
        var id = AddRow(table);
        Assert.Equal("Custom TCP", table.Find($"{RowOf(id)} select[data-testid=rule-type]").GetAttribute("value"));

        ChooseType(table, id, "HTTPS");
        Assert.Equal(("tcp", "443"), (table.Find(FieldOf(id, "protocol")).GetAttribute("value"), table.Find(FieldOf(id, "ports")).GetAttribute("value")));
        Assert.True(table.Find(FieldOf(id, "ports")).HasAttribute("readonly"));
        Assert.True(table.Find(FieldOf(id, "protocol")).HasAttribute("readonly"));
        table.Find(FieldOf(id, "peer")).Change("10.0.0.0/8");
        table.Find(FieldOf(id, "peer")).Blur();

        table.WaitForAssertion(() => Assert.Empty(table.FindAll("[data-testid=not-saved]")), Wait);
        var stored = await StoredRuleAsync(id);
        Assert.Equal((IpProtocol.Tcp, 443, 443, "10.0.0.0/8"), (stored.Protocol, stored.FromPort, stored.ToPort, stored.Peer.ToString()));

        // Another fixed type changes the stored rule; a custom one of the same protocol keeps the ports and frees them.
        ChooseType(table, id, "All traffic");
        table.WaitForAssertion(() => Assert.Equal(IpProtocol.All, Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == id).Protocol), Wait);
        Assert.Equal((IpProtocol.All, -1, -1), ((await StoredRuleAsync(id)).Protocol, (await StoredRuleAsync(id)).FromPort, (await StoredRuleAsync(id)).ToPort));
        ChooseType(table, id, "PostgreSQL");
        table.WaitForAssertion(() => Assert.Equal(5432, Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == id).FromPort), Wait);
        ChooseType(table, id, "Custom TCP");
        Assert.Equal("5432", table.Find(FieldOf(id, "ports")).GetAttribute("value"));
        Assert.False(table.Find(FieldOf(id, "ports")).HasAttribute("readonly"));
        table.WaitForAssertion(() => table.Find(FieldOf(id, "ports")).Change("5433"), Wait);
        table.WaitForAssertion(() => Assert.Equal(5433, Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == id).FromPort), Wait);
        Assert.Equal(5433, (await StoredRuleAsync(id)).FromPort);
    }

    [Fact]
    public async Task A_stored_rule_shows_the_type_it_matches_and_stays_editable()
    {
        foreach (var (id, port) in new[] { ("sgr-000000000000000443", 443), ("sgr-000000000000008443", 8443) })
            await Session.EditAsync(GroupEdits.PutRule(Db, new Rule(id, Direction.Inbound, IpProtocol.Tcp, port, port, new GroupPeer(Web))), TestContext.Current.CancellationToken);
        await Session.EditAsync(GroupEdits.PutRule(Db, new Rule("sgr-00000000000000icmp", Direction.Inbound, IpProtocol.Icmp, -1, -1, new GroupPeer(Web))), TestContext.Current.CancellationToken);

        var table = RenderInbound();

        Assert.Equal(["HTTPS", "Custom TCP", "All ICMP - IPv4"], table.FindAll("select[data-testid=rule-type]").Select(s => s.GetAttribute("value")));
        Assert.False(table.Find(FieldOf("sgr-000000000000000443", "ports")).HasAttribute("readonly"));
        Assert.Equal(RuleTypePresets.All.Select(p => p.Name), table.FindAll($"{RowOf("sgr-000000000000000443")} select option").Select(o => o.TextContent));
    }

    [Theory]
    [InlineData("peer-anywhere-ipv4", "0.0.0.0/0")]
    [InlineData("peer-anywhere-ipv6", "::/0")]
    [InlineData("peer-my-ip", "203.0.113.7/32")]
    public async Task A_source_shortcut_is_stored_at_once_like_a_value_committed_with_enter(string shortcut, string cidr)
    {
        // The circuit's HTTP context (after the trusted forwarded headers) is where My IP comes from.
        Services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("::ffff:203.0.113.7") } };
        var table = RenderInbound();
        var id = AddRow(table);
        table.Find(FieldOf(id, "ports")).Change("22");

        table.Find($"{RowOf(id)} [data-testid=peer-shortcuts] button").Click();
        _popovers.WaitForElement($"[data-testid={shortcut}]").Click();

        table.WaitForAssertion(() => Assert.Empty(table.FindAll("[data-testid=not-saved]")), Wait);
        Assert.Equal(cidr, (await StoredRuleAsync(id)).Peer.ToString());
        Assert.Equal(cidr, table.Find(FieldOf(id, "peer")).GetAttribute("value"));
    }

    [Fact]
    public async Task A_shortcut_goes_through_the_field_s_validation_and_a_refused_one_stores_nothing()
    {
        // icmpv6 with an IPv4 peer is only a warning; a duplicate of a stored rule is refused at the row.
        await Session.EditAsync(GroupEdits.PutRule(Db, new Rule("sgr-0000000000000000a4", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4))), TestContext.Current.CancellationToken);
        var version = Session.Info!.Version;
        var table = RenderInbound();
        var id = AddRow(table);
        table.Find(FieldOf(id, "ports")).Change("22");

        table.Find($"{RowOf(id)} [data-testid=peer-shortcuts] button").Click();
        _popovers.WaitForElement("[data-testid=peer-anywhere-ipv4]").Click();

        table.WaitForAssertion(() => Assert.Contains("duplicates", table.Find(RowOf(id)).TextContent), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_group_typed_by_name_resolves_to_its_id_which_shows_on_hover()
    {
        var table = RenderInbound();
        var id = AddRow(table);
        // Found and fired on the renderer's dispatcher: the store answering in between renders the row with new handlers.
        await table.InvokeAsync(() => table.Find(FieldOf(id, "ports")).Change("5432"));

        await table.InvokeAsync(() => table.Find(FieldOf(id, "peer")).Change("WEB"));
        await table.InvokeAsync(() => table.Find(FieldOf(id, "peer")).Blur());

        table.WaitForAssertion(() => Assert.Equal(new GroupPeer(Web), Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == id).Peer), Wait);
        Assert.Equal((Web, $"web ({Web})"), (table.Find(FieldOf(id, "peer")).GetAttribute("title"), table.Find(FieldOf(id, "peer")).GetAttribute("value")));
    }

    [Fact]
    public async Task Pasted_rules_with_a_bad_line_store_nothing_and_list_every_problem_by_line_then_a_good_block_is_one_edit()
    {
        var dialogs = Render<MudDialogProvider>();
        var table = RenderInbound();
        var version = Session.Info!.Version;

        table.Find("[data-testid=paste-rules]").Click();
        dialogs.WaitForElement("textarea[data-testid=paste-text], [data-testid=paste-text] textarea")
            .Input("tcp,443,10.0.0.0/8,web from corp\ntcp,70000,10.0.0.0/8\n\nHTTPS,,nowhere\n");
        dialogs.Find("[data-testid=paste-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(
            ["line 2, port: port 70000 is out of range 0..65535", "line 4, peer: no group or prefix list of the policy is named 'nowhere', and it is not a CIDR block"],
            dialogs.FindAll("[data-testid=paste-error]").Select(e => e.TextContent.Trim())), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
        Assert.Empty((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);

        dialogs.Find("textarea").Input("tcp,443,10.0.0.0/8,web from corp\nPostgreSQL,,web\nicmp,8/0,10.0.0.0/8\nudp,1000-2000,::/0,\"media, RTP\"");
        dialogs.Find("[data-testid=paste-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=paste-rules-dialog]")), Wait);
        var stored = await StoredDraftAsync();
        Assert.Equal(version + 1, stored.Info.Version);
        Assert.Equal(["inbound tcp 443 from 10.0.0.0/8|web from corp", $"inbound tcp 5432 from {Web}|", "inbound icmp 8/0 from 10.0.0.0/8|", "inbound udp 1000-2000 from ::/0|media, RTP"],
            stored.Estate.FindGroup(Db)!.Inbound.Select(r => $"{r}|{r.Description}"));
        table.WaitForAssertion(() => Assert.Equal(4, table.FindAll("[data-testid=rule-row]").Count), Wait);

        // One edit, one undo step.
        Assert.Null(await Session.UndoAsync(TestContext.Current.CancellationToken));
        Assert.Empty((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
    }

    [Fact]
    public async Task Pasting_past_the_group_s_quota_names_the_quota_and_stores_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var table = RenderInbound();
        var version = Session.Info!.Version;
        var lines = string.Join('\n', Enumerable.Range(1000, Session.Estate.Quotas.RulesPerDirection + 1).Select(p => $"tcp,{p},10.0.0.0/8"));

        table.Find("[data-testid=paste-rules]").Click();
        dialogs.WaitForElement("textarea").Input(lines);
        dialogs.Find("[data-testid=paste-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("line 61, quota: this rule makes 61 inbound rules in db, over the quota of 60 rules per direction",
            dialogs.Find("[data-testid=paste-error]").TextContent.Trim()), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }
}
