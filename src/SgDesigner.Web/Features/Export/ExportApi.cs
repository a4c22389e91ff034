using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Export;

/// <summary><c>/api/policies/{policyId}/export</c>: a revision as a Terraform JSON or policy document download.</summary>
public static class ExportApi
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapExportApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/policies/{policyId:guid}/export", ExportPolicy)
            .WithTags("Export").WithName("ExportPolicy")
            .WithSummary("A revision (default: the newest) as a download: format=terraform (style=rules|inline) or format=document")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem().RequirePolicyAccess(PolicyAction.View);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportPolicy(
        Guid policyId, string? format, string? style, int? revision, PolicyStore store, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = KindOf(format, style, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        var policy = await store.GetPolicyAsync(policyId, ct);
        if (!policy.IsOk)
            return policy.ToHttp(_ => TypedResults.File(Array.Empty<byte>()));
        var content = await store.GetRevisionAsync(policyId, revision, ct);
        return content.ToHttp(r =>
        {
            var file = PolicyExport.Write(policy.Value, r, kind);
            return TypedResults.File(file.Bytes, "application/json; charset=utf-8", file.FileName);
        });
    }

    private static ExportKind KindOf(string? format, string? style, RequestErrors errors)
    {
        switch (format?.ToLowerInvariant())
        {
            case null or "" or "terraform":
                switch (style?.ToLowerInvariant())
                {
                    case null or "" or "rules":
                        return ExportKind.TerraformRules;
                    case "inline":
                        return ExportKind.TerraformInline;
                    default:
                        errors.Add("style", $"'{style}' is not a Terraform style: use rules (one resource per rule) or inline");
                        return default;
                }
            case "document" or "policy":
                if (!string.IsNullOrEmpty(style))
                    errors.Add("style", "style applies to format=terraform only");
                return ExportKind.PolicyDocument;
            default:
                errors.Add("format", $"'{format}' is not an export format: use terraform or document");
                return default;
        }
    }
}
