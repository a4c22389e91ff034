using SgDesigner.Core.Editing;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SgDesigner.Web.Features.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

public sealed class DesignerPageTests : DesignerTestContext
{
    private IRenderedComponent<DesignerPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<DesignerPage>(p => p.Add(x => x.DraftId, DraftId));
    }

    [Fact]
    public void Shows_the_groups_the_first_group_s_rules_the_preview_and_the_findings()
    {
        var page = RenderPage();

        Assert.Equal([Db, Web], page.FindAll("[data-testid=group-item]").Select(e => e.GetAttribute("data-group-id")));
        Assert.Equal("db", page.Find("[data-testid=group-name]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=preview]"));
        Assert.NotNull(page.Find("[data-testid=findings]"));
    }

    [Fact]
    public void The_open_groups_id_sits_under_its_name_with_a_button_that_copies_it()
    {
        var page = RenderPage();

        var id = page.Find("[data-testid=group-editor] [data-testid=group-id]");
        Assert.StartsWith(Db, id.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"Copy {Db}", id.QuerySelector("[data-testid=copy-group-id]")?.GetAttribute("aria-label"));
    }

    [Fact]
    public void The_search_field_narrows_the_group_list_by_name_or_id()
    {
        var page = RenderPage();

        page.Find("input[data-testid=group-search], [data-testid=group-search] input").Input("web");

        page.WaitForAssertion(() => Assert.Equal([Web], page.FindAll("[data-testid=group-item]").Select(e => e.GetAttribute("data-group-id"))), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Adding_a_group_stores_it_and_opens_it()
    {
        var page = RenderPage();

        page.Find("input[data-testid=new-group-name], [data-testid=new-group-name] input").Change("cache");
        page.Find("[data-testid=add-group]").Click();

        page.WaitForAssertion(() => Assert.Equal("cache", page.Find("[data-testid=group-name]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains((await StoredDraftAsync()).Estate.Groups, g => g.Name == "cache");
    }

    [Fact]
    public void An_unknown_draft_is_reported_instead_of_an_empty_designer()
    {
        var page = Render<DesignerPage>(p => p.Add(x => x.DraftId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("does not exist", page.Find("[data-testid=problem]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task New_draft_on_the_policy_page_opens_a_new_draft_in_the_designer()
    {
        var policyId = Session.Info!.PolicyId;
        var buttons = Render<DraftButtons>(p => p.Add(x => x.PolicyId, policyId));
        Assert.Single(buttons.FindAll("[data-testid=open-draft]"));

        buttons.Find("[data-testid=new-draft]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        buttons.WaitForAssertion(() => Assert.Contains("/drafts/", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var drafts = await Store.ListDraftsAsync(policyId, ct: TestContext.Current.CancellationToken);
        var newest = Assert.Single(drafts.Value, d => navigation.Uri.EndsWith($"/drafts/{d.Id}", StringComparison.Ordinal));
        Assert.NotEqual(DraftId, newest.Id);
    }

    [Fact]
    public async Task A_finding_opens_its_group_on_the_rule_s_tab_with_the_rule_highlighted()
    {
        var page = RenderPage();
        page.Find($"[data-testid=group-item][data-group-id={Web}]").Click();
        var ssh = new SgDesigner.Core.Model.Rule("sgr-0000000000000ssh0", SgDesigner.Core.Model.Direction.Inbound,
            SgDesigner.Core.Model.IpProtocol.Tcp, 22, 22, new SgDesigner.Core.Model.CidrPeer(SgDesigner.Core.Model.Cidr.AnyV4));
        await page.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, ssh), TestContext.Current.CancellationToken));

        page.WaitForElement($"[data-testid=finding][data-rule-id={ssh.Id}] [data-testid=open-finding]", TimeSpan.FromSeconds(5)).Click();

        page.WaitForAssertion(() => Assert.Equal("db", page.Find("[data-testid=group-name]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("true", page.Find($"tr.sgd-highlight [data-testid=rule-row][data-rule-id={ssh.Id}]").GetAttribute("data-highlighted"));
    }
}
