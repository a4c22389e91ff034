using System.Collections.Immutable;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>A draft of more groups than the list shows at once: the first by name, a line saying how many more, the search to find them.</summary>
public sealed class GroupListLengthTests : DesignerTestContext
{
    private const int Groups = GroupList.MaxListed + 30;

    private static string Id(int i) => $"sg-{i:D17}";

    private async Task LoadManyGroupsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var groups = Enumerable.Range(0, Groups)
            .Select(i => new SecurityGroup(Id(i), $"group {i:D3}", "many", "vpc-00000000000000001", ImmutableSortedDictionary<string, string>.Empty, []))
            .ToImmutableArray();
        var estate = Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-00000000000000001", null, [Cidr.Parse("10.0.0.0/16").Value])],
            Groups = groups,
        };
        var policy = await Store.CreatePolicyAsync($"many-{Guid.NewGuid():N}", null, estate, Tester, ct);
        var draft = await Store.CreateDraftAsync(policy.Value.Id, null, "many", Tester, ct);
        Assert.Null(await Session.LoadAsync(draft.Value.Id, ct));
    }

    private IRenderedComponent<GroupList> RenderList(string? selected = null)
    {
        Render<MudPopoverProvider>();
        return Render<GroupList>(p => p.Add(x => x.Selected, selected));
    }

    private static string?[] Listed(IRenderedComponent<GroupList> list) =>
        [.. list.FindAll("[data-testid=group-item]").Select(e => e.GetAttribute("data-group-id"))];

    [Fact]
    public async Task Lists_the_first_groups_by_name_and_says_how_many_more_a_search_finds()
    {
        await LoadManyGroupsAsync();

        var list = RenderList();

        Assert.Equal(Enumerable.Range(0, GroupList.MaxListed).Select(Id), Listed(list));
        Assert.Equal("30 more groups: search by name or id to find them.", list.Find("[data-testid=groups-more]").TextContent.Trim());
        list.Find("input[data-testid=group-search], [data-testid=group-search] input").Input("group 12");
        list.WaitForAssertion(() => Assert.Equal(Enumerable.Range(120, 10).Select(Id), Listed(list)), TimeSpan.FromSeconds(5));
        Assert.Empty(list.FindAll("[data-testid=groups-more]"));
    }

    [Fact]
    public async Task The_chosen_group_stays_listed_past_the_first_ones()
    {
        await LoadManyGroupsAsync();

        var list = RenderList(selected: Id(Groups - 1));

        Assert.Equal(GroupList.MaxListed + 1, Listed(list).Length);
        Assert.Equal(Id(Groups - 1), Listed(list)[^1]);
        Assert.Equal("29 more groups: search by name or id to find them.", list.Find("[data-testid=groups-more]").TextContent.Trim());
    }
}
