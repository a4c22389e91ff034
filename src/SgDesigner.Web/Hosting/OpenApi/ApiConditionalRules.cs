using Microsoft.OpenApi;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Hosting.OpenApi;

/// <summary>
/// How a conditional operation is documented: a write marked <see cref="ConditionalWrite"/> gets the <c>If-Match</c>
/// header, 428 and 412, and <c>ETag</c> on its success; a GET marked <see cref="ConditionalRead"/> gets
/// <c>If-None-Match</c>, 304, and <c>ETag</c> on its 200. Only those operations: nothing else answers these.
/// </summary>
public static class ApiConditionalRules
{
    /// <summary>The 412's description.</summary>
    public const string Failed = "The version this write names is stale: someone changed it since. `currentVersion` (and the `ETag` header) hold the " +
        "version now; reload, redo the change and send that. Nothing was stored.";

    /// <summary>The 428's description for a write.</summary>
    public static string Required(ConditionalWrite write) =>
        $"The write names no version: send {write.Source} as `If-Match`, or as `version`. `errors.If-Match` says so. Nothing was stored.";

    /// <summary>Adds <c>If-Match</c> and the <c>ETag</c> of the success.</summary>
    public static void DescribeWrite(OpenApiOperation operation, ConditionalWrite write)
    {
        AddHeader(operation, "If-Match");
        foreach (var (status, response) in operation.Responses ?? [])
            if (status.StartsWith('2') || status == "412")
                AddETag(response, status == "412" ? "The version now, to reload." : $"The new version (for the next write; the same value as {write.Source} gives).");
    }

    /// <summary>Adds <c>If-None-Match</c>, the 304 and the <c>ETag</c> of the 200.</summary>
    public static void DescribeRead(OpenApiOperation operation)
    {
        AddHeader(operation, "If-None-Match");
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("200", out var ok))
            AddETag(ok, "The version of what the body holds: send it as `If-None-Match` to revalidate, or as `If-Match` with a write.");
        var notModified = new OpenApiResponse { Description = "Not modified: `If-None-Match` names the current version; there is no body." };
        AddETag(notModified, "The current version (the one `If-None-Match` named).");
        operation.Responses["304"] = notModified;
    }

    private static void AddHeader(OpenApiOperation operation, string name)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.In == ParameterLocation.Header))
            return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = ApiParameterDescriptions.For(ParameterLocation.Header, name),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void AddETag(IOpenApiResponse response, string description)
    {
        if (response is not OpenApiResponse concrete)
            return;
        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
        concrete.Headers["ETag"] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
    }
}
