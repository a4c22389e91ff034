using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Import;

/// <summary>
/// The import's multipart form, field by field, for the OpenAPI document: the endpoint reads the form itself (it names
/// a stray field or a bad part in its 400), so the framework only sees "a collection of files".
/// </summary>
public static class ImportFormDocumentation
{
    /// <summary>Replaces the generated request body with the form's fields.</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var perFile = (ImportReader.MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        var text = JsonSchemaType.String;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A multipart/form-data form: one or more `files`, and optionally `name`, `description` and `preview`. " +
                "Any other field is refused with 400 naming it.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "files" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["files"] = FilesPart("The files to read, each a file part named `files`: the JSON output of AWS CLI `describe-*` commands " +
                                "(security groups, instances, network interfaces, VPCs, subnets, managed prefix lists; any subset), " +
                                $"or one policy document as `sgd export` writes it. At most {perFile} MB per file; an empty file is refused."),
                            ["name"] = new OpenApiSchema
                            {
                                Type = text,
                                MinLength = 1,
                                MaxLength = AwsLimits.PolicyNameMaxLength,
                                Description = "The new policy's name, unique ignoring case; by default one suggested from the files (a policy document's own name, or the import's date).",
                            },
                            ["description"] = new OpenApiSchema
                            {
                                Type = text,
                                Description = "The new policy's description; by default the policy document's own, if any. Sent empty, the policy has none.",
                            },
                            ["preview"] = new OpenApiSchema
                            {
                                Type = text,
                                Enum = ["true", "false"],
                                Default = "false",
                                Description = "`true` reads the files and answers 200 with what would be stored (counts, findings, warnings) without storing anything.",
                            },
                        },
                    },
                    Encoding = FilesEncoding(),
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>The <c>files</c> field of a form of JSON files (the import's, a deployed snapshot's).</summary>
    internal static OpenApiSchema FilesPart(string description) => new()
    {
        Type = JsonSchemaType.Array,
        MinItems = 1,
        Description = description,
        Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "One file's content (JSON)." },
    };

    /// <summary>Each file part of <see cref="FilesPart"/> is JSON.</summary>
    internal static Dictionary<string, OpenApiEncoding> FilesEncoding() => new() { ["files"] = new() { ContentType = "application/json" } };
}
