using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Web.Features.Policies;

namespace SgDesigner.Web.Tests.Features.Policies;

public sealed class PoliciesPageTests : PolicyPagesTestContext
{
    private async Task<Guid> CreateAsync(string name, string? description = null) =>
        (await Store.CreatePolicyAsync(name, description, null, "test", Token)).Value.Id;

    private IRenderedComponent<PoliciesPage> RenderPage() => Render<PoliciesPage>();

    private static IReadOnlyList<string> ListedNames(IRenderedComponent<PoliciesPage> page) =>
        [.. page.FindAll("[data-testid=policies] tbody tr a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Lists_every_policy_by_name_with_its_revision_count()
    {
        await CreateAsync("payments", "PCI scope");
        await CreateAsync("Analytics");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(["Analytics", "payments"], ListedNames(page)), Patience);
        Assert.Equal(["1", "1"], page.FindAll("[data-testid=revision-count]").Select(c => c.TextContent.Trim()));
        Assert.Contains("PCI scope", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_narrows_the_list_by_name_or_description()
    {
        await CreateAsync("payments", "PCI scope");
        await CreateAsync("analytics", "reporting cluster");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, ListedNames(page).Count), Patience);

        page.Find(Field("search")).Input("REPORT");

        page.WaitForAssertion(() => Assert.Equal(["analytics"], ListedNames(page)), Patience);
        page.Find(Field("search")).Input("nothing like it");
        page.WaitForAssertion(() => Assert.Contains("No policy matches", page.Find("[data-testid=no-match]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task New_policy_stores_an_empty_policy_and_opens_it()
    {
        var dialogs = RenderProviders();
        var page = RenderPage();

        page.Find("[data-testid=new-policy]").Click();
        dialogs.WaitForElement(Field("policy-name")).Input("edge");
        dialogs.Find(Field("policy-description")).Change("the load balancers");
        dialogs.Find("[data-testid=save]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/policies/[0-9a-f-]{36}$", navigation.Uri), Patience);
        var stored = Assert.Single(await StoredPoliciesAsync());
        Assert.Equal(("edge", "the load balancers", 1), (stored.Name, stored.Description, stored.RevisionCount));
        Assert.EndsWith($"/policies/{stored.Id}", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_name_is_refused_at_the_name_field_and_nothing_is_stored()
    {
        var dialogs = RenderProviders();
        var page = RenderPage();

        page.Find("[data-testid=new-policy]").Click();
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("needs a name", dialogs.Find("[data-testid=policy-dialog] .mud-input-helper-text").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task A_name_taken_ignoring_case_is_refused_at_the_name_field()
    {
        await CreateAsync("Payments");
        var dialogs = RenderProviders();
        var page = RenderPage();

        page.Find("[data-testid=new-policy]").Click();
        dialogs.WaitForElement(Field("policy-name")).Input("PAYMENTS");
        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("already exists", dialogs.Find("[data-testid=policy-dialog] .mud-input-helper-text").TextContent, StringComparison.Ordinal), Patience);
        Assert.Single(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task Rename_changes_the_name_in_the_list_and_the_store()
    {
        var id = await CreateAsync("old name", "kept");
        var dialogs = RenderProviders();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(["old name"], ListedNames(page)), Patience);

        page.Find("[data-testid=rename]").Click();
        var field = dialogs.WaitForElement(Field("policy-name"));
        Assert.Equal("old name", field.GetAttribute("value"));
        field.Input("new name");
        dialogs.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Equal(["new name"], ListedNames(page)), Patience);
        var stored = (await Store.GetPolicyAsync(id, Token)).Value;
        Assert.Equal(("new name", "kept"), (stored.Name, stored.Description));
    }

    [Fact]
    public async Task Delete_asks_for_confirmation_and_cancel_keeps_the_policy()
    {
        await CreateAsync("keep me");
        var dialogs = RenderProviders();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(ListedNames(page)), Patience);

        page.Find("[data-testid=delete]").Click();
        var cancel = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("cannot be undone", cancel.TextContent, StringComparison.Ordinal);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Patience);
        Assert.Single(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task Delete_confirmed_removes_the_policy_from_the_list_and_the_store()
    {
        await CreateAsync("doomed");
        await CreateAsync("survivor");
        var dialogs = RenderProviders();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, ListedNames(page).Count), Patience);

        page.FindAll("[data-testid=delete]")[0].Click();
        dialogs.WaitForElement(".mud-dialog");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Equal(["survivor"], ListedNames(page)), Patience);
        Assert.Equal(["survivor"], (await StoredPoliciesAsync()).Select(p => p.Name));
    }
}
