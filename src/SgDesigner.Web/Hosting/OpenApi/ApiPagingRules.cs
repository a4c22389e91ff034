using System.Globalization;
using Microsoft.OpenApi;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Hosting.OpenApi;

/// <summary>
/// What a list that pages (<see cref="PagedEndpoints.Paged"/>) shows in the OpenAPI document: <c>limit</c> as an integer
/// with its bounds and default (the handler reads it as text, to answer a bad one with a 400 naming it), <c>cursor</c> as
/// an opaque string, the list's stable order in its description, and the <c>Link</c> header of the 200.
/// </summary>
public static class ApiPagingRules
{
    /// <summary>Applies the rules to one paged operation.</summary>
    public static void Apply(OpenApiOperation operation, ListOrder order)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "limit")
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                    Maximum = PagedList.MaxLimit.ToString(CultureInfo.InvariantCulture), Default = PagedList.DefaultLimit,
                };
            }
            else if (parameter.Name == "cursor")
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1024 };
            }
        }
        operation.Description = $"{operation.Description?.TrimEnd()} Pages: `limit` items at a time, and `next` (or the `Link` header) " +
            $"continues. The order is stable: {order.Order}. Rows added or removed between pages never repeat or hide the rows that stay.";
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Link"] = new OpenApiHeader
            {
                Description = "`<url>; rel=\"next\"`: the next page (this request with `cursor` set), when there is one.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}
