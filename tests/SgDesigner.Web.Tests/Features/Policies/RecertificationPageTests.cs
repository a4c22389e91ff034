using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Policies;

namespace SgDesigner.Web.Tests.Features.Policies;

/// <summary>The Recertification page: the newest revision's rules due for review, by owner, with the flows only each allows.</summary>
public sealed class RecertificationPageTests : PolicyPagesTestContext
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<Guid> PolicyAsync()
    {
        var estate = DemoEstate.Build();
        var web = estate.FindGroup(DemoEstate.Web)!;
        var metadata = new[]
        {
            RuleMetadata.Create("team-web", "the storefront", "NET-1", Today.AddDays(3)),
            RuleMetadata.Create(null, null, null, Today.AddDays(-2)),
            RuleMetadata.Create("team-web", null, null, Today.AddDays(90)),
        };
        estate = estate.WithGroup(web with { Rules = [.. web.Rules.Select((r, i) => i < metadata.Length ? r with { Metadata = metadata[i] } : r)] });
        return (await Store.CreatePolicyAsync($"recert {Guid.NewGuid():N}", null, estate, Admin, Token)).Value.Id;
    }

    [Fact]
    public async Task Rules_due_within_the_window_are_listed_by_owner_with_what_only_they_allow()
    {
        var policyId = await PolicyAsync();
        var rules = DemoEstate.Build().FindGroup(DemoEstate.Web)!.Rules;
        RenderProviders();

        var page = Render<RecertificationPage>(p => p.Add(x => x.PolicyId, policyId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=recert-rule]").Count), Patience);
        Assert.Equal(["team-web", ""], page.FindAll("[data-testid=recert-owner]").Select(o => o.GetAttribute("data-owner")));
        Assert.Equal([rules[0].Id, rules[1].Id], page.FindAll("[data-testid=recert-rule]").Select(r => r.GetAttribute("data-rule-id")));
        Assert.Equal(["3", "-2"], page.FindAll("[data-testid=recert-rule]").Select(r => r.GetAttribute("data-days-left")));
        Assert.Contains("2 day(s) overdue", page.Markup, StringComparison.Ordinal);
        // Each rule's flows are analysed: either the flows only it allows, or that other rules allow all of it.
        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=recert-flows]"),
            cell => Assert.True(cell.QuerySelector("[data-testid=recert-flow]") is not null || cell.TextContent.Contains("nothing", StringComparison.Ordinal), cell.TextContent)), Patience);
    }

    [Fact]
    public async Task A_wider_window_lists_the_rules_due_later()
    {
        var policyId = await PolicyAsync();
        RenderProviders();

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/policies/{policyId}/recertification?days=100");

        var page = Render<RecertificationPage>(p => p.Add(x => x.PolicyId, policyId));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=recert-rule]").Count), Patience);
        Assert.Contains("3 rule(s) due", page.Find("[data-testid=recert-count]").TextContent, StringComparison.Ordinal);
    }
}
