using Bunit;
using MudBlazor;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Designer;

public sealed class PeerPickerTests : DesignerTestContext
{
    [Fact]
    public void Typing_part_of_a_group_name_offers_the_group_by_name_and_id()
    {
        var provider = Render<MudPopoverProvider>();
        var picker = Render<PeerPicker>(p => p.Add(x => x.Estate, Session.Estate));

        picker.Find("input").Input("we");

        provider.WaitForAssertion(() => Assert.Contains($"web ({Web})", provider.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(provider.FindAll(".mud-list-item"), i => i.TextContent.Contains($"db ({Db})", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("web (sg-0000000000000web0)")]
    [InlineData("WEB")]
    [InlineData("sg-0000000000000web0")]
    public void A_group_given_by_label_name_or_id_resolves_to_its_id(string text) =>
        Assert.Equal(Web, PeerPicker.IdOf(Session.Estate, text));

    [Fact]
    public void A_cidr_is_left_as_typed() =>
        Assert.Equal("10.0.0.0/8", PeerPicker.IdOf(Session.Estate, " 10.0.0.0/8 "));

    [Fact]
    public void Search_matches_ids_as_well_as_names() =>
        Assert.Equal([Db], PeerPicker.Search(Session.Estate, "db0"));
}
