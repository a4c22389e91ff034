using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Settings;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Tests.Review;

/// <summary>The impact of a request is computed once per draft version however many reviewers ask, and bounded in size.</summary>
public sealed class RequestImpactsTests : ReviewTestContext
{
    [Fact]
    public async Task EightReviewersOpeningTheRequestAtOnceShareOneAnalysis()
    {
        await OpenRequestAsync(asAuthor: false);
        var impacts = Services.GetRequiredService<RequestImpacts>();

        var views = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => impacts.OfDraftAsync(Request, Token)));

        Assert.All(views, v => Assert.True(v.IsOk, v.ToString()));
        Assert.All(views, v => Assert.Same(views[0].Value, v.Value));
        Assert.Equal(0, impacts.RunningCount);
    }

    [Fact]
    public async Task AnEstateAboveTheConfiguredSizeIsRefusedWithTheLimitNamed()
    {
        await OpenRequestAsync(asAuthor: false);
        var impacts = new RequestImpacts(Reviews, Store, Services.GetRequiredService<PolicySettingsStore>(), new ImpactLimits(MaxConcurrent: 1, MaxRules: 10),
            TimeProvider.System);

        var refused = await impacts.OfDraftAsync(Request, Token);

        Assert.False(refused.IsOk);
        Assert.Contains("limit of 10 (setting Review:Impact:MaxRules)", refused.Failure!.Message, StringComparison.Ordinal);
    }
}
