using Scalar.AspNetCore;
using SgDesigner.Web.Hosting.OpenApi;

namespace SgDesigner.Web.Hosting;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and a browsable reference for it (<c>/scalar</c>).</summary>
public static class OpenApiEndpoints
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// Registers the document generator. The descriptions of bodies, properties and handler parameters come from the
    /// <c>///</c> comments (the OpenAPI source generator reads them); the rest is added centrally from endpoint metadata
    /// (<see cref="ApiOperationRules"/>), the limits table (<see cref="ApiSchemaRules"/>) and <see cref="ApiDocumentRules"/>.
    /// </summary>
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer(ApiSchemaRules.ApplyAsync);
            options.AddOperationTransformer(ApiOperationRules.ApplyAsync);
            options.AddDocumentTransformer(ApiDocumentRules.ApplyAsync);
        });
        return services;
    }

    /// <summary>Maps the document at the framework's default route and Scalar's UI at <c>/scalar</c>.</summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("SgDesigner API")).AllowAnonymous();
        return app;
    }
}
