using Bunit;
using MudBlazor;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Designer;
using Direction = SgDesigner.Core.Model.Direction;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>The designer's inline errors are the sentences of Core's table of AWS limits, shown before anything is stored.</summary>
public sealed class InlineLimitsTests : DesignerTestContext
{
    private const string NameField = "input[data-testid=new-group-name], [data-testid=new-group-name] input";
    private const string DescriptionField = "input[data-testid=new-group-description], [data-testid=new-group-description] input";

    private IRenderedComponent<GroupList> RenderGroups()
    {
        Render<MudPopoverProvider>();
        return Render<GroupList>();
    }

    public static TheoryData<string, string> BadNames { get; } = new()
    {
        { new string('n', 256), "the name is 256 characters long; AWS allows 255" },
        { "sg-cache", AwsLimits.ReservedGroupNameMessage },
        { "cache\u0007", "the name contains the control character U+0007 at position 6; control characters other than tab and line breaks are not allowed" },
        { "café", "the name contains 'é'; AWS allows only a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$*" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_group_name_AWS_refuses_shows_the_tables_sentence_while_typing_and_adding_stores_nothing(string name, string message)
    {
        var list = RenderGroups();
        var version = Session.Info!.Version;

        list.Find(NameField).Change(name);

        list.WaitForAssertion(() => Assert.Contains(message, list.Find(".mud-input-control:has([data-testid=new-group-name])").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(AwsLimits.GroupNameProblem(name), message);
        list.Find("[data-testid=add-group]").Click();
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_group_description_over_255_characters_shows_the_tables_sentence()
    {
        var list = RenderGroups();
        var version = Session.Info!.Version;

        list.Find(NameField).Change("cache");
        list.Find(DescriptionField).Change(new string('d', 256));

        list.WaitForAssertion(() => Assert.Contains("the description is 256 characters long; AWS allows 255",
            list.Find(".mud-input-control:has([data-testid=new-group-description])").TextContent), TimeSpan.FromSeconds(5));
        list.Find("[data-testid=add-group]").Click();
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }

    [Fact]
    public async Task A_rule_description_over_255_characters_is_refused_at_its_field_with_the_tables_sentence()
    {
        Render<MudSnackbarProvider>();
        Render<MudPopoverProvider>();
        var table = Render<RuleTable>(p => p.Add(t => t.GroupId, Db).Add(t => t.Direction, Direction.Inbound));
        var version = Session.Info!.Version;

        table.Find("[data-testid=add-rule]").Click();
        var id = table.FindAll("[data-testid=rule-row]")[^1].GetAttribute("data-rule-id");
        var row = $"tr:has([data-testid=rule-row][data-rule-id='{id}'])";
        table.Find($"{row} [data-testid=protocol] input, {row} input[data-testid=protocol]").Change("tcp");
        table.Find($"{row} [data-testid=ports] input, {row} input[data-testid=ports]").Change("443");
        table.Find($"{row} [data-testid=description] input, {row} input[data-testid=description]").Change(new string('r', 256));
        table.Find($"{row} [data-testid=peer] input, {row} input[data-testid=peer]").Change("10.0.1.0/24");
        table.Find($"{row} [data-testid=peer] input, {row} input[data-testid=peer]").Blur();

        table.WaitForAssertion(() => Assert.Contains("the description is 256 characters long; AWS allows 255", table.Find(row).TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
    }
}
