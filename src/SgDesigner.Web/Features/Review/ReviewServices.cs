namespace SgDesigner.Web.Features.Review;

/// <summary>Registers the change requests' actions, live updates and impact analysis.</summary>
public static class ReviewServices
{
    /// <summary>
    /// Adds <see cref="ReviewEvents"/>, <see cref="ReviewActions"/>, <see cref="RequestImpacts"/> and
    /// <see cref="RevisionComparisons"/> (with their <see cref="ImpactLimits"/>), one of each per app.
    /// </summary>
    public static IServiceCollection AddReview(this IServiceCollection services) =>
        services.AddSingleton<ReviewEvents>()
            .AddSingleton<ReviewActions>()
            .AddSingleton(sp => ImpactLimits.From(sp.GetService<IConfiguration>()))
            .AddSingleton<RequestImpacts>()
            .AddSingleton<RevisionComparisons>()
            .AddReviewEventRelay();

    // Registered whatever the storage; it decides at start whether it runs, as the storage is known only then.
    private static IServiceCollection AddReviewEventRelay(this IServiceCollection services) =>
        services.AddSingleton<ReviewEventRelay>()
            .AddHostedService(sp => sp.GetRequiredService<ReviewEventRelay>());
}
