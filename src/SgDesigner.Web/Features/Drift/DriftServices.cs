namespace SgDesigner.Web.Features.Drift;

/// <summary>Registration of the drift feature.</summary>
public static class DriftServices
{
    /// <summary>Adds <see cref="DriftComparisons"/> (one for the app: it holds the lock that lets one adoption at a time pick its draft).</summary>
    public static IServiceCollection AddDrift(this IServiceCollection services) => services.AddSingleton<DriftComparisons>();
}
