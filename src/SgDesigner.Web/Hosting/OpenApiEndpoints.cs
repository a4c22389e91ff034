using Scalar.AspNetCore;

namespace SgDesigner.Web.Hosting;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and a browsable reference for it (<c>/scalar</c>).</summary>
public static class OpenApiEndpoints
{
    /// <summary>Registers the document generator.</summary>
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SgDesigner API";
            document.Info.Description = "Design AWS security-group policy: policies, revisions, drafts and their content.";
            return Task.CompletedTask;
        }));
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
