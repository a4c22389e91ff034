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

    // Adds a row and fills protocol and ports; the peer is typed last so that the row becomes complete then.
    private static void FillNewRow(IRenderedComponent<RuleTable> table, string protocol, string ports, string peer)
    {
        table.Find("[data-testid=add-rule]").Click();
        var row = table.FindAll("tr[data-testid=rule-row]")[^1];
        var id = row.GetAttribute("data-rule-id");
        table.Find($"tr[data-rule-id={id}] input[data-testid=protocol], tr[data-rule-id={id}] [data-testid=protocol] input").Change(protocol);
        table.Find($"tr[data-rule-id={id}] input[data-testid=ports], tr[data-rule-id={id}] [data-testid=ports] input").Change(ports);
        var peerInput = table.Find($"tr[data-rule-id={id}] input[data-testid=peer], tr[data-rule-id={id}] [data-testid=peer] input");
        peerInput.Input(peer);
        table.Find($"tr[data-rule-id={id}] input[data-testid=peer], tr[data-rule-id={id}] [data-testid=peer] input").Blur();
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

        FillNewRow(table, "tcp", "5432", "10.0.300.0/24");

        table.WaitForAssertion(() => Assert.Contains("is not a CIDR block", table.Find("tr[data-testid=rule-row]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("is not a CIDR block", table.Find("tr[data-testid=rule-row] td:nth-child(3)").TextContent);
        Assert.Single(table.FindAll("[data-testid=not-saved]"));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task Host_bits_are_cleared_and_the_user_is_told_so_at_the_field()
    {
        var table = RenderInbound();

        FillNewRow(table, "tcp", "443", "10.0.1.7/24");

        table.WaitForAssertion(() => Assert.Contains("host bits set", table.Find("tr[data-testid=rule-row] td:nth-child(3)").TextContent), TimeSpan.FromSeconds(5));
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

        FillNewRow(table, "tcp", ports, "10.0.1.0/24");

        table.WaitForAssertion(() => Assert.Contains(message, table.Find("tr[data-testid=rule-row] td:nth-child(2)").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_duplicated_row_stays_unsaved_as_a_duplicate_until_changed_and_delete_removes_a_stored_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        await Session.EditAsync(DraftChanges.UpsertRule(Db, new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web))), ct);
        var table = RenderInbound();

        table.Find("tr[data-rule-id=sgr-000000000000005432] [data-testid=duplicate]").Click();

        var copy = table.FindAll("tr[data-testid=rule-row]")[^1];
        Assert.Contains("duplicates", copy.TextContent);
        Assert.Single(table.FindAll("[data-testid=not-saved]"));
        table.Find("tr[data-rule-id=sgr-000000000000005432] [data-testid=delete]").Click();
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
        await otherTab.EditAsync(DraftChanges.UpsertRule(Db, new Rule("sgr-0000000000000other", Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer(Web))), ct);

        FillNewRow(table, "tcp", "5432", "10.0.1.0/24");

        table.WaitForAssertion(() => Assert.NotNull(table.FindAll("tr[data-rule-id=sgr-0000000000000other]").SingleOrDefault()), TimeSpan.FromSeconds(5));
        Assert.NotNull(Session.Conflict);
        var stored = Assert.Single((await StoredDraftAsync()).Estate.FindGroup(Db)!.Inbound);
        Assert.Equal("sgr-0000000000000other", stored.Id);
    }
}
