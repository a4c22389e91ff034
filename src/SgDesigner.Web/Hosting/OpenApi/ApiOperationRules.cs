using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Hosting.OpenApi;

/// <summary>
/// What every <c>/api</c> operation gets from its endpoint's metadata, so that a new endpoint is documented without
/// repeating it: the security requirement (unless it allows anonymous callers), the problem responses each kind of
/// endpoint can give (401/403 when authorization applies, 404 for a route that names something, 400/413/415 for a
/// body, 409 for a write, 429 where a rate limit applies), a description, and descriptions of the usual parameters.
/// </summary>
public static class ApiOperationRules
{
    private const string ProblemJson = "application/problem+json";
    private const string Invalid = "The request is invalid: `errors` names each field (a body path such as `groups[sg-1].rules[2].cidr`, or a parameter) and what is wrong with it. Nothing was stored.";
    private const string Missing = "Something the path names does not exist, or the caller may not see it.";
    private const string Conflict = "The write conflicts with the current state: the draft or request is no longer open, the draft is under review, it must be rebased first, or a name is already taken. Nothing was stored. (A stale version is a 412 where the operation takes one.)";

    /// <summary>Applies the rules to one operation.</summary>
    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var api = context.Description;
        var path = "/" + (api.RelativePath ?? "").Trim('/');
        if (!path.StartsWith(AccessTokenAuthentication.ApiPath, StringComparison.OrdinalIgnoreCase) || context.Document is not { } document)
            return;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var method = api.HttpMethod ?? HttpMethods.Get;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var access = metadata.OfType<PolicyAccessRequirement>().FirstOrDefault();
        var writes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var body = operation.RequestBody is not null || api.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form);
        var namesSomething = api.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);

        operation.Security = anonymous ? [] :
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentRules.CookieScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentRules.BearerScheme, document)] = [] },
        ];

        var problem = await SchemaAsync(typeof(ProblemDetails), context, ct);
        var validation = await SchemaAsync(typeof(HttpValidationProblemDetails), context, ct);
        operation.Responses ??= [];
        if (body || operation.Parameters is { Count: > 0 })
            Document(operation, 400, validation, Invalid);
        if (!anonymous)
        {
            Document(operation, 401, problem, "No valid session or access token: sign in, or send a personal access token as `Authorization: Bearer sgd_pat_…` (a revoked or expired token is refused here too).");
            Document(operation, 403, problem, Forbidden(access, writes));
        }
        if (namesSomething)
            Document(operation, 404, problem, Missing);
        if (writes)
            Document(operation, 409, problem, Conflict);
        if (body)
        {
            Document(operation, 413, problem, string.Create(CultureInfo.InvariantCulture,
                $"The request body is larger than {ApiErrorHandling.MaxRequestBodyBytes / (1024 * 1024)} MB. Nothing was read."));
            Document(operation, 415, validation, "The body is not of a media type this operation reads (JSON, or multipart/form-data for the import); `errors.body` says which.");
        }
        if (RateLimits.AppliesTo(Probe(method, path)))
            DocumentTooMany(operation, problem);
        if (metadata.OfType<ConditionalWrite>().FirstOrDefault() is { } conditionalWrite)
        {
            Document(operation, 428, problem, ApiConditionalRules.Required(conditionalWrite));
            Document(operation, 412, problem, ApiConditionalRules.Failed);
            ApiConditionalRules.DescribeWrite(operation, conditionalWrite);
        }
        if (metadata.OfType<ConditionalRead>().Any())
            ApiConditionalRules.DescribeRead(operation);

        DescribeSuccess(operation, writes);
        // Problems a feature declares for a whole group (its store's 400, 404, 409) where the rules above add none.
        foreach (var (status, text) in new[] { (400, Invalid), (404, Missing), (409, Conflict) })
            if (operation.Responses.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var declared) && declared is OpenApiResponse response
                && response.Description == ReasonPhrase(status))
                response.Description = text;
        operation.Description = string.IsNullOrWhiteSpace(operation.Description)
            ? Describe(operation.Summary, access, metadata, anonymous)
            : operation.Description;
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (string.IsNullOrWhiteSpace(parameter.Description) && ApiParameterDescriptions.For(parameter.In, parameter.Name) is { } text)
                parameter.Description = text;
        if (metadata.OfType<ListOrder>().FirstOrDefault() is { } order)
            ApiPagingRules.Apply(operation, order);
    }

    // The framework names a success by its reason phrase alone ("OK"); say what the body is.
    private static void DescribeSuccess(OpenApiOperation operation, bool writes)
    {
        foreach (var (status, text) in new[]
        {
            (200, writes ? "Done; the body is the result." : "Found; the body is what was asked for."),
            (201, "Created; the body describes what was created (and `Location` its address, where it has one)."),
            (204, "Done; there is no body."),
        })
        {
            if (operation.Responses!.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var declared) && declared is OpenApiResponse response
                && (string.IsNullOrWhiteSpace(response.Description) || response.Description == ReasonPhrase(status)))
                response.Description = text;
        }
    }

    // A request shaped like the operation's, to ask the rate limiter's own matchers whether it is limited.
    private static HttpRequest Probe(string method, string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        return http.Request;
    }

    private static string Forbidden(PolicyAccessRequirement? access, bool writes)
    {
        var role = access is null ? "" : $"This needs the {PolicyAccess.LeastRole(access.Action).ToString().ToLowerInvariant()} role (or higher) on the policy. ";
        var token = writes ? "A read-scoped access token may not write; a token bound to one policy works on that policy only." : "A token bound to one policy works on that policy only.";
        return $"Signed in, but not allowed to do this. {role}{token} `detail` says what is missing.";
    }

    private static string Describe(string? summary, PolicyAccessRequirement? access, IList<object> metadata, bool anonymous)
    {
        var what = string.IsNullOrWhiteSpace(summary) ? "" : summary.Trim().TrimEnd('.') + ". ";
        var who = anonymous ? "Anyone may call this, signed in or not."
            : access is not null ? $"Needs the {PolicyAccess.LeastRole(access.Action).ToString().ToLowerInvariant()} role (or higher) on the policy the path names; an access token can narrow that further."
            : metadata.OfType<SignedInOnly>().Any() ? "Any signed-in caller may call this; what it shows or changes is limited to the policies the caller may see."
            : "Needs a signed-in caller.";
        return what + who;
    }

    private static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
        context.Document!.AddComponent(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, context.Document);
    }

    // Adds the problem response, or gives a declared one (with the framework's bare reason phrase) the specific text.
    internal static void Document(OpenApiOperation operation, int status, IOpenApiSchema schema, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var declared) && declared is OpenApiResponse response)
        {
            if (string.IsNullOrWhiteSpace(response.Description) || response.Description == ReasonPhrase(status))
                response.Description = description;
            return;
        }
        if (declared is not null)
            return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
    }

    private static void DocumentTooMany(OpenApiOperation operation, IOpenApiSchema schema)
    {
        Document(operation, 429, schema, "Too many of these requests from this caller (per user, or per address when signed out) in the last minute. Nothing was done.");
        if (operation.Responses!["429"] is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
