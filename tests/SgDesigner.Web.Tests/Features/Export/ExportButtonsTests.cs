using SgDesigner.Data.Audit;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Export;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Tests.Features.Policies;

namespace SgDesigner.Web.Tests.Features.Export;

public sealed class ExportButtonsTests : PolicyPagesTestContext
{
    [Fact]
    public void Each_format_is_a_download_link_to_the_export_endpoint_for_the_revision()
    {
        var id = Guid.NewGuid();

        var buttons = Render<ExportButtons>(p => p.Add(b => b.PolicyId, id).Add(b => b.Revision, 3));

        var links = buttons.FindAll("a[data-testid^=export-]");
        Assert.Equal(
            [
                $"/api/policies/{id}/export?format=terraform&style=rules&revision=3",
                $"/api/policies/{id}/export?format=terraform&style=inline&revision=3",
                $"/api/policies/{id}/export?format=document&revision=3",
            ],
            links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.True(a.HasAttribute("download")));
    }

    [Fact]
    public async Task The_policy_page_shows_and_exports_the_revision_named_in_its_address()
    {
        var policy = (await Store.CreatePolicyAsync("history", null, DemoEstate.Build(), "test", Token)).Value;
        var draft = (await Store.CreateDraftAsync(policy.Id, null, "drop everything", "test", Token)).Value;
        await Store.ReplaceDraftContentAsync(draft.Id, Core.Model.Estate.Empty, draft.Version, AuditActor.Named("test"), Token);
        await Store.PublishDraftAsync(draft.Id, "empty", "test", null, Token);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/policies/{policy.Id}?revision=1");
        RenderProviders();

        var page = Render<PolicyPage>(p => p.Add(x => x.PolicyId, policy.Id));

        page.WaitForAssertion(() => Assert.Contains("Revision 1 of 2", page.Find("[data-testid=revision]").TextContent, StringComparison.Ordinal), Patience);
        Assert.EndsWith("revision=1", page.Find("a[data-testid=export-terraform-rules]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid^=group-]"));
    }
}
