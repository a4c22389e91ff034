using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Hosting;

/// <summary>Makes every error under <c>/api</c> an RFC 7807 problem document, and bounds request bodies.</summary>
public static class ApiErrorHandling
{
    /// <summary>The largest request body the API accepts: a whole policy of 20,000 rules fits comfortably.</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Problem details; a request the framework cannot bind (bad JSON, a value of the wrong type) is thrown so that
    /// <see cref="BadRequestProblems"/> answers it with the field and what was expected; enums as camelCase text only (a number would pass an undefined value on to the database); numbers as JSON numbers only; a property given twice is refused.
    /// </summary>
    public static IServiceCollection AddApiErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            NameTheBody(context);
            Preconditions.TagFailure(context);
        });
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddExceptionHandler<ErrorPageAsGet>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // The web defaults read "22" as 22; a number sent as text is a caller's bug, refused at its field like any wrong type
            // (and the OpenAPI document then types integers as integer, not integer | string).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // {"cidr": "10.0.0.0/8", "cidr": "0.0.0.0/0"} would store the last one silently: what a reviewer reads first
            // is not what is stored. Refused at the property instead.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    /// <summary>
    /// For <c>/api</c> requests: exceptions and bodiless error statuses become problem documents, and an
    /// oversized body is refused with 413 before it is read. Pages get the app's not-found page (in its layout, status
    /// kept) for a bodiless error status, and outside Development the error page (status 500) for an exception.
    /// </summary>
    public static WebApplication UseApiErrorHandling(this WebApplication app)
    {
        // Outside the branches: re-executing from inside a UseWhen branch never routed again, so a page's 404 went out
        // with an empty body. The API turns it off for its own requests (below), which keep their problem documents.
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        // Outside the branches too, for the same reason: in a branch every page exception, GET or POST, ended as an empty
        // 500. An API request's exception never reaches it: the API's own handler (below, nearer the endpoint) answers first.
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(ErrorPageAsGet.ErrorPath, createScopeForErrors: true);
        app.UseWhen(IsApi, api =>
        {
            api.Use(KeepProblemDocuments);
            api.Use(PrivateToTheCaller);
            api.UseExceptionHandler();
            api.UseStatusCodePages();
            api.Use(RefuseOversizedBodies);
        });
        return app;
    }

    // A body of a media type the endpoint does not read is answered 415 by the framework with no word on what is wrong:
    // say it at "body", where every other refused body is named.
    private static void NameTheBody(ProblemDetailsContext context)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails.Extensions.ContainsKey("errors"))
            return;
        var sent = context.HttpContext.Request.ContentType is { Length: > 0 } type ? $"{QuotedValue.Of(type)}" : "no Content-Type";
        var message = $"this endpoint does not read a body of {sent}: send JSON (application/json), or multipart/form-data to the import";
        context.ProblemDetails.Detail ??= message;
        context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [message] };
    }

    /// <summary>The app's not-found page, shown in its layout for an unknown address.</summary>
    public const string NotFoundPath = "/not-found";

    /// <summary>
    /// An address that matches no page or endpoint answers 404 with the not-found page, signed in or not: without this
    /// the fallback policy (signed-in users only) would send a signed-out visitor to sign in for a page that does not exist.
    /// Call after authentication and before authorization.
    /// </summary>
    public static WebApplication UseNotFoundForUnknownPages(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not null || IsApi(context))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    // Drafts, revisions and requests are one caller's view (their access decides what they see): no shared cache may keep
    // an answer, and the caller's own revalidates with If-None-Match. An endpoint that knows better may set its own.
    private static Task PrivateToTheCaller(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.CacheControl = Preconditions.CacheControl;
        return next(context);
    }

    // The pages' re-execute runs outside the API branch: switch it off so that an API error keeps its problem document.
    private static Task KeepProblemDocuments(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            pages.Enabled = false;
        return next(context);
    }

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
        // A JSON body stays readable after the endpoint has read it, so that a value of the wrong type can be named
        // in the answer ("expected a JSON array, got a string"): see BadRequestProblems.
        else if (context.Request.HasJsonContentType())
        {
            context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxRequestBodyBytes);
        }
        await next(context);
    }

    // With "errors" like every other refused body, so a client reads the field from one place.
    private static Task TooLarge(HttpContext context, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: detail,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [detail] } })
            .ExecuteAsync(context);
}
