using SgDesigner.Core.Editing;
using SgDesigner.Data.Audit;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Instances;
using SgDesigner.Web.Tests.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Instances;

public sealed class InstancesViewTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<MudPopoverProvider> Popovers { get; set; } = default!;

    private IRenderedComponent<InstancesView> RenderView()
    {
        Popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<InstancesView>();
    }

    private static IElement Field(IRenderedComponent<InstancesView> view, string scope, string testId) =>
        view.Find($"{scope} input[data-testid={testId}], {scope} [data-testid={testId}] input");

    private static string Row(string eniId) => $"tr[data-eni-id={eniId}]";

    [Fact]
    public void Lists_each_interface_with_its_instance_subnet_address_and_groups()
    {
        var view = RenderView();

        Assert.Equal([DbEni, WebEni], view.FindAll("tr[data-testid=inventory-row]").Select(r => r.GetAttribute("data-eni-id")));
        Assert.Equal("10.0.1.10", Field(view, Row(WebEni), "eni-ip").GetAttribute("value"));
        Assert.Equal([Web], view.FindAll($"{Row(WebEni)} [data-testid=group-chip]").Select(c => c.GetAttribute("data-group-id")));
        Assert.Equal("1/5 groups", view.Find($"{Row(WebEni)} [data-testid=group-count]").TextContent.Trim());
    }

    [Fact]
    public async Task The_client_port_range_is_set_from_an_aws_preset_or_a_custom_range_and_a_bad_range_is_refused()
    {
        const string WebInstance = "i-00000000000000web";
        var view = RenderView();
        var select = () => view.Find($"{Row(WebEni)} select[data-testid=client-ports]");
        Assert.Equal("linux", select().GetAttribute("value"));
        Assert.Equal(["linux", "windows", "nat-gateway", "elb", "custom"], select().QuerySelectorAll("option").Select(o => o.GetAttribute("value")));

        await select().ChangeAsync(new ChangeEventArgs { Value = "windows" });

        Assert.Equal(Core.Model.EphemeralPorts.Windows, (await StoredDraftAsync()).Estate.Instances.Single(i => i.Id == WebInstance).EphemeralPorts);
        view.WaitForAssertion(() => Assert.Equal("windows", select().GetAttribute("value")), Wait);

        await select().ChangeAsync(new ChangeEventArgs { Value = "custom" });
        await Field(view, Row(WebEni), "client-ports-range").ChangeAsync(new ChangeEventArgs { Value = "1024–5000" });

        var stored = (await StoredDraftAsync()).Estate.Instances.Single(i => i.Id == WebInstance).EphemeralPorts;
        Assert.Equal((Core.Model.EphemeralPortsKind.Custom, 1024, 5000), (stored.Kind, stored.From, stored.To));
        view.WaitForAssertion(() => Assert.Equal("custom", select().GetAttribute("value")), Wait);
        Assert.Equal("1024-5000", Field(view, Row(WebEni), "client-ports-range").GetAttribute("value"));

        var version = Session.Info!.Version;
        await Field(view, Row(WebEni), "client-ports-range").ChangeAsync(new ChangeEventArgs { Value = "5000-1024" });

        view.WaitForAssertion(() => Assert.Contains("'5000-1024' is not an ephemeral port range", view.Find(Row(WebEni)).TextContent), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
        Assert.Equal("5000-1024", Field(view, Row(WebEni), "client-ports-range").GetAttribute("value"));
    }

    [Fact]
    public async Task An_address_outside_the_subnet_is_refused_at_the_field_and_nothing_is_stored()
    {
        var view = RenderView();
        var version = Session.Info!.Version;

        await Field(view, Row(WebEni), "eni-ip").ChangeAsync(new ChangeEventArgs { Value = "10.0.2.10" });

        view.WaitForAssertion(() => Assert.Contains("10.0.2.10 is not inside subnet subnet-000000000000001 (10.0.1.0/24)", view.Find(Row(WebEni)).TextContent), Wait);
        var stored = await StoredDraftAsync();
        Assert.Equal(version, stored.Info.Version);
        Assert.Equal("10.0.1.10", stored.Estate.NetworkInterfaces.Single(n => n.Id == WebEni).PrimaryIp.ToString());
    }

    [Fact]
    public async Task An_address_another_interface_uses_is_refused()
    {
        var view = RenderView();
        var version = Session.Info!.Version;

        await Field(view, Row(WebEni), "eni-ip").ChangeAsync(new ChangeEventArgs { Value = "10.0.1.20" });

        view.WaitForAssertion(() => Assert.Contains($"10.0.1.20 is already used by {DbEni} of db-1", view.Find(Row(WebEni)).TextContent), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_valid_address_is_stored_at_once()
    {
        var view = RenderView();

        await Field(view, Row(WebEni), "eni-ip").ChangeAsync(new ChangeEventArgs { Value = "10.0.1.30" });

        await AssertStoredAsync(e => e.NetworkInterfaces.Single(n => n.Id == WebEni).PrimaryIp.ToString() == "10.0.1.30");
        Assert.Empty(view.FindAll($"{Row(WebEni)} .mud-input-error"));
    }

    [Fact]
    public async Task Adding_an_instance_refuses_a_bad_address_then_stores_it_with_a_good_one()
    {
        var view = RenderView();
        var version = Session.Info!.Version;
        await Field(view, "", "new-instance-name-inventory").ChangeAsync(new ChangeEventArgs { Value = "cache-1" });

        await Field(view, "", "new-instance-ip").ChangeAsync(new ChangeEventArgs { Value = "10.0.9.9" });
        await view.Find("[data-testid=add-instance-inventory]").ClickAsync(new MouseEventArgs());

        view.WaitForAssertion(() => Assert.Contains("10.0.9.9 is not inside subnet", view.Find("[data-testid=instances-view]").TextContent), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);

        await Field(view, "", "new-instance-ip").ChangeAsync(new ChangeEventArgs { Value = "10.0.1.40" });
        await view.Find("[data-testid=add-instance-inventory]").ClickAsync(new MouseEventArgs());

        await AssertStoredAsync(e => e.Instances.Any(i => i.Name == "cache-1"));
        var estate = (await StoredDraftAsync()).Estate;
        var instance = estate.Instances.Single(i => i.Name == "cache-1");
        var eni = estate.NetworkInterfaces.Single(n => n.InstanceId == instance.Id);
        Assert.Equal(("subnet-000000000000001", "10.0.1.40", 0), (eni.SubnetId, eni.PrimaryIp.ToString(), eni.GroupIds.Length));
        view.WaitForAssertion(() => Assert.Equal(3, view.FindAll("tr[data-testid=inventory-row]").Count), Wait);
    }

    [Fact]
    public async Task A_group_picked_from_the_menu_is_attached_and_a_chip_s_close_detaches_it()
    {
        var view = RenderView();

        await view.Find($"{Row(WebEni)} [data-testid=attach-group] button").ClickAsync(new MouseEventArgs());
        await Popovers.WaitForElement($"[data-testid=attach-option][data-group-id={Db}]", Wait).ClickAsync(new MouseEventArgs());

        await AssertStoredAsync(e => e.NetworkInterfaces.Single(n => n.Id == WebEni).GroupIds.SequenceEqual([Web, Db]));
        view.WaitForAssertion(() => Assert.Equal("2/5 groups", view.Find($"{Row(WebEni)} [data-testid=group-count]").TextContent.Trim()), Wait);

        await view.Find($"{Row(WebEni)} [data-testid=group-chip][data-group-id={Web}] .mud-chip-close-button").ClickAsync(new MouseEventArgs());

        await AssertStoredAsync(e => e.NetworkInterfaces.Single(n => n.Id == WebEni).GroupIds.SequenceEqual([Db]));
    }

    [Fact]
    public async Task At_five_groups_the_row_warns_and_a_sixth_is_refused()
    {
        var extra = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = $"sg-00000000000extra{i}";
            extra.Add(id);
            Assert.Null(await Session.EditAsync(GroupEdits.Add(IdSource.Random, id, $"extra-{i}", "extra"), TestContext.Current.CancellationToken));
        }
        foreach (var id in extra.Take(4))
            Assert.Null(await Session.EditAsync(InventoryEdits.AttachGroup(WebEni, id), TestContext.Current.CancellationToken));
        var view = RenderView();
        var version = Session.Info!.Version;

        Assert.Equal("5/5 groups", view.Find($"{Row(WebEni)} [data-testid=group-count]").TextContent.Trim());
        Assert.Contains("at the quota of 5 security groups", view.Find($"{Row(WebEni)} [data-testid=group-quota-warning]").TextContent);

        await view.Find($"{Row(WebEni)} [data-testid=attach-group] button").ClickAsync(new MouseEventArgs());
        await Popovers.WaitForElement($"[data-testid=attach-option][data-group-id={extra[4]}]", Wait).ClickAsync(new MouseEventArgs());

        view.WaitForAssertion(() => Assert.Contains("at most 5 security groups", view.Find($"{Row(WebEni)} [data-testid=group-error]").TextContent), Wait);
        var stored = await StoredDraftAsync();
        Assert.Equal(version, stored.Info.Version);
        Assert.Equal(5, stored.Estate.NetworkInterfaces.Single(n => n.Id == WebEni).GroupIds.Length);
    }

    [Fact]
    public async Task Renaming_and_deleting_an_instance_are_stored()
    {
        var view = RenderView();

        await Field(view, Row(WebEni), "instance-name").ChangeAsync(new ChangeEventArgs { Value = "frontend-1" });
        await AssertStoredAsync(e => e.Instances.Single(i => i.Id == "i-00000000000000web").Name == "frontend-1");

        await view.Find($"{Row(DbEni)} [data-testid=delete-instance]").ClickAsync(new MouseEventArgs());
        await AssertStoredAsync(e => e.Instances.All(i => i.Id != "i-000000000000000db") && e.NetworkInterfaces.All(n => n.Id != DbEni));
        view.WaitForAssertion(() => Assert.Single(view.FindAll("tr[data-testid=inventory-row]")), Wait);
    }

    [Fact]
    public async Task A_new_subnet_is_added_and_one_overlapping_another_is_refused()
    {
        var view = RenderView();

        await Field(view, "", "new-subnet-cidr").ChangeAsync(new ChangeEventArgs { Value = "10.0.1.128/25" });
        await view.Find("[data-testid=add-subnet]").ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Contains("overlaps subnet subnet-000000000000001", view.Find("[data-testid=instances-view]").TextContent), Wait);

        await Field(view, "", "new-subnet-cidr").ChangeAsync(new ChangeEventArgs { Value = "10.0.2.0/24" });
        await Field(view, "", "new-subnet-name").ChangeAsync(new ChangeEventArgs { Value = "app-b" });
        await view.Find("[data-testid=add-subnet]").ClickAsync(new MouseEventArgs());

        await AssertStoredAsync(e => e.Subnets.Any(s => s.Name == "app-b" && s.Cidr.ToString() == "10.0.2.0/24"));
    }

    [Fact]
    public async Task An_edit_after_someone_else_changed_the_draft_is_refused_and_the_other_change_is_shown()
    {
        var view = RenderView();
        var ct = TestContext.Current.CancellationToken;
        var db = Session.Estate.Instances.Single(i => i.Id == "i-000000000000000db");
        Assert.True((await Store.EditDraftAsync(DraftId, Session.Info!.Version, InventoryEdits.PutInstance(db with { Name = "db-renamed" }), AuditActor.Named("test"), ct)).IsOk);

        await Field(view, Row(WebEni), "eni-ip").ChangeAsync(new ChangeEventArgs { Value = "10.0.1.30" });

        Assert.Contains("was not saved", Session.Conflict);
        view.WaitForAssertion(() => Assert.Equal("db-renamed", Field(view, Row(DbEni), "instance-name").GetAttribute("value")), Wait);
        await AssertStoredAsync(e => e.NetworkInterfaces.Single(n => n.Id == WebEni).PrimaryIp.ToString() == "10.0.1.10");
    }

    // The event handlers awaited above have stored their edit (or refused it) by the time this reads the store.
    private async Task AssertStoredAsync(Func<SgDesigner.Core.Model.Estate, bool> holds) =>
        Assert.True(holds((await StoredDraftAsync()).Estate));
}
