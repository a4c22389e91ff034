namespace SgDesigner.Web.Features.Designer;

/// <summary>Registers the designer's per-circuit state.</summary>
public static class DesignerServices
{
    /// <summary>Adds <see cref="DesignSession"/>, one per circuit (scoped).</summary>
    public static IServiceCollection AddDesigner(this IServiceCollection services) => services.AddScoped<DesignSession>();
}
