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

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7/32")]
    [InlineData("2001:db8::7", "2001:db8::7/128")]
    public void My_ip_is_the_caller_s_address_as_a_single_address_block(string address, string block) =>
        Assert.Equal(block, CallerAddress.Of(System.Net.IPAddress.Parse(address))?.ToString());

    [Fact]
    public void Without_a_known_address_the_my_ip_shortcut_is_disabled()
    {
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var picker = Render<PeerPicker>(p => p.Add(x => x.Estate, Session.Estate));

        picker.Find("[data-testid=peer-shortcuts] button").Click();

        Assert.Contains("not known", Assert.Single(popovers.FindAll("[data-testid=peer-my-ip]")).TextContent, StringComparison.Ordinal);
    }
}
