namespace SgDesigner.Web.Features.Review;

/// <summary>Registers the change requests' live updates and impact analysis.</summary>
public static class ReviewServices
{
    /// <summary>Adds <see cref="ReviewEvents"/> and <see cref="RequestImpacts"/> (with its <see cref="ImpactLimits"/>), one of each per app.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services) =>
        services.AddSingleton<ReviewEvents>()
            .AddSingleton(sp => ImpactLimits.From(sp.GetService<IConfiguration>()))
            .AddSingleton<RequestImpacts>();
}
