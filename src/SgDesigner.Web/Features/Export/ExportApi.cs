using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Findings;
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
            .WithSummary("A revision (default: the newest) as a download: format=terraform (style=rules|inline, provider=true for a provider block) or format=document")
            .WithDescription("Terraform is validated first: an invalid revision is a 422 problem whose errors are keyed by path as an edit's are. " +
                "Notes about the file (groups written in rules style because they reference each other in a cycle, default groups) come in the " +
                NotesHeader + " header and the file's top-level \"//\" comment; " + RulesStyleGroupsHeader + " lists the groups in rules style.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem().RequirePolicyAccess(PolicyAction.View);

    /// <summary>Response header: one value per note about the Terraform file (also in its top-level "//" comment).</summary>
    public const string NotesHeader = "Sgd-Export-Notes";

    /// <summary>Response header: ids of the groups written in rules style because they reference each other in a cycle.</summary>
    public const string RulesStyleGroupsHeader = "Sgd-Rules-Style-Groups";

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportPolicy(
        Guid policyId, string? format, string? style, int? revision, bool? provider, PolicyStore store, FindingAcceptanceStore acceptances,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = KindOf(format, style, errors);
        if (provider == true && PolicyExport.StyleOf(kind) is null && !errors.Any)
            errors.Add("provider", "provider applies to format=terraform only");
        if (errors.Any)
            return ApiResults.Invalid(errors);
        var policy = await store.GetPolicyAsync(policyId, ct);
        if (!policy.IsOk)
            return policy.ToHttp(_ => TypedResults.File(Array.Empty<byte>()));
        var content = await store.GetRevisionAsync(policyId, revision, ct);
        if (!content.IsOk)
            return content.ToHttp(_ => TypedResults.File(Array.Empty<byte>()));
        var accepted = PolicyExport.StyleOf(kind) is null ? (await acceptances.ListAsync(policyId, ct)).Value?.Select(a => a.ToAccepted()).ToList() : null;
        var outcome = PolicyExport.Write(policy.Value, content.Value, kind, provider == true, accepted, clock.GetUtcNow().UtcDateTime);
        if (outcome.File is not { } file)
            return Unexportable(outcome.Errors);
        if (!file.Notes.IsEmpty)
            http.Response.Headers[NotesHeader] = new([.. file.Notes.Select(HeaderText)]);
        if (!file.RulesStyleGroups.IsEmpty)
            http.Response.Headers[RulesStyleGroupsHeader] = HeaderText(string.Join(", ", file.RulesStyleGroups));
        return TypedResults.File(file.Bytes, "application/json; charset=utf-8", file.FileName);
    }

    /// <summary>422: the request is fine, the revision is not exportable; errors keyed by path as an edit's are.</summary>
    private static ProblemHttpResult Unexportable(IEnumerable<Core.Model.ValidationError> errors)
    {
        var request = new RequestErrors();
        request.AddRange(errors);
        return TypedResults.Problem(new HttpValidationProblemDetails(request.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The revision cannot be exported",
            Detail = "Terraform would refuse it: fix these errors in a draft first. Nothing was written.",
        });
    }

    /// <summary>Header values are ASCII without control characters: anything else becomes '?'.</summary>
    private static string HeaderText(string text) =>
        new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);

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
                        errors.Add("style", $"{QuotedValue.Of(style)} is not a Terraform style: use rules (one resource per rule) or inline");
                        return default;
                }
            case "document" or "policy":
                if (!string.IsNullOrEmpty(style))
                    errors.Add("style", "style applies to format=terraform only");
                return ExportKind.PolicyDocument;
            default:
                errors.Add("format", $"{QuotedValue.Of(format)} is not an export format: use terraform or document");
                return default;
        }
    }
}
