using Bunit;
using MudBlazor;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Tests.Designer;

namespace SgDesigner.Web.Tests.Settings;

/// <summary>The designer's quotas form: AWS's bounds as inline errors with the table's sentences, nothing stored on bad input.</summary>
public sealed class QuotasEditorTests : DesignerTestContext
{
    private const string Rules = "[data-testid=quota-rules] input, input[data-testid=quota-rules]";
    private const string Groups = "[data-testid=quota-groups] input, input[data-testid=quota-groups]";

    private IRenderedComponent<QuotasEditor> RenderOpen()
    {
        Render<MudSnackbarProvider>();
        var editor = Render<QuotasEditor>();
        editor.Find("[data-testid=edit-quotas]").Click();
        return editor;
    }

    private static string FieldText(IRenderedComponent<QuotasEditor> editor, string testId) =>
        editor.Find($".mud-input-control:has([data-testid={testId}])").TextContent;

    public static TheoryData<string, string, string, string> OutOfBounds { get; } = new()
    {
        { "1001", "5", "quota-rules", "at most 1000 (AWS's most rules per group and direction)" },
        { "0", "5", "quota-rules", "must be at least 1" },
        { "60", "17", "quota-groups", "at most 16 (AWS's most security groups per network interface)" },
        { "100", "16", "quota-groups", "100 rules per direction × 16 groups per interface is 1600; AWS allows at most 1000" },
        { "sixty", "5", "quota-rules", "'sixty' is not a whole number" },
        { "60", "", "quota-groups", "a number is required" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public async Task Quotas_outside_AWSs_bounds_show_the_tables_sentence_at_the_field_and_store_nothing(string rules, string groups, string field, string message)
    {
        var editor = RenderOpen();
        var version = Session.Info!.Version;

        editor.Find(Rules).Change(rules);
        editor.Find(Groups).Change(groups);

        editor.WaitForAssertion(() => Assert.Contains(message, FieldText(editor, field)), TimeSpan.FromSeconds(5));
        Assert.True(editor.Find("[data-testid=save-quotas]").HasAttribute("disabled"));
        var stored = await StoredDraftAsync();
        Assert.Equal(version, stored.Info.Version);
        Assert.Equal((AwsLimits.DefaultRulesPerDirection, AwsLimits.DefaultGroupsPerEni), (stored.Estate.Quotas.RulesPerDirection, stored.Estate.Quotas.GroupsPerEni));
    }

    [Fact]
    public async Task Quotas_within_AWSs_bounds_are_stored_in_the_draft_and_shown()
    {
        var editor = RenderOpen();

        editor.Find(Rules).Change("200");
        editor.Find(Groups).Change("5");
        editor.Find("[data-testid=save-quotas]").Click();

        // Shown while the session holds its edit lock, so the read below waits for the store.
        editor.WaitForAssertion(() => Assert.Equal(200, Session.Estate.Quotas.RulesPerDirection), TimeSpan.FromSeconds(5));
        var stored = await StoredDraftAsync();
        Assert.Equal((200, 5), (stored.Estate.Quotas.RulesPerDirection, stored.Estate.Quotas.GroupsPerEni));
        editor.WaitForAssertion(() => Assert.Contains("200 rules per group and direction · 5 groups per network interface",
            editor.Find("[data-testid=quotas-summary]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Empty(editor.FindAll("[data-testid=quotas-editor]"));
    }
}
