using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Tests.Features.Policies;

namespace SgDesigner.Web.Tests.Features.Import;

public sealed class ImportPageTests : PolicyPagesTestContext
{
    private IRenderedComponent<ImportPage> Upload(params InputFileContent[] files)
    {
        RenderProviders();
        var page = Render<ImportPage>();
        page.FindComponent<InputFile>().UploadFiles(files);
        return page;
    }

    private static InputFileContent[] SampleSet(string set) =>
        [.. AwsSampleFiles.Paths(set).Select(path => InputFileContent.CreateFromText(File.ReadAllText(path), Path.GetFileName(path)))];

    private static string CountOf(IRenderedComponent<ImportPage> page, string kind) =>
        page.Find($"[data-kind='{kind}']").TextContent.Trim();

    [Fact]
    public async Task Uploaded_aws_files_are_previewed_and_nothing_is_stored_yet()
    {
        var page = Upload(SampleSet("cloudmapper-demo"));

        page.WaitForElement("[data-testid=import-preview]", Patience);
        Assert.Equal("8", CountOf(page, "Security groups"));
        Assert.Equal("3", CountOf(page, "Instances"));
        Assert.NotEqual("0", page.Find("[data-testid=findings]").TextContent.Trim());
        Assert.NotEqual("0", page.Find("[data-testid=warning-count]").TextContent.Trim());
        Assert.Empty(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task Choosing_more_files_than_an_import_takes_says_how_many_instead_of_doing_nothing()
    {
        var page = Upload([.. Enumerable.Range(1, 21).Select(i => InputFileContent.CreateFromText("{\"SecurityGroups\": []}", $"sg{i}.json"))]);

        page.WaitForAssertion(() => Assert.Equal("files: 21 files chosen; at most 20 can be imported at once", page.Find("[data-testid=import-error]").TextContent.Trim()), Patience);
        Assert.Empty(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task Create_policy_stores_the_previewed_estate_as_revision_1_and_opens_it()
    {
        var page = Upload(SampleSet("batfish-test-nat-gateway"));
        page.WaitForElement(Field("import-name"), Patience).Input("nat gateway");
        var groups = int.Parse(CountOf(page, "Security groups"), System.Globalization.CultureInfo.InvariantCulture);

        page.Find("[data-testid=create-policy]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/policies/", navigation.Uri, StringComparison.Ordinal), Patience);
        var stored = Assert.Single(await StoredPoliciesAsync());
        Assert.Equal("nat gateway", stored.Name);
        var revision = (await Store.GetRevisionAsync(stored.Id, 1, Token)).Value;
        Assert.Equal(groups, revision.Estate.Groups.Length);
        Assert.Equal(3, revision.Estate.Instances.Length);
        Assert.EndsWith($"/policies/{stored.Id}", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_name_is_refused_at_the_name_field_and_nothing_more_is_stored()
    {
        await Store.CreatePolicyAsync("taken", null, null, "test", Token);
        var page = Upload(SampleSet("batfish-test-subnet"));
        page.WaitForElement(Field("import-name"), Patience).Input("TAKEN");

        page.Find("[data-testid=create-policy]").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find("[data-testid=import-preview] .mud-input-helper-text").TextContent, StringComparison.Ordinal), Patience);
        Assert.Single(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task Malformed_json_is_listed_with_its_file_and_place_and_offers_nothing_to_store()
    {
        var page = Upload(InputFileContent.CreateFromText("{\"SecurityGroups\": [", "SecurityGroups.json"));

        var error = page.WaitForElement("[data-testid=import-error]", Patience);
        Assert.StartsWith("SecurityGroups.json:$: not valid JSON", error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", page.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=create-policy]"));
        Assert.Empty(await StoredPoliciesAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit_in_the_message()
    {
        var huge = InputFileContent.CreateFromBinary(new byte[ImportReader.MaxFileBytes + 1], "huge.json");

        var page = Upload(huge);

        var error = page.WaitForElement("[data-testid=import-error]", Patience);
        Assert.Contains("huge.json:$: the file is 10.0 MB; the limit is 10 MB per file", error.TextContent, StringComparison.Ordinal);
        Assert.Empty(await StoredPoliciesAsync());
    }
}
