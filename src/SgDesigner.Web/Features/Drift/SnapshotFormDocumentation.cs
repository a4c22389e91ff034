using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SgDesigner.Web.Features.Import;

namespace SgDesigner.Web.Features.Drift;

/// <summary>
/// The snapshot upload's two bodies for the OpenAPI document: a multipart form (files and kind) or one JSON file. The
/// endpoint reads either itself (naming a stray field or a bad part in its 400), so the framework sees neither.
/// </summary>
public static class SnapshotFormDocumentation
{
    /// <summary>Replaces the generated request body with the form's fields and the JSON alternative.</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var perFile = (ImportReader.MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A multipart/form-data form (one or more `files`, optionally `kind`), or one file as the JSON body " +
                "(with optional `?kind=` and `?fileName=`).",
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
                            ["files"] = ImportFormDocumentation.FilesPart("The snapshot's files, each a file part named `files`: AWS CLI `describe-*` output (any subset, read " +
                                $"together) or one Terraform state (`terraform show -json`). At most {perFile} MB per file; an empty file is refused."),
                            ["kind"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Enum = ["aws-cli", "terraform-state"],
                                Description = "What printed the files; told from the content when left out.",
                            },
                        },
                    },
                    Encoding = ImportFormDocumentation.FilesEncoding(),
                },
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = $"One file: AWS CLI `describe-*` output or a Terraform state, at most {perFile} MB.",
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
