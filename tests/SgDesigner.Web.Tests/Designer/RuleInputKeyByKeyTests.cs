using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// Every field of a rule row typed key by key, as a browser sends it, then committed with Tab or Enter: nothing is
/// stored while typing, and the stored draft holds exactly what was typed (or the normalized value, with a note).
/// </summary>
public sealed class RuleInputKeyByKeyTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private const string Stored = "sgr-000000000000000443";

    private IRenderedComponent<RuleTable> RenderInbound()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<RuleTable>(p => p.Add(t => t.GroupId, Db).Add(t => t.Direction, Direction.Inbound));
    }

    private static string RowOf(string id) => $"tr:has([data-testid=rule-row][data-rule-id={id}])";

    private static Func<IElement> Field(IRenderedComponent<RuleTable> table, string id, string testId) =>
        () => table.Find($"{RowOf(id)} input[data-testid={testId}], {RowOf(id)} [data-testid={testId}] input");

    private async Task StoreRuleAsync() => await Session.EditAsync(
        GroupEdits.PutRule(Db, new Rule(Stored, Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.Parse("10.0.1.0/24").Value), "https")),
        TestContext.Current.CancellationToken);

    private async Task<Rule> StoredRuleAsync(string id) => (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules.Single(r => r.Id == id);

    // After each key: the draft's version has not moved and the row is not disabled.
    private Action NothingStored(IRenderedComponent<RuleTable> table, string id, string testId)
    {
        var version = Session.Info!.Version;
        return () =>
        {
            Assert.Equal(version, Session.Info!.Version);
            Assert.False(Field(table, id, testId)().HasAttribute("disabled"));
        };
    }

    private int FocusCalls() => JSInterop.Invocations.Count(i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_cidr_typed_key_by_key_is_stored_as_typed_and_only_when_committed()
    {
        await StoreRuleAsync();
        var table = RenderInbound();

        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "peer"), "10.30.0.0/16", NothingStored(table, Stored, "peer"));

        Assert.Equal("10.30.0.0/16", (await StoredRuleAsync(Stored)).Peer.ToString());
        table.WaitForAssertion(() => Assert.Equal("10.30.0.0/16", Field(table, Stored, "peer")().GetAttribute("value")), Wait);
        Assert.DoesNotContain("→", table.Find(RowOf(Stored)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cidr_committed_with_enter_is_stored_as_typed()
    {
        await StoreRuleAsync();
        var table = RenderInbound();

        await KeyByKey.TypeAndEnterAsync(Field(table, Stored, "peer"), "192.168.0.0/16", NothingStored(table, Stored, "peer"));

        Assert.Equal("192.168.0.0/16", (await StoredRuleAsync(Stored)).Peer.ToString());
    }

    [Fact]
    public async Task Host_bits_are_cleared_with_a_note_naming_both_values_and_undo_brings_the_previous_peer_back()
    {
        await StoreRuleAsync();
        var undo = Render<UndoButton>();
        var table = RenderInbound();

        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "peer"), "10.30.0.5/16", NothingStored(table, Stored, "peer"));

        Assert.Equal("10.30.0.0/16", (await StoredRuleAsync(Stored)).Peer.ToString());
        table.WaitForAssertion(() => Assert.Contains("10.30.0.5/16 → 10.30.0.0/16", table.Find(RowOf(Stored)).TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("10.30.0.0/16", Field(table, Stored, "peer")().GetAttribute("value"));

        undo.WaitForAssertion(() => Assert.False(undo.Find("[data-testid=undo]").HasAttribute("disabled")), Wait);
        await undo.Find("[data-testid=undo]").ClickAsync(new());

        undo.WaitForAssertion(() => Assert.Equal("10.0.1.0/24", Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == Stored).Peer.ToString()), Wait);
        Assert.Equal("10.0.1.0/24", (await StoredRuleAsync(Stored)).Peer.ToString());
        table.WaitForAssertion(() => Assert.Equal("10.0.1.0/24", Field(table, Stored, "peer")().GetAttribute("value")), Wait);
    }

    [Fact]
    public async Task A_new_rule_typed_field_by_field_is_stored_with_exactly_the_typed_values_and_gets_the_focus()
    {
        var table = RenderInbound();
        var focusCalls = FocusCalls();

        table.Find("[data-testid=add-rule]").Click();
        var id = table.FindAll("[data-testid=rule-row]")[^1].GetAttribute("data-rule-id")!;

        // The new row's first field has the focus.
        table.WaitForAssertion(() => Assert.Equal(focusCalls + 1, FocusCalls()), Wait);
        await KeyByKey.TypeAndTabAsync(Field(table, id, "protocol"), "udp", NothingStored(table, id, "protocol"));
        await KeyByKey.TypeAndTabAsync(Field(table, id, "ports"), "5353", NothingStored(table, id, "ports"));
        await KeyByKey.TypeAndTabAsync(Field(table, id, "peer"), "10.30.0.0/16");
        await KeyByKey.TypeAndEnterAsync(Field(table, id, "description"), "mDNS from the office");

        var stored = await StoredRuleAsync(id);
        Assert.Equal((IpProtocol.Udp, 5353, 5353, "10.30.0.0/16", "mDNS from the office"),
            (stored.Protocol, stored.FromPort, stored.ToPort, stored.Peer.ToString(), stored.Description));
    }

    [Theory]
    [InlineData("8/0", 8, 0)]
    [InlineData("3", 3, -1)]
    [InlineData("any", -1, -1)]
    public async Task An_icmp_type_and_code_typed_key_by_key_are_stored_as_typed(string typed, int type, int code)
    {
        await StoreRuleAsync();
        var table = RenderInbound();

        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "protocol"), "icmp");
        await KeyByKey.TypeAndEnterAsync(Field(table, Stored, "ports"), typed, NothingStored(table, Stored, "ports"));

        var stored = await StoredRuleAsync(Stored);
        Assert.Equal((IpProtocol.Icmp, type, code), (stored.Protocol, stored.FromPort, stored.ToPort));
    }

    [Fact]
    public async Task A_port_range_and_a_description_typed_key_by_key_are_stored_as_typed()
    {
        await StoreRuleAsync();
        var table = RenderInbound();

        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "ports"), "8000-8100", NothingStored(table, Stored, "ports"));
        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "description"), "app tier, from corp (ticket 42)", NothingStored(table, Stored, "description"));

        var stored = await StoredRuleAsync(Stored);
        Assert.Equal((8000, 8100, "app tier, from corp (ticket 42)"), (stored.FromPort, stored.ToPort, stored.Description));
    }

    [Fact]
    public async Task An_invalid_value_shows_an_error_at_the_field_and_stores_nothing()
    {
        await StoreRuleAsync();
        var table = RenderInbound();
        var version = Session.Info!.Version;

        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "ports"), "70000");
        await KeyByKey.TypeAndTabAsync(Field(table, Stored, "peer"), "10.30.0.0/33");

        table.WaitForAssertion(() => Assert.Contains("out of range", table.Find($"{RowOf(Stored)} td:nth-child(3)").TextContent), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
        Assert.Equal((443, "10.0.1.0/24"), ((await StoredRuleAsync(Stored)).FromPort, (await StoredRuleAsync(Stored)).Peer.ToString()));
    }

    [Fact]
    public async Task Escape_puts_the_stored_value_back_and_stores_nothing()
    {
        await StoreRuleAsync();
        var table = RenderInbound();
        var version = Session.Info!.Version;

        await KeyByKey.TypeAsync(Field(table, Stored, "ports"), "8080");
        await KeyByKey.EscapeAsync(Field(table, Stored, "ports"));
        await KeyByKey.TypeAsync(Field(table, Stored, "peer"), "10.9.0.0/16");
        await KeyByKey.EscapeAsync(Field(table, Stored, "peer"));
        await Field(table, Stored, "peer")().BlurAsync(new());

        table.WaitForAssertion(() => Assert.Equal("443", Field(table, Stored, "ports")().GetAttribute("value")), Wait);
        Assert.Equal("10.0.1.0/24", Field(table, Stored, "peer")().GetAttribute("value"));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task Escape_after_a_refused_value_shows_the_stored_one_without_the_error()
    {
        await StoreRuleAsync();
        var table = RenderInbound();

        await KeyByKey.TypeAndEnterAsync(Field(table, Stored, "ports"), "http");
        table.WaitForAssertion(() => Assert.Contains("is not a port", table.Find(RowOf(Stored)).TextContent), Wait);
        await KeyByKey.EscapeAsync(Field(table, Stored, "ports"));

        table.WaitForAssertion(() => Assert.Equal("443", Field(table, Stored, "ports")().GetAttribute("value")), Wait);
        Assert.DoesNotContain("is not a port", table.Find(RowOf(Stored)).TextContent);
    }
}
