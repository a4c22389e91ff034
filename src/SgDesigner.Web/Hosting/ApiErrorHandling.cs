using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SgDesigner.Web.Hosting;

/// <summary>Makes every error under <c>/api</c> an RFC 7807 problem document, and bounds request bodies.</summary>
public static class ApiErrorHandling
{
    /// <summary>The largest request body the API accepts: a whole policy of 20,000 rules fits comfortably.</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Problem details; a request the framework cannot bind (bad JSON, a value of the wrong type) is thrown so that
    /// <see cref="BadRequestProblems"/> answers it with the field and what was expected; enums as camelCase text only (a number would pass an undefined value on to the database); numbers as JSON numbers only.
    /// </summary>
    public static IServiceCollection AddApiErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = NameTheBody);
        services.AddExceptionHandler<BadRequestProblems>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // The web defaults read "22" as 22; a number sent as text is a caller's bug, refused at its field like any wrong type
            // (and the OpenAPI document then types integers as integer, not integer | string).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services;
    }

    /// <summary>
    /// For <c>/api</c> requests: exceptions and bodiless error statuses become problem documents, and an
    /// oversized body is refused with 413 before it is read. Pages keep the Blazor error and not-found pages.
    /// </summary>
    public static WebApplication UseApiErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
            api.Use(RefuseOversizedBodies);
        });
        app.UseWhen(ctx => !IsApi(ctx), pages =>
        {
            if (!app.Environment.IsDevelopment())
                pages.UseExceptionHandler("/Error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        return app;
    }

    // A body of a media type the endpoint does not read is answered 415 by the framework with no word on what is wrong:
    // say it at "body", where every other refused body is named.
    private static void NameTheBody(ProblemDetailsContext context)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails.Extensions.ContainsKey("errors"))
            return;
        var sent = context.HttpContext.Request.ContentType is { Length: > 0 } type ? $"'{type}'" : "no Content-Type";
        var message = $"this endpoint does not read a body of {sent}: send JSON (application/json), or multipart/form-data to the import";
        context.ProblemDetails.Detail ??= message;
        context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [message] };
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static async Task RefuseOversizedBodies(HttpContext context, RequestDelegate next)
    {
        // A declared length is refused up front, leaving Kestrel's own (larger) limit in place so that it
        // drains the unread body and the client gets the answer rather than a reset.
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            await TooLarge(context, $"The request body is {context.Request.ContentLength} bytes; the limit is {MaxRequestBodyBytes} bytes (10 MB).");
            return;
        }
        // A chunked body has no declared length: buffer it (to disk past 64 KB) up to the limit before the
        // endpoint reads it, because minimal APIs report a body that breaks off while being read as a plain 400.
        if (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0)
        {
            context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxRequestBodyBytes);
            try
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (IOException)
            {
                await TooLarge(context, $"The request body exceeds the limit of {MaxRequestBodyBytes} bytes (10 MB).");
                return;
            }
            context.Request.Body.Position = 0;
        }
        await next(context);
    }

    // With "errors" like every other refused body, so a client reads the field from one place.
    private static Task TooLarge(HttpContext context, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: detail,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [detail] } })
            .ExecuteAsync(context);
}
