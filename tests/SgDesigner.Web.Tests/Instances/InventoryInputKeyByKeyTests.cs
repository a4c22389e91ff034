using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Instances;
using SgDesigner.Web.Tests.Designer;

namespace SgDesigner.Web.Tests.Instances;

/// <summary>
/// The free-text fields of the Instances tab and of the group forms, typed key by key as a browser sends them and
/// committed with Tab or Enter (or the form's button): the stored draft holds exactly what was typed.
/// </summary>
public sealed class InventoryInputKeyByKeyTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<InstancesView> RenderView()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<InstancesView>();
    }

    private static Func<IElement> Field<T>(IRenderedComponent<T> view, string scope, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        () => view.Find($"{scope} input[data-testid={testId}], {scope} [data-testid={testId}] input");

    private static string Row(string eniId) => $"tr[data-eni-id={eniId}]";

    // After each key: the draft's version has not moved.
    private Action NothingStored()
    {
        var version = Session.Info!.Version;
        return () => Assert.Equal(version, Session.Info!.Version);
    }

    [Fact]
    public async Task An_instance_name_and_address_typed_key_by_key_are_stored_as_typed()
    {
        var view = RenderView();

        await KeyByKey.TypeAndTabAsync(Field(view, Row(WebEni), "instance-name"), "web-frontend-01", NothingStored());
        await KeyByKey.TypeAndEnterAsync(Field(view, Row(WebEni), "eni-ip"), "10.0.1.123", NothingStored());

        var estate = (await StoredDraftAsync()).Estate;
        Assert.Equal("web-frontend-01", estate.Instances.Single(i => i.Id == "i-00000000000000web").Name);
        Assert.Equal("10.0.1.123", estate.NetworkInterfaces.Single(n => n.Id == WebEni).PrimaryIp.ToString());
        view.WaitForAssertion(() => Assert.Equal("10.0.1.123", Field(view, Row(WebEni), "eni-ip")().GetAttribute("value")), Wait);
        Assert.False(Field(view, Row(WebEni), "eni-ip")().HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_bad_address_typed_key_by_key_is_refused_at_the_field_and_escape_shows_the_stored_one()
    {
        var view = RenderView();
        var version = Session.Info!.Version;

        await KeyByKey.TypeAndEnterAsync(Field(view, Row(WebEni), "eni-ip"), "10.0.1.300");
        view.WaitForAssertion(() => Assert.Contains("10.0.1.300", view.Find(Row(WebEni)).TextContent), Wait);
        await KeyByKey.EscapeAsync(Field(view, Row(WebEni), "eni-ip"));

        view.WaitForAssertion(() => Assert.Equal("10.0.1.10", Field(view, Row(WebEni), "eni-ip")().GetAttribute("value")), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_new_instance_and_a_new_subnet_typed_key_by_key_are_stored_as_typed()
    {
        var view = RenderView();

        await KeyByKey.TypeAndTabAsync(Field(view, "", "new-instance-name-inventory"), "cache-1", NothingStored());
        await KeyByKey.TypeAndTabAsync(Field(view, "", "new-instance-ip"), "10.0.1.42", NothingStored());
        await view.Find("[data-testid=add-instance-inventory]").ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Contains(Session.Estate.Instances, i => i.Name == "cache-1"), Wait);
        await KeyByKey.TypeAndTabAsync(Field(view, "", "new-subnet-cidr"), "10.0.2.0/24", NothingStored());
        await KeyByKey.TypeAndTabAsync(Field(view, "", "new-subnet-name"), "private b", NothingStored());
        await view.Find("[data-testid=add-subnet]").ClickAsync(new MouseEventArgs());

        view.WaitForAssertion(() => Assert.Equal(2, Session.Estate.Subnets.Length), Wait);
        var estate = (await StoredDraftAsync()).Estate;
        var instance = estate.Instances.Single(i => i.Name == "cache-1");
        Assert.Equal("10.0.1.42", estate.NetworkInterfaces.Single(n => n.InstanceId == instance.Id).PrimaryIp.ToString());
        var subnet = estate.Subnets.Single(s => s.Cidr.ToString() == "10.0.2.0/24");
        Assert.Equal("private b", subnet.Name);
    }

    [Fact]
    public async Task A_new_group_s_name_and_description_and_an_instance_added_to_it_are_stored_as_typed()
    {
        Render<MudPopoverProvider>();
        var page = Render<DesignerPage>(p => p.Add(x => x.DraftId, DraftId));

        await KeyByKey.TypeAndTabAsync(Field(page, "", "new-group-name"), "cache-tier", NothingStored());
        await KeyByKey.TypeAndTabAsync(Field(page, "", "new-group-description"), "Redis, reached from web only", NothingStored());
        await page.Find("[data-testid=add-group]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal("cache-tier", page.Find("[data-testid=group-name]").TextContent.Trim()), Wait);
        await KeyByKey.TypeAndTabAsync(Field(page, "", "new-instance-name"), "redis-1", NothingStored());
        await page.Find("[data-testid=add-instance]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains(Session.Estate.Instances, i => i.Name == "redis-1"), Wait);

        var estate = (await StoredDraftAsync()).Estate;
        var group = estate.Groups.Single(g => g.Name == "cache-tier");
        Assert.Equal("Redis, reached from web only", group.Description);
        var redis = estate.Instances.Single(i => i.Name == "redis-1");
        Assert.Contains(estate.NetworkInterfaces, n => n.InstanceId == redis.Id && n.GroupIds.Contains(group.Id));
    }
}
