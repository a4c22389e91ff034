using System.Collections.Immutable;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using TestContext = Xunit.TestContext;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// The group editor's tags: committed when a field is left (or Enter pressed), never while typing, through the session like
/// the group's other fields; a tag AWS refuses shows the table's sentence at its field and nothing is stored.
/// </summary>
public sealed class GroupTagsTests : DesignerTestContext
{
    private const string NewKey = "[data-testid=new-tag-key] input, input[data-testid=new-tag-key]";
    private const string NewValue = "[data-testid=new-tag-value] input, input[data-testid=new-tag-value]";

    private IRenderedComponent<GroupTags> RenderTags() => Render<GroupTags>(p => p.Add(t => t.GroupId, Web));

    private static string Row(string key) => $"[data-testid=tag-row][data-tag-key='{key}']";

    // Key presses only: the field has no input handler, so nothing reaches the component before the field is left.
    private static void TypeKeyByKey(AngleSharp.Dom.IElement field, string text)
    {
        foreach (var c in text)
        {
            field.KeyDown(new KeyboardEventArgs { Key = c.ToString() });
            field.KeyUp(new KeyboardEventArgs { Key = c.ToString() });
        }
    }

    private async Task<long> StoredVersionAsync() => (await StoredDraftAsync()).Info.Version;

    private async Task<IReadOnlyDictionary<string, string>> StoredTagsAsync() => (await StoredDraftAsync()).Estate.FindGroup(Web)!.Tags;

    // The session shows an edit while it holds its edit lock: once the edit shows, StoredDraftAsync waits for it to be stored
    // (an event dispatched while the renderer is busy runs a little later than the call that sent it).
    private async Task<IReadOnlyDictionary<string, string>> StoredTagsOnceShownAsync(IRenderedComponent<GroupTags> tags, Func<IReadOnlyDictionary<string, string>, bool> shown)
    {
        tags.WaitForAssertion(() => Assert.True(shown(Session.Estate.FindGroup(Web)!.Tags)), TimeSpan.FromSeconds(5));
        return await StoredTagsAsync();
    }

    [Fact]
    public async Task A_tag_typed_key_by_key_is_stored_only_when_its_field_is_left_and_can_be_changed_renamed_and_removed()
    {
        var tags = RenderTags();
        var version = Session.Info!.Version;

        TypeKeyByKey(tags.Find(NewKey), "env");
        TypeKeyByKey(tags.Find(NewValue), "test");
        Assert.Equal(version, await StoredVersionAsync());

        tags.Find(NewKey).Change("env");
        tags.Find(NewValue).Change("test");
        Assert.Equal(new Dictionary<string, string> { ["env"] = "test" }, await StoredTagsOnceShownAsync(tags, t => t.ContainsKey("env")));
        tags.WaitForAssertion(() => Assert.Single(tags.FindAll(Row("env"))), TimeSpan.FromSeconds(5));
        tags.Find(NewKey).Change("team");
        tags.Find(NewValue).Change("shop");
        Assert.Equal("shop", (await StoredTagsOnceShownAsync(tags, t => t.ContainsKey("team")))["team"]);
        tags.WaitForElement($"{Row("team")} [data-testid=remove-tag]").Click();
        Assert.False((await StoredTagsOnceShownAsync(tags, t => !t.ContainsKey("team"))).ContainsKey("team"));

        var value = $"{Row("env")} [data-testid=tag-value] input, {Row("env")} input[data-testid=tag-value]";
        tags.WaitForElement(value);
        var stored = await StoredVersionAsync();
        TypeKeyByKey(tags.Find(value), "prod");
        Assert.Equal(stored, await StoredVersionAsync());
        tags.Find(value).Change("prod");
        Assert.Equal("prod", (await StoredTagsOnceShownAsync(tags, t => t.GetValueOrDefault("env") == "prod"))["env"]);

        var key = $"{Row("env")} [data-testid=tag-key] input, {Row("env")} input[data-testid=tag-key]";
        TypeKeyByKey(tags.Find(key), "stage");
        tags.Find(key).Change("stage");
        Assert.Equal(new Dictionary<string, string> { ["stage"] = "prod" }, await StoredTagsOnceShownAsync(tags, t => t.ContainsKey("stage")));

        tags.WaitForElement($"{Row("stage")} [data-testid=remove-tag]").Click();
        Assert.Empty(await StoredTagsOnceShownAsync(tags, t => t.Count == 0));
    }

    public static TheoryData<string, string, string, string> Refused { get; } = new()
    {
        { "aws:owner", "x", "new-tag-key", "the tag key 'aws:owner' starts with 'aws:', which AWS reserves for its own tags" },
        { new string('k', 129), "x", "new-tag-key", "the tag key is 129 characters long; AWS allows 128" },
        { "team", new string('v', 257), "new-tag-value", "the value of tag 'team' is 257 characters long; AWS allows 256" },
        { "te\u0007am", "x", "new-tag-key", "the tag key contains the control character U+0007 at position 3; control characters other than tab and line breaks are not allowed" },
        { "team", "a\u0000b", "new-tag-value", "the value of tag 'team' contains the control character U+0000 at position 2; control characters other than tab and line breaks are not allowed" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_tag_AWS_refuses_shows_the_tables_sentence_at_its_field_and_stores_nothing(string key, string value, string field, string message)
    {
        var tags = RenderTags();
        var version = Session.Info!.Version;

        tags.Find(NewKey).Change(key);
        tags.Find(NewValue).Change(value);

        tags.WaitForAssertion(() => Assert.Contains(message, tags.Find($".mud-input-control:has([data-testid={field}])").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(AwsLimits.TagProblem(key, value), message);
        Assert.Equal(version, await StoredVersionAsync());
    }

    [Fact]
    public async Task The_51st_tag_is_refused_with_AWSs_limit()
    {
        var group = Session.Estate.FindGroup(Web)!;
        var fifty = Enumerable.Range(1, AwsLimits.MaxTagsPerResource).ToImmutableSortedDictionary(i => $"k{i}", _ => "v", StringComparer.Ordinal);
        Assert.Null(await Session.EditAsync(GroupEdits.Change(Web, group.Name, group.Description, group.VpcId, fifty), TestContext.Current.CancellationToken));
        var tags = RenderTags();
        var version = Session.Info!.Version;

        tags.Find(NewKey).Change("one-more");
        tags.Find(NewValue).Change("v");

        tags.WaitForAssertion(() => Assert.Contains("51 tags exceed AWS's limit of 50 per resource",
            tags.Find(".mud-input-control:has([data-testid=new-tag-key])").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(version, await StoredVersionAsync());
    }
}
