using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Drift;
using SgDesigner.Web.Features.Drift;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Tests.Features.Policies;

namespace SgDesigner.Web.Tests.Drift;

/// <summary>The drift view and the policy page's drift line, rendered on a real SQLite store.</summary>
public sealed class DriftPageTests : PolicyPagesTestContext
{
    private const string Opened = "sgr-0000000000000d1f7";

    private DeployedSnapshotStore Snapshots => Services.GetRequiredService<DeployedSnapshotStore>();

    // The demo as deployed after someone let 203.0.113.0/24 reach the web tier on 8443 in the console.
    private static Estate DeployedWithAnOpening()
    {
        var estate = DemoEstate.Build();
        var web = estate.FindGroup(DemoEstate.Web)!;
        return estate.WithGroup(web with
        {
            Rules = web.Rules.Add(new Rule(Opened, Direction.Inbound, IpProtocol.Tcp, 8443, 8443, new CidrPeer(Cidr.Parse("203.0.113.0/24").Value), "console")),
        });
    }

    private async Task<Guid> PolicyAsync() =>
        (await Store.CreatePolicyAsync($"drift {Guid.NewGuid():N}", null, DemoEstate.Build(), Admin, Token)).Value.Id;

    [Fact]
    public async Task The_policy_page_says_there_is_no_snapshot_then_in_sync_then_how_many_flows_drifted()
    {
        var policyId = await PolicyAsync();
        var none = Render<DriftStatus>(p => p.Add(x => x.PolicyId, policyId).Add(x => x.LatestRevision, 1));
        none.WaitForAssertion(() => Assert.Equal("none", none.Find("[data-testid=drift-status]").GetAttribute("data-state")), Patience);
        Assert.Contains("No deployed snapshot", none.Markup, StringComparison.Ordinal);

        await Snapshots.AddAsync(Admin, policyId, DeployedSource.AwsCli, "SecurityGroups.json", DemoEstate.Build(), Token);
        var inSync = Render<DriftStatus>(p => p.Add(x => x.PolicyId, policyId).Add(x => x.LatestRevision, 1));
        inSync.WaitForAssertion(() => Assert.Equal("in-sync", inSync.Find("[data-testid=drift-status]").GetAttribute("data-state")), Patience);
        Assert.Contains("In sync with the deployment as of", inSync.Markup, StringComparison.Ordinal);

        await Snapshots.AddAsync(Admin, policyId, DeployedSource.AwsCli, "SecurityGroups.json", DeployedWithAnOpening(), Token);
        RenderProviders();
        var page = Render<PolicyPage>(p => p.Add(x => x.PolicyId, policyId));
        page.WaitForAssertion(() => Assert.Equal("drifted", page.Find("[data-testid=drift-status]").GetAttribute("data-state")), Patience);
        Assert.Matches(@"\d+ drifted flows? \(snapshot of ", page.Find("[data-testid=drift-status]").TextContent);
        Assert.Equal($"/policies/{policyId}/drift", page.Find("[data-testid=drift-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_drift_view_lists_the_rule_someone_opened_and_adopting_it_puts_it_in_a_draft()
    {
        var policyId = await PolicyAsync();
        await Snapshots.AddAsync(Admin, policyId, DeployedSource.AwsCli, "SecurityGroups.json", DeployedWithAnOpening(), Token);
        RenderProviders();

        var page = Render<DriftPage>(p => p.Add(x => x.PolicyId, policyId));
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=drift-verdict]").GetAttribute("data-in-sync")), Patience);
        Assert.Equal(Opened, Assert.Single(page.FindAll("[data-testid=deployed-only-rule]")).GetAttribute("data-rule"));
        Assert.NotEmpty(page.FindAll("[data-testid=impact-flow][data-kind=opened]"));

        page.Find($"[data-testid=adopt-{Opened}]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=adopted]")), Patience);
        var draftId = Guid.Parse(page.Find("[data-testid=adopted-draft]").GetAttribute("href")!["/drafts/".Length..]);
        var draft = await Store.GetDraftAsync(draftId, Token);
        Assert.Equal(DriftComparisons.AdoptDraftTitle, draft.Value.Info.Title);
        var rule = Assert.Single(draft.Value.Estate.FindGroup(DemoEstate.Web)!.Rules, r => r.Id == Opened);
        Assert.Equal(8443, rule.FromPort);
        Assert.Equal("console", rule.Description);
    }

    [Fact]
    public async Task Choosing_more_files_than_a_snapshot_takes_says_so_at_the_files_and_stores_nothing()
    {
        var policyId = await PolicyAsync();
        RenderProviders();
        var page = Render<DriftPage>(p => p.Add(x => x.PolicyId, policyId));
        page.WaitForElement("[data-testid=no-snapshot]", Patience);

        page.FindComponent<InputFile>().UploadFiles([.. Enumerable.Range(1, 21).Select(i => InputFileContent.CreateFromText("{\"SecurityGroups\": []}", $"sg{i}.json"))]);

        page.WaitForAssertion(() => Assert.Contains("21 files chosen; at most 20", page.Find("[data-testid=upload-error]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty((await Snapshots.ListAsync(policyId, Token)).Value);
    }
}
