using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Web.Features.Instances;
using SgDesigner.Web.Tests.Designer;

namespace SgDesigner.Web.Tests.Instances;

/// <summary>
/// Every private address of an interface, and an instance's further interfaces, on the Instances tab: typed key by key
/// and committed with Tab or Enter, checked against the subnet and the VPC, and read back from the stored draft.
/// </summary>
public sealed class InterfaceAddressesTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<MudPopoverProvider> Popovers { get; set; } = default!;

    private IRenderedComponent<InstancesView> RenderView()
    {
        Popovers = Render<MudPopoverProvider>();
        return Render<InstancesView>();
    }

    private static Func<IElement> Field(IRenderedComponent<InstancesView> view, string scope, string testId) =>
        () => view.Find($"{scope} input[data-testid={testId}], {scope} [data-testid={testId}] input");

    private static string Row(string eniId) => $"tr[data-eni-id={eniId}]";

    private Action NothingStored()
    {
        var version = Session.Info!.Version;
        return () => Assert.Equal(version, Session.Info!.Version);
    }

    private async Task<string[]> StoredIpsAsync(string eniId) =>
        [.. (await StoredDraftAsync()).Estate.NetworkInterfaces.Single(n => n.Id == eniId).PrivateIps.Select(ip => ip.ToString())];

    [Fact]
    public async Task Secondary_addresses_typed_key_by_key_are_added_changed_and_removed_as_typed()
    {
        var view = RenderView();

        await KeyByKey.TypeAndEnterAsync(Field(view, Row(WebEni), "eni-add-ip"), "10.0.1.11", NothingStored());
        view.WaitForAssertion(() => Assert.Single(view.FindAll($"{Row(WebEni)} [data-testid=eni-secondary]")), Wait);
        await KeyByKey.TypeAndTabAsync(Field(view, Row(WebEni), "eni-add-ip"), "10.0.1.12", NothingStored());
        Assert.Equal(["10.0.1.10", "10.0.1.11", "10.0.1.12"], await StoredIpsAsync(WebEni));

        await KeyByKey.TypeAndTabAsync(Field(view, Row(WebEni), "eni-secondary-ip"), "10.0.1.111", NothingStored());
        Assert.Equal(["10.0.1.10", "10.0.1.111", "10.0.1.12"], await StoredIpsAsync(WebEni));

        await view.Find($"{Row(WebEni)} [data-testid=remove-secondary-ip]").ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Single(view.FindAll($"{Row(WebEni)} [data-testid=eni-secondary]")), Wait);
        Assert.Equal(["10.0.1.10", "10.0.1.12"], await StoredIpsAsync(WebEni));
    }

    [Theory]
    [InlineData("10.0.2.7", "is not inside subnet")]
    [InlineData("10.0.1.20", "already used by eni-000000000000db01")]
    [InlineData("10.0.1.10", "already an address of eni-00000000000web01")]
    [InlineData("10.0.1.2", "reserved by AWS")]
    [InlineData("10.0.1.300", "10.0.1.300")]
    public async Task A_secondary_address_outside_the_subnet_or_taken_is_refused_at_the_field_and_nothing_is_stored(string typed, string message)
    {
        var view = RenderView();
        var version = Session.Info!.Version;

        await KeyByKey.TypeAndEnterAsync(Field(view, Row(WebEni), "eni-add-ip"), typed);

        view.WaitForAssertion(() => Assert.Contains(message, view.Find(Row(WebEni)).TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(typed, Field(view, Row(WebEni), "eni-add-ip")().GetAttribute("value"));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_new_interface_is_attached_at_the_next_device_index_and_can_be_detached_and_attached_again()
    {
        var view = RenderView();
        await view.Find($"{Row(WebEni)} [data-testid=attach-eni] button").ClickAsync(new MouseEventArgs());
        await Popovers.WaitForElement("[data-testid=new-eni-option]", Wait).ClickAsync(new MouseEventArgs());

        view.WaitForAssertion(() => Assert.Equal(3, Session.Estate.NetworkInterfaces.Length), Wait);
        var added = (await StoredDraftAsync()).Estate.NetworkInterfaces.Single(n => n.Id is not (WebEni or DbEni));
        Assert.Matches("^eni-[0-9a-f]{17}$", added.Id);
        Assert.Equal(("i-00000000000000web", 1, "subnet-000000000000001"), (added.InstanceId, added.DeviceIndex, added.SubnetId));

        view.WaitForAssertion(() => view.Find($"{Row(added.Id)} [data-testid=detach-eni]"), Wait);
        await view.Find($"{Row(added.Id)} [data-testid=detach-eni]").ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Null(Session.Estate.NetworkInterfaces.Single(n => n.Id == added.Id).InstanceId), Wait);
        Assert.Null((await StoredDraftAsync()).Estate.NetworkInterfaces.Single(n => n.Id == added.Id).InstanceId);
        Assert.Empty(view.FindAll($"{Row(WebEni)} [data-testid=detach-eni]"));

        await view.Find($"{Row(DbEni)} [data-testid=attach-eni] button").ClickAsync(new MouseEventArgs());
        await Popovers.WaitForElement($"[data-testid=attach-eni-option][data-eni-id={added.Id}]", Wait).ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Equal("i-000000000000000db", Session.Estate.NetworkInterfaces.Single(n => n.Id == added.Id).InstanceId), Wait);
        var reattached = (await StoredDraftAsync()).Estate.NetworkInterfaces.Single(n => n.Id == added.Id);
        Assert.Equal(("i-000000000000000db", 1), (reattached.InstanceId, reattached.DeviceIndex));
    }
}
