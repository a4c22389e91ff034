namespace SgDesigner.Web.Features.Drift;

/// <summary>Registration of the drift feature.</summary>
public static class DriftServices
{
    /// <summary>Adds <see cref="DriftComparisons"/> (stateless: one for the app).</summary>
    public static IServiceCollection AddDrift(this IServiceCollection services) => services.AddSingleton<DriftComparisons>();
}
