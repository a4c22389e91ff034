using Bunit;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Designer;

public sealed class PeerPickerTests : DesignerTestContext
{
    [Fact]
    public void The_groups_are_offered_by_name_and_id_in_the_field_s_suggestion_list()
    {
        var picker = Render<PeerPicker>(p => p.Add(x => x.Estate, Session.Estate));

        var list = picker.Find("datalist[data-testid=peer-options]");
        Assert.Equal(list.Id, picker.Find("input").GetAttribute("list"));
        Assert.Equal([$"db ({Db})", $"web ({Web})"], list.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
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
