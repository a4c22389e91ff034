using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Shared;

/// <summary>The common path of every draft content edit over HTTP: version, request errors, <see cref="DraftEditor"/>, new ETag.</summary>
public static class DraftEdits
{
    /// <summary>
    /// Reads the expected version; with any request error answers 400 without touching the draft, without a version 428;
    /// otherwise has
    /// <see cref="DraftEditor"/> apply <paramref name="edit"/> for <paramref name="caller"/> and answers
    /// <paramref name="ok"/> with the draft's new version as ETag.
    /// </summary>
    public static async Task<Results<TOk, ProblemHttpResult, ValidationProblem>> Run<TOk>(
        HttpContext http, Caller caller, Guid draftId, long? bodyVersion, RequestErrors errors, EstateEdit edit, Func<DraftInfo, TOk> ok)
        where TOk : IResult
    {
        var version = DraftVersion.Read(http.Request, bodyVersion, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (version is not { } expected)
            return Preconditions.Required(DraftVersion.Source);
        var editor = http.RequestServices.GetRequiredService<DraftEditor>();
        var result = await editor.EditAsync(caller, draftId, expected, edit, http.RequestAborted);
        return result.ToHttp(info =>
        {
            DraftVersion.Send(http.Response, info.Version);
            return ok(info);
        });
    }
}

/// <summary>Reading one object of a draft.</summary>
public static class DraftReads
{
    /// <summary>The object <paramref name="find"/> picks from the draft's content (ETag = the draft's version), or 404.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ReadAsync<T>(
        PolicyStore store, Guid draftId, HttpResponse response, string path, Func<Estate, T?> find, CancellationToken ct)
        where T : class
    {
        var draft = await store.GetDraftAsync(draftId, ct);
        if (draft.IsOk && find(draft.Value.Estate) is null)
            draft = StoreFailure.NotFound($"{path} is not in the draft");
        return draft.ToHttp(d =>
        {
            DraftVersion.Send(response, d.Info.Version);
            return TypedResults.Ok(find(d.Estate)!);
        });
    }
}

/// <summary>The result of an edit: the draft's new version, the stored item and any warnings about the input.</summary>
/// <typeparam name="T">The item's type.</typeparam>
/// <param name="Version">Send this back with the next edit.</param>
/// <param name="Item">What was stored.</param>
/// <param name="Warnings">Accepted-but-noteworthy input, e.g. host bits cleared from a CIDR.</param>
public sealed record EditResponse<T>(long Version, T Item, IReadOnlyList<string> Warnings);

/// <summary>The result of a removal: the draft's new version.</summary>
/// <param name="Version">Send this back with the next edit.</param>
public sealed record VersionResponse(long Version);
