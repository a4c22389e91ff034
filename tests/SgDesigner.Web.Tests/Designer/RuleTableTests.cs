using SgDesigner.Core.Editing;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Model;
using Direction = SgDesigner.Core.Model.Direction;
using SgDesigner.Web.Features.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

public sealed class RuleTableTests : DesignerTestContext
{
    private IRenderedComponent<RuleTable> RenderInbound(string group = Db)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<RuleTable>(p => p.Add(t => t.GroupId, group).Add(t => t.Direction, Direction.Inbound));
    }

    // MudDataGrid puts only class and style on its rows: a row is the tr holding the marker of its rule.
    private static string RowOf(string id) => $"tr:has([data-testid=rule-row][data-rule-id={id}])";

    private static string FieldOf(string id, string testId) => $"{RowOf(id)} input[data-testid={testId}], {RowOf(id)} [data-testid={testId}] input";

    private static string LastRowId(IRenderedComponent<RuleTable> table) => table.FindAll("[data-testid=rule-row]")[^1].GetAttribute("data-rule-id")!;

    // Adds a row and fills protocol and ports; the peer is typed last so that the row becomes complete then.
    private static string FillNewRow(IRenderedComponent<RuleTable> table, string protocol, string ports, string peer)
    {
        table.InvokeAsync(() => table.Find("[data-testid=add-rule]").Click()).GetAwaiter().GetResult();
        var id = LastRowId(table);
        // Find and fire on the renderer's dispatcher: a render finishing in between would leave a stale handler id.
        table.InvokeAsync(() => table.Find(FieldOf(id, "protocol")).Change(protocol)).GetAwaiter().GetResult();
        table.InvokeAsync(() => table.Find(FieldOf(id, "ports")).Change(ports)).GetAwaiter().GetResult();
        table.InvokeAsync(() => table.Find(FieldOf(id, "peer")).Change(peer)).GetAwaiter().GetResult();
        table.InvokeAsync(() => table.Find(FieldOf(id, "peer")).Blur()).GetAwaiter().GetResult();
        return id;
    }

    [Fact]
    public void Every_peer_field_of_the_table_suggests_from_one_shared_list_of_the_groups()
    {
        var table = RenderInbound();
        FillNewRow(table, "tcp", "5432", "10.0.1.0/24");
        FillNewRow(table, "tcp", "6379", "10.0.2.0/24");

        table.WaitForAssertion(() => Assert.Equal(2, table.FindAll("[data-testid=rule-row]").Count), TimeSpan.FromSeconds(5));
        var list = Assert.Single(table.FindAll("datalist[data-testid=peer-options]"));
        Assert.All(table.FindAll("input[data-testid=peer], [data-testid=peer] input"), field => Assert.Equal(list.Id, field.GetAttribute("list")));
        Assert.Equal([$"db ({Db})", $"web ({Web})"], list.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task A_complete_rule_is_stored_at_once_and_the_quota_counter_counts_it()
    {
        var table = RenderInbound();
        Assert.Equal("0/60 rules", table.Find("[data-testid=quota]").TextContent.Trim());

        FillNewRow(table, "tcp", "5432", "10.0.1.0/24");

        table.WaitForAssertion(() => Assert.Equal("1/60 rules", table.Find("[data-testid=quota]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var stored = Assert.Single((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
        Assert.Equal((IpProtocol.Tcp, 5432, 5432, (Peer)new CidrPeer(Cidr.Parse("10.0.1.0/24").Value)), (stored.Protocol, stored.FromPort, stored.ToPort, stored.Peer));
        Assert.Empty(table.FindAll("[data-testid=not-saved]"));
    }

    [Fact]
    public async Task A_bad_cidr_is_reported_at_the_peer_field_and_nothing_is_stored()
    {
        var table = RenderInbound();
        var version = Session.Info!.Version;

        var id = FillNewRow(table, "tcp", "5432", "10.0.300.0/24");

        table.WaitForAssertion(() => Assert.Contains("is not a CIDR block", table.Find(RowOf(id)).TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("is not a CIDR block", table.Find($"{RowOf(id)} td:nth-child(4)").TextContent);
        Assert.Single(table.FindAll("[data-testid=not-saved]"));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task Host_bits_are_cleared_and_the_user_is_told_so_at_the_field()
    {
        var table = RenderInbound();

        var id = FillNewRow(table, "tcp", "443", "10.0.1.7/24");

        table.WaitForAssertion(() => Assert.Contains("10.0.1.7/24 → 10.0.1.0/24", table.Find($"{RowOf(id)} td:nth-child(4)").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var stored = Assert.Single((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
        Assert.Equal("10.0.1.0/24", stored.Peer.ToString());
    }

    [Theory]
    [InlineData("70000", "out of range")]
    [InlineData("443-80", "ends before it starts")]
    [InlineData("http", "is not a port")]
    public async Task A_bad_port_range_is_reported_at_the_ports_field(string ports, string message)
    {
        var table = RenderInbound();
        var version = Session.Info!.Version;

        var id = FillNewRow(table, "tcp", ports, "10.0.1.0/24");

        table.WaitForAssertion(() => Assert.Contains(message, table.Find($"{RowOf(id)} td:nth-child(3)").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_duplicated_row_stays_unsaved_as_a_duplicate_until_changed_and_delete_removes_a_stored_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        await Session.EditAsync(GroupEdits.PutRule(Db, new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web))), ct);
        var table = RenderInbound();

        table.Find($"{RowOf("sgr-000000000000005432")} [data-testid=duplicate]").Click();

        var copy = table.Find(RowOf(LastRowId(table)));
        Assert.Contains("duplicates", copy.TextContent);
        Assert.Single(table.FindAll("[data-testid=not-saved]"));
        table.Find($"{RowOf("sgr-000000000000005432")} [data-testid=delete]").Click();
        table.WaitForAssertion(() => Assert.Empty(Session.Estate.FindGroup(Db)!.Inbound), TimeSpan.FromSeconds(5));
        Assert.Empty((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
    }

    [Fact]
    public async Task A_group_chosen_in_the_peer_picker_is_stored_as_a_group_reference()
    {
        var table = RenderInbound();

        FillNewRow(table, "tcp", "5432", "web");

        table.WaitForAssertion(() => Assert.Equal("1/60 rules", table.Find("[data-testid=quota]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var stored = Assert.Single((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
        Assert.Equal(new GroupPeer(Web), stored.Peer);
    }

    [Fact]
    public async Task An_edit_on_a_stale_draft_shows_the_conflict_and_the_other_change_without_overwriting_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = RenderInbound();
        var otherTab = NewSession();
        await otherTab.LoadAsync(DraftId, ct);
        await otherTab.EditAsync(GroupEdits.PutRule(Db, new Rule("sgr-0000000000000other", Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer(Web))), ct);

        FillNewRow(table, "tcp", "5432", "10.0.1.0/24");

        table.WaitForAssertion(() => Assert.NotNull(table.FindAll(RowOf("sgr-0000000000000other")).SingleOrDefault()), TimeSpan.FromSeconds(5));
        Assert.NotNull(Session.Conflict);
        var stored = Assert.Single((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
        Assert.Equal("sgr-0000000000000other", stored.Id);
    }

    private async Task<List<string>> StoreInboundAsync(params int[] ports)
    {
        var ids = new List<string>();
        foreach (var port in ports)
        {
            var id = $"sgr-{port,18:D18}";
            await Session.EditAsync(GroupEdits.PutRule(Db, new Rule(id, Direction.Inbound, IpProtocol.Tcp, port, port, new GroupPeer(Web))), TestContext.Current.CancellationToken);
            ids.Add(id);
        }
        return ids;
    }

    private static List<string> ShownOrder(IRenderedComponent<RuleTable> table) =>
        [.. table.FindAll("[data-testid=rules-inbound] tbody tr [data-testid=rule-row]").Select(m => m.GetAttribute("data-rule-id")!)];

    [Fact]
    public async Task The_rules_are_an_editable_data_grid_in_stored_order_with_the_linked_rule_highlighted()
    {
        var ids = await StoreInboundAsync(443, 22, 8080);
        Render<MudPopoverProvider>();
        var table = Render<RuleTable>(p => p.Add(t => t.GroupId, Db).Add(t => t.Direction, Direction.Inbound).Add(t => t.HighlightedRuleId, ids[1]));

        Assert.NotNull(table.FindComponent<MudDataGrid<RuleForm>>());
        Assert.Equal(["Type", "Protocol", "Ports", "Source", "Description", ""], table.FindAll("[data-testid=rules-inbound] thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(ids, ShownOrder(table));
        Assert.Equal([ids[1]], table.FindAll("tr.sgd-highlight [data-testid=rule-row]").Select(m => m.GetAttribute("data-rule-id")));
        Assert.Equal("true", table.Find($"[data-testid=rule-row][data-rule-id={ids[1]}]").GetAttribute("data-highlighted"));
        Assert.Equal("8080", table.Find(FieldOf(ids[2], "ports")).GetAttribute("value"));
    }

    [Fact]
    public async Task Sorting_by_ports_orders_the_rows_by_number_and_a_third_click_restores_the_stored_order()
    {
        var ids = await StoreInboundAsync(443, 22, 8080);
        var table = RenderInbound();
        string Sort() => "[data-testid=rules-inbound] thead th:nth-child(3) .sortable-column-header";

        table.Find(Sort()).Click();
        Assert.Equal([ids[1], ids[0], ids[2]], ShownOrder(table));
        table.Find(Sort()).Click();
        Assert.Equal([ids[2], ids[0], ids[1]], ShownOrder(table));
        table.Find(Sort()).Click();
        Assert.Equal(ids, ShownOrder(table));
    }

    [Fact]
    public async Task Storing_an_edit_keeps_the_row_s_fields_so_a_user_tabbing_on_keeps_the_focus()
    {
        var ids = await StoreInboundAsync(5432, 22);
        var table = RenderInbound();
        // Blazor keeps a component while its row's key (the form) stays; a rebuilt row would drop the focused input.
        List<MudTextField<string>> Fields() => [.. table.FindComponents<MudTextField<string>>().Select(f => f.Instance)];
        var before = Fields();

        table.Find(FieldOf(ids[0], "ports")).Change("5433");

        table.WaitForAssertion(() => Assert.Equal(5433, Session.Estate.FindGroup(Db)!.Inbound.First().FromPort), TimeSpan.FromSeconds(5));
        Assert.Equal(8, before.Count);
        Assert.Equal(before, Fields());
        Assert.Equal(ids, ShownOrder(table));
    }

    [Fact]
    public async Task An_edit_renders_the_edited_row_only_and_an_edit_of_another_group_renders_nothing_here()
    {
        var ct = TestContext.Current.CancellationToken;
        const string First = "sgr-00000000000000first", Second = "sgr-0000000000000second";
        await Session.EditAsync(GroupEdits.PutRule(Db, new Rule(First, Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web))), ct);
        await Session.EditAsync(GroupEdits.PutRule(Db, new Rule(Second, Direction.Inbound, IpProtocol.Tcp, 6379, 6379, new GroupPeer(Web))), ct);
        var table = RenderInbound();
        // Four committing fields a row (protocol, ports, peer, description), in the rows' stored order.
        IReadOnlyList<IRenderedComponent<CommitField>> Fields() => table.FindComponents<CommitField>();
        Assert.Equal(8, Fields().Count);
        var before = Fields().Select(f => f.RenderCount).ToList();

        await table.InvokeAsync(() => table.Find(FieldOf(First, "ports")).Change("5433"));
        await table.InvokeAsync(() => table.Find(FieldOf(First, "ports")).Blur());

        table.WaitForAssertion(() => Assert.Equal(5433, Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == First).FromPort), TimeSpan.FromSeconds(5));
        await Session.WhenStoredAsync(ct);
        // The edited field's own commit finishes after the store (its confirmation renders it again): wait until the
        // fields are still, so that what follows counts only the other group's edit.
        var after = await StillAsync(() => [.. Fields().Select(f => f.RenderCount)], ct);
        Assert.True(after[1] > before[1], "the edited ports field renders what was stored");
        Assert.Equal(before[4..], after[4..]); // the other row's fields were not rendered again

        var renders = table.RenderCount;
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Web, new Rule("sgr-000000000000000443", Direction.Inbound, IpProtocol.Tcp, 443, 443,
            new CidrPeer(Cidr.Parse("10.0.0.0/16").Value))), ct));
        Assert.Equal(renders, table.RenderCount);
        Assert.Equal(after, await StillAsync(() => [.. Fields().Select(f => f.RenderCount)], ct));
    }

    // The counts once two readings 100 ms apart agree (at most 5 s): renders still on their way are not missed.
    private static async Task<List<int>> StillAsync(Func<List<int>> counts, CancellationToken ct)
    {
        var last = counts();
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100, ct);
            var now = counts();
            if (now.SequenceEqual(last))
                return now;
            last = now;
        }
        return last;
    }
}
