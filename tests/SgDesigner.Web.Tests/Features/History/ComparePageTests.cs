using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Tests.Features.Policies;

namespace SgDesigner.Web.Tests.Features.History;

public sealed class ComparePageTests : PolicyPagesTestContext
{
    private const string SshFromInternet = "sgr-0a1b00000000000f1";

    // The demo as revision 1; revision 2 opens ssh to the web tier from anywhere.
    private async Task<Guid> PolicyWithTwoRevisionsAsync()
    {
        var policy = await Store.CreatePolicyAsync($"compare {Guid.NewGuid():N}", null, DemoEstate.Build(), Admin, Token);
        var draft = await Store.CreateDraftAsync(policy.Value.Id, null, "ssh", Admin, Token);
        var rule = new Rule(SshFromInternet, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "debugging");
        Assert.True((await Store.EditDraftAsync(draft.Value.Id, 1, GroupEdits.PutRule(DemoEstate.Web, rule), Admin, Token)).IsOk);
        Assert.True((await Store.PublishDraftAsync(draft.Value.Id, "open ssh", Admin, null, Token)).IsOk);
        return policy.Value.Id;
    }

    private IRenderedComponent<ComparePage> RenderCompare(Guid policyId, string range)
    {
        RenderProviders();
        return Render<ComparePage>(p => p.Add(x => x.PolicyId, policyId).Add(x => x.Range, range));
    }

    [Fact]
    public async Task Two_revisions_show_the_flows_opened_and_the_rule_changes_as_a_request_does()
    {
        var policyId = await PolicyWithTwoRevisionsAsync();

        var page = RenderCompare(policyId, "1...2");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=impact-flow][data-kind=opened][data-from-internet=true]")), Patience);
        Assert.Equal("Revision 1 → revision 2", page.Find("[data-testid=compare-title]").TextContent.Trim());
        Assert.Contains("opens", page.Find("[data-testid=impact-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("[data-testid=compare-revision]").Count);
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Rule changes (1)", StringComparison.Ordinal)).Click();
        var change = page.WaitForElement($"[data-testid=rule-change][data-rule-id={SshFromInternet}]", Patience);
        Assert.Equal("added", change.GetAttribute("data-kind"));
        Assert.Empty(page.FindAll("[data-testid=rule-comment-box]"));
    }

    [Fact]
    public async Task The_same_revision_twice_is_an_empty_comparison()
    {
        var policyId = await PolicyWithTwoRevisionsAsync();

        var page = RenderCompare(policyId, "2...2");

        page.WaitForElement("[data-testid=no-opened]", Patience);
        Assert.NotNull(page.Find("[data-testid=no-closed]"));
    }

    [Theory]
    [InlineData("1..9", "no revision 9")]
    [InlineData("one...two", "is not a comparison")]
    public async Task A_revision_that_does_not_exist_or_a_range_that_cannot_be_read_is_said(string range, string expected)
    {
        var policyId = await PolicyWithTwoRevisionsAsync();

        var page = RenderCompare(policyId, range);

        page.WaitForAssertion(() => Assert.Contains(expected, page.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Revert_opens_a_draft_of_the_first_revision_on_the_latest_and_goes_to_it()
    {
        var policyId = await PolicyWithTwoRevisionsAsync();
        var page = RenderCompare(policyId, "1...2");

        page.WaitForElement("[data-testid=revert][data-revision='1']", Patience).Click();

        // The click's handler stores the draft and then navigates: read the store once it has navigated.
        page.WaitForAssertion(() => Assert.Contains("/drafts/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal), Patience);
        var draft = Assert.Single((await Store.ListDraftsAsync(policyId, ct: Token)).Value);
        Assert.Equal(2, draft.BaseRevision);
        Assert.EndsWith($"/drafts/{draft.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        var content = (await Store.GetDraftAsync(draft.Id, Token)).Value.Estate;
        Assert.DoesNotContain(content.FindGroup(DemoEstate.Web)!.Rules, r => r.Id == SshFromInternet);
    }
}
