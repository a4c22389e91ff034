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
    public void An_estate_terraform_would_refuse_shows_the_errors_and_offers_only_the_policy_document()
    {
        var estate = DemoEstate.Build();
        estate = estate.WithGroup(estate.Groups[0] with { Name = "sg-renamed" });

        var buttons = Render<ExportButtons>(p => p.Add(b => b.PolicyId, Guid.NewGuid()).Add(b => b.Revision, 1).Add(b => b.Estate, estate));

        var errors = buttons.Find("[data-testid=export-errors]").TextContent;
        Assert.Contains($"groups[{estate.Groups[0].Id}].name", errors, StringComparison.Ordinal);
        Assert.Contains("cannot start with 'sg-'", errors, StringComparison.Ordinal);
        Assert.Empty(buttons.FindAll("a[data-testid^=export-terraform]"));
        Assert.Single(buttons.FindAll("a[data-testid=export-document]"));
    }

    [Fact]
    public void Groups_written_in_rules_style_because_of_a_cycle_are_named_before_the_download()
    {
        var estate = DemoEstate.Build();

        var buttons = Render<ExportButtons>(p => p.Add(b => b.PolicyId, Guid.NewGuid()).Add(b => b.Revision, 1).Add(b => b.Estate, estate));

        var note = buttons.Find("[data-testid=export-inline-note]").TextContent;
        var inCycle = Core.Terraform.TerraformExporter.Write(estate, new(Core.Terraform.TerraformStyle.Inline)).RulesStyleGroups;
        Assert.NotEmpty(inCycle);
        Assert.All(inCycle, id => Assert.Contains(id, note, StringComparison.Ordinal));
        Assert.Equal(2, buttons.FindAll("a[data-testid^=export-terraform]").Count);
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
