using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SgDesigner.Web.Hosting.OpenApi;

namespace SgDesigner.Web.Features.Idempotency;

/// <summary>Marks an endpoint as honouring <c>Idempotency-Key</c>; read by the buffering middleware and the OpenAPI document.</summary>
public sealed record IdempotentEndpoint;

/// <summary><c>.WithIdempotency()</c> for the POSTs that create something, and the middleware that lets them fingerprint their body.</summary>
public static class IdempotencyEndpoints
{
    /// <summary>
    /// Honours an optional <c>Idempotency-Key</c> on the endpoint (see <see cref="IdempotencyFilter"/>) and documents the
    /// header and its 400, 409 and 422 answers. Add it after the access requirements, so they are checked first.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        builder.WithMetadata(new IdempotentEndpoint());
        builder.ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        builder.AddOpenApiOperationTransformer(DescribeAsync);
        return builder.AddEndpointFilter<RouteHandlerBuilder, IdempotencyFilter>();
    }

    /// <summary>
    /// Buffers the body of a request to an idempotent endpoint that sends a key, before the endpoint binds it, so that the
    /// filter can fingerprint the bytes that were sent. Any request without a key is untouched.
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Headers.ContainsKey(IdempotencyKey.Header) && http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not null)
                http.Request.EnableBuffering();
            return next(http);
        });

    private const string InProgress = "The first request with this `Idempotency-Key` is still running: retry later (`Retry-After`) to get its result. Or: ";
    private const string Misused = "The `Idempotency-Key` was already used for a different request (another endpoint, path, query or body), " +
        "was used by another of the caller's credentials (a session or another token), or its first result can no longer be decrypted. Nothing was stored; use a new key for a new request.";

    private static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKey.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = ApiParameterDescriptions.For(ParameterLocation.Header, IdempotencyKey.Header),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Data.Idempotency.IdempotencyStore.MaxKeyLength, Pattern = "^\"?[!-~]+\"?$" },
        });
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue(Status(409), out var conflict) && conflict is OpenApiResponse conflictResponse
            && !(conflictResponse.Description ?? "").StartsWith(InProgress, StringComparison.Ordinal))
            conflictResponse.Description = InProgress + (conflictResponse.Description is { Length: > 0 } d && d != "Conflict" ? d : "the write conflicts with the current state.");
        if (operation.Responses.TryGetValue(Status(422), out var misused) && misused is OpenApiResponse misusedResponse)
            misusedResponse.Description = Misused;
        return Task.CompletedTask;
    }

    private static string Status(int code) => code.ToString(CultureInfo.InvariantCulture);
}
