using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Engine;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// <c>PUT /api/drafts/{draftId}/content</c>: replaces a draft's whole content with a policy document in one edit (one
/// version), as <c>sgd propose</c> does with a changed policy file. Checked as an import is; nothing is stored when it fails.
/// </summary>
public static class DraftContentApi
{
    private const string Words =
        "The body is a policy document (schemaVersion, name, estate …), the format sgd reads and the export's format=document writes. " +
        "It is read and checked as an import of a policy document is; a malformed document is a 400 naming its JSON path, content " +
        "the model refuses a 400 naming each place. Only the content (VPCs, subnets, groups, prefix lists, instances, interfaces, " +
        "quotas) replaces the draft's; the document's name, description and acceptedFindings are ignored (they belong to the policy). " +
        "One edit: the draft's version goes up by one, and only what differs is written. Needs the draft version in If-Match or " +
        "'version': without one the answer is 428, with a stale one 412.";

    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapDraftContentApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/drafts/{draftId:guid}/content").WithTags("Drafts").ProducesStoreProblems()
            .MapPut("/", ReplaceContent).WithName("ReplaceDraftContent")
            .WithSummary("Replace a draft's whole content with a policy document, in one edit")
            .WithDescription(Words)
            .RequirePolicyAccess(PolicyAction.Edit)
            .RequiresIfMatch()
            .Accepts<string>("application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The body is read as text (a document of any size up to the request limit), so describe it here.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "A policy document, as sgd pull writes it.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A policy document: schemaVersion, name, description and estate." },
                        },
                    },
                };
                return Task.CompletedTask;
            });

    private static async Task<Results<Ok<DraftInfo>, ProblemHttpResult, ValidationProblem>> ReplaceContent(
        Guid draftId, long? version,
        HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        if (!http.Request.HasJsonContentType())
            return UnsupportedBody(http.Request.ContentType);
        var read = PolicyDocumentJson.Read(await RequestText.ReadAsync(http.Request, http.RequestAborted));
        if (read.Document is not { } document)
        {
            errors.Add(read.Error?.Path is { Length: > 0 } path ? path : "$", read.Error?.Message ?? "not a policy document");
            // The version is still checked, so a request missing both hears of both.
            DraftVersion.Read(http.Request, version, errors);
            return ApiResults.Invalid(errors);
        }
        return await DraftEdits.Run(http, caller, draftId, version, errors, ContentEdits.Replace(document.Estate), TypedResults.Ok);
    }

    // The body is read as text, so the framework does not check its media type: say it as the framework's 415 would.
    private static ProblemHttpResult UnsupportedBody(string? contentType)
    {
        var message = $"this endpoint reads a policy document as JSON (application/json), not {(contentType is { Length: > 0 } type ? $"{QuotedValue.Of(type)}" : "a body without Content-Type")}";
        return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [message] })
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "Unsupported media type",
            Detail = message,
        });
    }
}
