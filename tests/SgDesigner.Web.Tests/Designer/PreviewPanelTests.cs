using SgDesigner.Core.Editing;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Core.Model;
using Direction = SgDesigner.Core.Model.Direction;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Preview;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

public sealed class PreviewPanelTests : DesignerTestContext
{
    private IRenderedComponent<PreviewPanel> Ask(string from, string to, string protocol, string port)
    {
        Render<MudPopoverProvider>();
        var panel = Render<PreviewPanel>();
        panel.Find("input[data-testid=preview-protocol], [data-testid=preview-protocol] input").Change(protocol);
        panel.Find("input[data-testid=preview-port], [data-testid=preview-port] input").Change(port);
        panel.Find("input[data-testid=preview-source], [data-testid=preview-source] input").Input(from);
        panel.Find("input[data-testid=preview-source], [data-testid=preview-source] input").Blur();
        panel.Find("input[data-testid=preview-destination], [data-testid=preview-destination] input").Input(to);
        panel.Find("input[data-testid=preview-destination], [data-testid=preview-destination] input").Blur();
        return panel;
    }

    [Fact]
    public void A_pick_from_the_list_stays_when_the_typed_text_comes_back_after_it_and_only_typing_again_replaces_it()
    {
        var popovers = Render<MudPopoverProvider>();
        var panel = Render<PreviewPanel>();
        var field = () => panel.Find("input[data-testid=preview-source], [data-testid=preview-source] input");
        // Typed key by key, as in a browser: each key, then the text it made.
        void Type(string text)
        {
            for (var i = 1; i <= text.Length; i++)
            {
                field().KeyDown(new KeyboardEventArgs { Key = text[(i - 1)..i] });
                field().Input(text[..i]);
            }
        }
        field().Focus();
        Type("web-1");
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), o => o.TextContent.Contains("web-1 (i-00000000000000web)", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));

        popovers.FindAll(".mud-list-item").First(o => o.TextContent.Contains("web-1 (i-00000000000000web)", StringComparison.Ordinal)).Click();
        panel.WaitForAssertion(() => Assert.Equal("web-1 (i-00000000000000web)", panel.Find("[data-testid=preview]").GetAttribute("data-source")), TimeSpan.FromSeconds(5));
        // The text typed before the pick comes back to the field after it (under load the field's own events can land
        // after the click): with CoerceValue it would become the value again, and the preview would answer for it.
        field().Input("web-1");

        panel.WaitForAssertion(() => Assert.Equal("web-1 (i-00000000000000web)", field().GetAttribute("value")), TimeSpan.FromSeconds(5));
        Assert.Equal("web-1 (i-00000000000000web)", panel.Find("[data-testid=preview]").GetAttribute("data-source"));

        // The user typing in the field again is what replaces the pick: a bare name or an address, as before.
        Type("db-1");
        panel.WaitForAssertion(() => Assert.Equal("db-1", panel.Find("[data-testid=preview]").GetAttribute("data-source")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void After_a_pick_an_address_pasted_with_the_mouse_replaces_it()
    {
        var popovers = Render<MudPopoverProvider>();
        var panel = Render<PreviewPanel>();
        var field = () => panel.Find("input[data-testid=preview-source], [data-testid=preview-source] input");
        field().Focus();
        field().KeyDown(new KeyboardEventArgs { Key = "w" });
        field().Input("w");
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), o => o.TextContent.Contains("web-1 (i-00000000000000web)", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        popovers.FindAll(".mud-list-item").First(o => o.TextContent.Contains("web-1 (i-00000000000000web)", StringComparison.Ordinal)).Click();
        panel.WaitForAssertion(() => Assert.Equal("web-1 (i-00000000000000web)", panel.Find("[data-testid=preview]").GetAttribute("data-source")), TimeSpan.FromSeconds(5));

        // The context menu's paste: no key, a paste event, then the text.
        field().TriggerEvent("onpaste", new ClipboardEventArgs());
        field().Input("203.0.113.7");

        panel.WaitForAssertion(() => Assert.Equal("203.0.113.7", panel.Find("[data-testid=preview]").GetAttribute("data-source")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_verdict_flips_to_allowed_with_the_deciding_rule_when_the_rule_is_added()
    {
        var panel = Ask("web-1", "db-1", "tcp", "5432");
        panel.WaitForAssertion(() => Assert.Equal("Denied", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.NotEmpty(panel.FindAll("[data-testid=nearest-miss]"));

        var rule = new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));
        await panel.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, rule), TestContext.Current.CancellationToken));

        panel.WaitForAssertion(() => Assert.Equal("Allowed", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains(panel.FindAll("[data-testid=deciding-rule]"), r => r.GetAttribute("data-rule-id") == rule.Id);
    }

    [Fact]
    public async Task A_verdict_the_network_acl_decides_names_the_acl_its_rule_number_and_the_leg_of_each_crossing()
    {
        // db-1 moves to its own subnet, whose ACL lets tcp 5432 in (#100) but has no outbound rule: the replies meet the final * rule.
        var ct = TestContext.Current.CancellationToken;
        const string DbSubnet = "subnet-000000000000002", Acl = "acl-00000000000000001";
        Assert.Null(await Session.EditAsync(NetworkEdits.PutSubnet(new Subnet(DbSubnet, "vpc-00000000000000001", Cidr.Parse("10.0.2.0/24").Value)), ct));
        Assert.Null(await Session.EditAsync(InventoryEdits.SetAddress(DbEni, DbSubnet, IpAddress.Parse("10.0.2.20").Value), ct));
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web))), ct));
        Assert.Null(await Session.EditAsync(NetworkAclEdits.CreateAcl(Acl, "vpc-00000000000000001", "db"), ct));
        Assert.Null(await Session.EditAsync(NetworkAclEdits.AssociateSubnet(Acl, DbSubnet), ct));
        Assert.Null(await Session.EditAsync(NetworkAclEdits.PutEntry(Acl, Direction.Inbound,
            new NetworkAclEntry(100, IpProtocol.Tcp, 5432, 5432, Cidr.Parse("10.0.1.0/24").Value, AclAction.Allow)), ct));

        var panel = Ask("web-1", "db-1", "tcp", "5432");

        panel.WaitForAssertion(() => Assert.Equal("Denied", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var crossings = panel.FindAll("[data-testid=acl-crossing]");
        Assert.Equal([("request", "100", "false"), ("reply", "*", "true")],
            crossings.Select(c => (c.GetAttribute("data-leg"), c.GetAttribute("data-rule"), c.GetAttribute("data-dropped"))));
        Assert.All(crossings, c => Assert.Equal(Acl, c.GetAttribute("data-acl-id")));
        Assert.Equal($"Request: network ACL {Acl} ({DbSubnet}) inbound rule #100 allows", crossings[0].TextContent.Trim());
        Assert.Equal($"Reply: network ACL {Acl} ({DbSubnet}) outbound the final * rule denies: dropped here", crossings[1].TextContent.Trim());
        Assert.Equal("denied", panel.Find("[data-testid=acl-crossings]").GetAttribute("data-outcome"));

        // Within one subnet no ACL is crossed: no crossing is listed.
        Assert.Null(await Session.EditAsync(InventoryEdits.SetAddress(DbEni, "subnet-000000000000001", IpAddress.Parse("10.0.1.20").Value), ct));
        panel.WaitForAssertion(() => Assert.Equal("Allowed", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Empty(panel.FindAll("[data-testid=acl-crossing]"));
    }

    [Fact]
    public void The_internet_is_denied_by_the_destination_inbound_side()
    {
        var panel = Ask("0.0.0.0/0", "db-1", "tcp", "443");

        panel.WaitForAssertion(() => Assert.Equal("Denied", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Empty(panel.FindAll("[data-testid=deciding-rule]"));
    }

    [Fact]
    public void An_unknown_endpoint_is_named_in_the_message()
    {
        var panel = Ask("nonesuch", "db-1", "tcp", "443");

        panel.WaitForAssertion(() => Assert.Contains("source:", panel.Find("[data-testid=preview-error]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Empty(panel.FindAll("[data-testid=verdict]"));
    }

    [Fact]
    public async Task An_ip_address_outside_the_estate_is_answered_by_the_destinations_inbound_rules()
    {
        var panel = Ask("198.51.100.7", "db-1", "tcp", "5432");
        panel.WaitForAssertion(() => Assert.Equal("Denied", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("198.51.100.7 (outside the estate)", panel.Find("[data-testid=summary]").TextContent, StringComparison.Ordinal);

        var rule = new Rule("sgr-000000000000000198", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new CidrPeer(Cidr.Parse("198.51.100.0/24").Value));
        await panel.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, rule), TestContext.Current.CancellationToken));

        panel.WaitForAssertion(() => Assert.Equal("Allowed", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var deciding = Assert.Single(panel.FindAll("[data-testid=deciding-rule]"));
        Assert.Equal(rule.Id, deciding.GetAttribute("data-rule-id"));
        Assert.Contains("db inbound tcp 5432 from 198.51.100.0/24", deciding.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cidr_is_answered_for_its_whole_range_and_split_where_the_verdict_differs()
    {
        var rule = new Rule("sgr-000000000000000198", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new CidrPeer(Cidr.Parse("198.51.100.0/24").Value));
        await Session.EditAsync(GroupEdits.PutRule(Db, rule), TestContext.Current.CancellationToken);

        var panel = Ask("198.51.0.0/16", "db-1", "tcp", "5432");

        panel.WaitForAssertion(() => Assert.Equal("Partly allowed", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("198.51.0.0/16: 198.51.100.0/24 allowed by db inbound tcp 5432 from 198.51.100.0/24; the rest denied",
            Normalized(panel.Find("[data-testid=range-verdict]").TextContent));
        Assert.Equal(["true", "false"], panel.FindAll("[data-testid=range-part]").Select(p => p.GetAttribute("data-allowed")));
        Assert.Equal(rule.Id, Assert.Single(panel.FindAll("[data-testid=deciding-rule]")).GetAttribute("data-rule-id"));

        // Inside the allowed block the whole range has one verdict.
        panel.Find("input[data-testid=preview-source], [data-testid=preview-source] input").Input("198.51.100.0/25");
        panel.Find("input[data-testid=preview-source], [data-testid=preview-source] input").Blur();
        panel.WaitForAssertion(() => Assert.Equal("Allowed", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Empty(panel.FindAll("[data-testid=range-verdict]"));
    }

    private static string Normalized(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Replace(" ;", ";", StringComparison.Ordinal).Trim();

    [Fact]
    public async Task The_summary_and_the_deciding_rules_name_groups_with_the_id_on_hover()
    {
        var panel = Ask("web-1", "db-1", "tcp", "5432");
        var rule = new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));
        await panel.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, rule), TestContext.Current.CancellationToken));

        panel.WaitForAssertion(() => Assert.Equal("Allowed", panel.Find("[data-testid=verdict]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var deciding = panel.FindAll("[data-testid=deciding-rule]").Single(r => r.GetAttribute("data-rule-id") == rule.Id);
        Assert.Contains("db inbound tcp 5432 from web", deciding.TextContent, StringComparison.Ordinal);
        Assert.Equal([Db, Web], deciding.QuerySelectorAll("[data-testid=named-id]").Select(n => n.GetAttribute("title")));
        var summary = panel.Find("[data-testid=summary]");
        Assert.DoesNotContain("sg-0", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains(summary.QuerySelectorAll("[data-testid=named-id]"), n => n.GetAttribute("title") == Db && n.TextContent == "db");
    }

    [Fact]
    public void The_pickers_offer_the_cidrs_the_rules_name_beside_the_internet()
    {
        var choices = PreviewQuery.Choices(Session.Estate, "").ToList();

        Assert.Contains("internet (0.0.0.0/0)", choices);
        Assert.Contains("web-1 (i-00000000000000web)", choices);
    }
}
