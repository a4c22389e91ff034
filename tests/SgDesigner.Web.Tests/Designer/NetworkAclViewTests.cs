using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using Direction = SgDesigner.Core.Model.Direction;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// The Network ACLs tab: a subnet on no modelled ACL gets a custom one; rules typed key by key are stored and listed in
/// evaluation order; move up swaps numbers; bad input names the field and stores nothing; the matrix tab refuses
/// denying ACLs politely while the preview answers with them.
/// </summary>
public sealed class NetworkAclViewTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string Subnet = "subnet-000000000000001";

    private IRenderedComponent<NetworkAclView> RenderView()
    {
        Render<MudPopoverProvider>();
        return Render<NetworkAclView>();
    }

    private static Func<IElement> Field(IRenderedComponent<NetworkAclView> view, string testId) =>
        () => view.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private Action NothingStored()
    {
        var version = Session.Info!.Version;
        return () => Assert.Equal(version, Session.Info!.Version);
    }

    private static List<string> Rows(IRenderedComponent<NetworkAclView> view, string side) =>
        [.. view.FindAll($"[data-testid=acl-{side}] [data-testid=acl-rule]").Select(r => string.Join(" ", r.QuerySelectorAll("td").Take(5).Select(td => td.TextContent.Trim())))];

    private async Task AddRuleAsync(IRenderedComponent<NetworkAclView> view, string direction, string number, string protocol, string ports, string cidr, string action)
    {
        await view.Find("[data-testid=acl-form-direction]").ChangeAsync(new ChangeEventArgs { Value = direction });
        await KeyByKey.TypeAndTabAsync(Field(view, "acl-form-number"), number);
        await KeyByKey.TypeAndTabAsync(Field(view, "acl-form-protocol"), protocol);
        await KeyByKey.TypeAndTabAsync(Field(view, "acl-form-ports"), ports);
        await KeyByKey.TypeAndTabAsync(Field(view, "acl-form-cidr"), cidr);
        await view.Find("[data-testid=acl-form-action]").ChangeAsync(new ChangeEventArgs { Value = action });
        await view.Find("[data-testid=acl-form-save]").ClickAsync(new MouseEventArgs());
    }

    private async Task<IRenderedComponent<NetworkAclView>> ViewWithAclAsync()
    {
        var view = RenderView();
        view.WaitForElement("[data-testid=acl-none]", Wait);
        await view.Find("[data-testid=acl-create]").ClickAsync(new MouseEventArgs());
        view.WaitForElement("[data-testid=acl-inbound]", Wait);
        return view;
    }

    [Fact]
    public async Task Rules_typed_key_by_key_are_stored_and_listed_in_evaluation_order()
    {
        var view = await ViewWithAclAsync();

        await AddRuleAsync(view, "inbound", "200", "all", "", "10.0.0.0/8", "deny");
        await AddRuleAsync(view, "inbound", "100", "tcp", "443", "0.0.0.0/0", "allow");
        await AddRuleAsync(view, "outbound", "100", "tcp", "1024-65535", "0.0.0.0/0", "allow");

        view.WaitForAssertion(() => Assert.Equal(["100 tcp 443 0.0.0.0/0 allow", "200 all  10.0.0.0/8 deny"], Rows(view, "inbound")), Wait);
        Assert.Equal(["100 tcp 1024-65535 0.0.0.0/0 allow"], Rows(view, "outbound"));
        var acl = Assert.Single((await StoredDraftAsync()).Estate.NetworkAcls);
        Assert.Equal([Subnet], acl.SubnetIds);
        Assert.Equal([(100, AclAction.Allow), (200, AclAction.Deny)], acl.Inbound.Select(r => (r.RuleNumber, r.Action)));
        Assert.Contains("*", view.Find("[data-testid=acl-inbound] [data-testid=acl-final-deny]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_up_swaps_numbers_with_the_rule_before_and_delete_removes_it()
    {
        var view = await ViewWithAclAsync();
        await AddRuleAsync(view, "inbound", "100", "tcp", "443", "0.0.0.0/0", "allow");
        await AddRuleAsync(view, "inbound", "110", "all", "", "10.0.0.0/8", "deny");
        view.WaitForAssertion(() => Assert.Equal(2, Rows(view, "inbound").Count), Wait);

        var second = view.FindAll("[data-testid=acl-inbound] [data-testid=acl-rule]")[1];
        Assert.Equal("Move inbound rule 110 up", second.QuerySelector("[data-testid=acl-move-up]")!.GetAttribute("aria-label"));
        await second.QuerySelector("[data-testid=acl-move-up]")!.ClickAsync(new MouseEventArgs());

        view.WaitForAssertion(() => Assert.Equal(["100 all  10.0.0.0/8 deny", "110 tcp 443 0.0.0.0/0 allow"], Rows(view, "inbound")), Wait);
        Assert.True(view.FindAll("[data-testid=acl-inbound] [data-testid=acl-rule]")[0].QuerySelector("[data-testid=acl-move-up]")!.HasAttribute("disabled"));
        await view.FindAll("[data-testid=acl-inbound] [data-testid=acl-rule]")[0].QuerySelector("[data-testid=acl-delete]")!.ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Equal(["110 tcp 443 0.0.0.0/0 allow"], Rows(view, "inbound")), Wait);
        Assert.Equal([110], Assert.Single((await StoredDraftAsync()).Estate.NetworkAcls).Inbound.Select(r => r.RuleNumber));
    }

    [Theory]
    [InlineData("40000", "tcp", "443", "0.0.0.0/0", "Rule number")]
    [InlineData("100", "tcp", "443", "10.0.0.5/8", "host bits")]
    [InlineData("100", "icmp", "1024-2048", "0.0.0.0/0", "Ports")]
    [InlineData("100", "tcp", "1", "0.0.0.0/0", "used twice")]
    public async Task Bad_input_names_the_field_and_stores_nothing(string number, string protocol, string ports, string cidr, string problem)
    {
        var view = await ViewWithAclAsync();
        await AddRuleAsync(view, "inbound", "100", "tcp", "22", "10.0.0.0/16", "allow");
        view.WaitForAssertion(() => Assert.Single(Rows(view, "inbound")), Wait);
        var stored = NothingStored();

        await AddRuleAsync(view, "inbound", number, protocol, ports, cidr, "allow");

        view.WaitForAssertion(() => Assert.Contains(problem, view.Find("[data-testid=acl-form-error]").TextContent, StringComparison.Ordinal), Wait);
        stored();
        Assert.Equal([22], Assert.Single((await StoredDraftAsync()).Estate.NetworkAcls).Inbound.Select(r => r.FromPort));
    }

    [Fact]
    public async Task The_page_opens_the_acl_tab_and_the_matrix_tab_answers_with_denying_acls()
    {
        // A second subnet for the db, and an ACL on it that denies: traffic between the two subnets crosses it.
        Assert.Null(await Session.EditAsync(NetworkEdits.PutSubnet(new Subnet("subnet-000000000000002", "vpc-00000000000000001", Cidr.Parse("10.0.2.0/24").Value)), Xunit.TestContext.Current.CancellationToken));
        Assert.Null(await Session.EditAsync(InventoryEdits.AddInstance(Session.Ids, "db-2", "subnet-000000000000002", IpAddress.Parse("10.0.2.20").Value), Xunit.TestContext.Current.CancellationToken));
        Assert.Null(await Session.EditAsync(NetworkAclEdits.CreateAcl("acl-00000000000000001", "vpc-00000000000000001", "db"), Xunit.TestContext.Current.CancellationToken));
        Assert.Null(await Session.EditAsync(NetworkAclEdits.AssociateSubnet("acl-00000000000000001", "subnet-000000000000002"), Xunit.TestContext.Current.CancellationToken));
        Render<MudPopoverProvider>();
        var page = Render<DesignerPage>(p => p.Add(x => x.DraftId, DraftId));

        var tabs = page.WaitForElements(".mud-tab", Wait);
        await tabs.Single(t => t.TextContent.Contains("Matrix", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());
        page.WaitForElement("[data-testid=matrix-view]", Wait);

        await page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Network ACLs", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());
        page.WaitForElement("[data-testid=acl-view]", Wait);
    }
}
