using Microsoft.Extensions.DependencyInjection.Extensions;
using SgDesigner.Core.Editing;

namespace SgDesigner.Web.Features.Designer;

/// <summary>Registers the designer's per-circuit state and the service every draft edit goes through.</summary>
public static class DesignerServices
{
    /// <summary>
    /// Adds <see cref="DesignSession"/> and <see cref="CallerAddress"/>, one per circuit (scoped), <see cref="DraftEditor"/>
    /// with random ids and the server's <see cref="PreparedDrafts"/>.
    /// </summary>
    public static IServiceCollection AddDesigner(this IServiceCollection services)
    {
        services.TryAddSingleton(IdSource.Random);
        services.TryAddSingleton<DraftEditor>();
        services.TryAddSingleton<PreparedDrafts>();
        services.AddHttpContextAccessor();
        services.TryAddScoped<CallerAddress>();
        return services.AddScoped<DesignSession>();
    }
}
