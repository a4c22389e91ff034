using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Shared;

/// <summary>The common path of every draft content edit: version check, request errors, store call, new ETag.</summary>
public static class DraftEdits
{
    /// <summary>
    /// Reads the expected version; with any request error answers 400 without touching the store; otherwise
    /// runs <paramref name="edit"/> and answers <paramref name="ok"/> with the draft's new version as ETag.
    /// </summary>
    public static async Task<Results<TOk, ProblemHttpResult, ValidationProblem>> Run<TOk>(
        HttpContext http, long? bodyVersion, RequestErrors errors,
        Func<long, Task<StoreResult<DraftInfo>>> edit, Func<DraftInfo, TOk> ok)
        where TOk : IResult
    {
        var version = DraftVersion.Read(http.Request, bodyVersion, errors);
        if (errors.Any || version is not { } expected)
            return ApiResults.Invalid(errors);
        var result = await edit(expected);
        return result.ToHttp(info =>
        {
            DraftVersion.Send(http.Response, info.Version);
            return ok(info);
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
