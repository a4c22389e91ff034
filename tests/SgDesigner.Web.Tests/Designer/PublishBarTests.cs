using Bunit;
using SgDesigner.Web.Features.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

public sealed class PublishBarTests : DesignerTestContext
{
    [Fact]
    public async Task Publishing_with_a_message_makes_the_next_revision_and_closes_the_draft()
    {
        var bar = Render<PublishBar>();

        bar.Find("input[data-testid=publish-message], [data-testid=publish-message] input").Change("web may reach db");
        bar.Find("[data-testid=publish]").Click();

        bar.WaitForAssertion(() => Assert.Contains("Published as revision 2", bar.Find("[data-testid=published]").TextContent), TimeSpan.FromSeconds(5));
        Assert.False(Session.CanEdit);
        var revisions = await Store.ListRevisionsAsync(Session.Info!.PolicyId, TestContext.Current.CancellationToken);
        Assert.Contains(revisions.Value, r => r.Number == 2 && r.Message == "web may reach db");
    }

    [Fact]
    public void Publishing_without_a_message_is_refused_with_the_reason()
    {
        var bar = Render<PublishBar>();

        bar.Find("[data-testid=publish]").Click();

        bar.WaitForAssertion(() => Assert.Contains("needs a message", bar.Markup), TimeSpan.FromSeconds(5));
        Assert.True(Session.CanEdit);
    }
}
