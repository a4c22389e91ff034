using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Review;

/// <summary>The designer's publish bar offers an editor to propose the draft as a change request, then links to it.</summary>
public sealed class DraftRequestLinkTests : ReviewTestContext
{
    private static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    private async Task<IRenderedComponent<PublishBar>> RenderBarAsync()
    {
        Assert.Null(await Services.GetRequiredService<DesignSession>().LoadAsync(Draft.Id, Token));
        return Render<PublishBar>();
    }

    [Fact]
    public async Task An_editor_opens_a_change_request_from_the_designer_and_the_bar_links_to_it()
    {
        await OpenRequestAsync(asAuthor: true, open: false);
        var dialogs = Render<MudDialogProvider>();
        var bar = await RenderBarAsync();

        bar.WaitForElement("[data-testid=open-request]", Patience).Click();
        dialogs.WaitForElement(Field("request-title-input"), Patience).Input("Let the on-call in");
        dialogs.Find(Field("request-description-input")).Input("ssh for the incident");
        dialogs.Find("[data-testid=submit-request]").Click();

        bar.WaitForAssertion(() => Assert.Contains("Change request #1", bar.Find("[data-testid=change-request-link]").TextContent, StringComparison.Ordinal), Patience);
        var request = Assert.Single((await Reviews.ListAsync(Draft.PolicyId, ct: Token)).Value);
        Assert.Equal(("Let the on-call in", "ssh for the incident", Draft.Id, Author.UserId), (request.Title, request.Description, request.DraftId, (Guid?)request.AuthorUserId));
        Assert.Equal($"/requests/{request.Id}", bar.Find("[data-testid=change-request-link]").GetAttribute("href"));
        Assert.Empty(bar.FindAll("[data-testid=open-request]"));
        Assert.Empty(bar.FindAll("[data-testid=publish]"));
    }

    [Fact]
    public async Task A_draft_already_proposed_shows_its_request_instead_of_the_button()
    {
        await OpenRequestAsync(asAuthor: true);

        var bar = await RenderBarAsync();

        bar.WaitForAssertion(() => Assert.Contains($"#{Request.Number}", bar.Find("[data-testid=change-request-link]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(bar.FindAll("[data-testid=open-request]"));
    }
}
