using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Import;

/// <summary>
/// <c>POST /api/policies/import</c>: the Import page for scripts. A multipart form with one or more
/// <c>files</c> (AWS CLI <c>describe-*</c> output, or one policy document) and optional <c>name</c>,
/// <c>description</c>; <c>preview=true</c> reports what would be stored without storing it.
/// </summary>
public static class ImportApi
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapImportApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/policies/import", ImportPolicy)
            .WithTags("Import").WithName("ImportPolicy")
            .WithSummary("Create a policy from uploaded AWS CLI output or a policy document (multipart/form-data)")
            // Scripts post files with an access token and no antiforgery token; the session cookie is SameSite=Lax, so
            // another site's form cannot post here as a signed-in user.
            .DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data").AddOpenApiOperationTransformer(ImportFormDocumentation.DescribeAsync)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).RequireSignedIn().WithIdempotency();

    private static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> ImportPolicy(
        HttpRequest request, Caller caller, PolicyEditor editor, TimeProvider clock, CancellationToken ct)
    {
        // Even a preview is refused: a token that may not create the policy has no business preparing it.
        if (CallerLimits.AccountWide(caller, "importing policies", writes: true) is { } refused)
            return refused;
        if (!request.HasFormContentType)
            return ApiResults.Invalid([new ValidationError("files", "send the files as multipart/form-data")]);
        var (form, unreadable) = await ReadFormAsync(request, ct);
        if (unreadable is not null)
            return ApiResults.Invalid([unreadable]);
        if (form!.Keys.FirstOrDefault(k => !FormFields.Contains(k)) is { } stray)
            return ApiResults.Invalid([new ValidationError(stray, $"{QuotedValue.Of(stray)} is not a file: send each file as a file part named 'files' (fields allowed: {string.Join(", ", FormFields)})")]);
        var files = new List<UploadedFile>();
        foreach (var file in form.Files)
        {
            if (ImportReader.CheckSize(file.FileName, file.Length) is { } tooLarge)
                return ApiResults.Invalid([tooLarge]);
            if (file.Length == 0)
                return ApiResults.Invalid([new ValidationError($"{file.FileName}:$", "the file is empty")]);
            using var reader = new StreamReader(file.OpenReadStream());
            files.Add(new UploadedFile(file.FileName, await reader.ReadToEndAsync(ct)));
        }
        var preview = ImportReader.Read(files, clock.GetUtcNow().UtcDateTime);
        if (!preview.CanStore)
            return ApiResults.Invalid(preview.Errors);
        if (string.Equals(form["preview"], "true", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Ok(ImportResponse.From(preview, null));
        var name = form["name"].ToString() is { Length: > 0 } given ? given : preview.SuggestedName;
        var description = form.ContainsKey("description") ? form["description"].ToString() : preview.Description;
        var created = await editor.CreateAsync(caller, name, description, preview.Estate, "importing policies", ct);
        if (!created.IsOk)
            return ApiResults.Invalid(created.Failure!.Errors);
        return TypedResults.Created($"/api/policies/{created.Value.Id}", ImportResponse.From(preview, created.Value));
    }

    private static readonly string[] FormFields = ["name", "description", "preview"];

    // A multipart body without a boundary, with the wrong one, or cut short makes the form reader throw: that is the
    // caller's mistake (400 naming it), not the server's.
    internal static async Task<(IFormCollection? Form, ValidationError? Problem)> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return (await request.ReadFormAsync(ct), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            var reason = e.Message.Contains("boundary", StringComparison.OrdinalIgnoreCase)
                ? "the multipart boundary is missing or does not match the Content-Type header"
                : e.Message.Contains("end of the stream", StringComparison.OrdinalIgnoreCase) || e is IOException
                    ? "the multipart body is truncated (it ends before its closing boundary)"
                    : "the multipart body cannot be read";
            return (null, new ValidationError("files", $"{reason}: {e.Message}"));
        }
    }
}

/// <summary>What an import read and, unless it was a preview, the policy it created.</summary>
/// <param name="Policy">The new policy, or null for a preview.</param>
/// <param name="Source">What was read.</param>
/// <param name="Counts">Groups, rules, instances, ENIs, prefix lists, VPCs and subnets read.</param>
/// <param name="Findings">Lint findings of the imported estate.</param>
/// <param name="Warnings">Oddities kept or repaired, each at its file and JSON path.</param>
public sealed record ImportResponse(
    PolicySummary? Policy, string Source, IReadOnlyDictionary<string, int> Counts, int Findings, IReadOnlyList<ValidationError> Warnings)
{
    /// <summary>From a preview and the stored policy.</summary>
    public static ImportResponse From(ImportPreview preview, PolicySummary? policy) =>
        new(policy, preview.Source, preview.Counts.ToDictionary(c => c.Kind, c => c.Count), preview.Findings, preview.Warnings);
}
