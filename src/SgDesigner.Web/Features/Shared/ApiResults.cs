using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Turns the store's typed failures into RFC 7807 problem documents: not found is 404, a stale version is 412 with
/// the current one (<see cref="Preconditions"/>), a closed draft or another clash is 409 (with <c>errors</c> keyed by path when
/// the conflict names places, as a merge blocked by assertions does), invalid input is 400 with
/// <c>errors</c> keyed by field path. Nothing was stored.
/// </summary>
public static class ApiResults
{
    /// <summary>The success produced by <paramref name="ok"/>, or the failure as a problem document.</summary>
    public static Results<TOk, ProblemHttpResult, ValidationProblem> ToHttp<T, TOk>(this StoreResult<T> result, Func<T, TOk> ok)
        where TOk : IResult
    {
        if (result.IsOk)
            return ok(result.Value);
        var failure = result.Failure!;
        return failure.Kind switch
        {
            StoreFailureKind.Invalid => Invalid(failure.Errors),
            StoreFailureKind.NotFound => TypedResults.Problem(title: "Not found", detail: failure.Message, statusCode: StatusCodes.Status404NotFound),
            StoreFailureKind.Forbidden => TypedResults.Problem(title: "Forbidden", detail: failure.Message, statusCode: StatusCodes.Status403Forbidden),
            StoreFailureKind.Conflict when failure.CurrentVersion is { } version => Preconditions.Failed(failure.Message, version),
            StoreFailureKind.Conflict when failure.CurrentTag is { } tag => Preconditions.Failed(failure.Message, tag),
            _ => TypedResults.Problem(title: "Conflict", detail: failure.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: failure.Errors.IsEmpty ? null : new Dictionary<string, object?> { ["errors"] = ByPath(failure.Errors) }),
        };
    }

    // What a conflict names, keyed by path like a validation problem's errors.
    private static Dictionary<string, string[]> ByPath(IEnumerable<ValidationError> errors) =>
        errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    /// <summary>
    /// The result with "not found" turned into invalid input at <paramref name="field"/>: when what is missing was named in the
    /// body (a user, a policy or a revision to refer to), the body is what is wrong, and the caller learns which field.
    /// </summary>
    public static StoreResult<T> MissingAt<T>(this StoreResult<T> result, string field) =>
        result.Failure is { Kind: StoreFailureKind.NotFound } missing ? StoreFailure.Invalid(field, missing.Message) : result;

    /// <summary>A 400 validation problem listing each error at its path.</summary>
    public static ValidationProblem Invalid(IEnumerable<ValidationError> errors)
    {
        var request = new RequestErrors();
        request.AddRange(errors);
        return Invalid(request);
    }

    /// <summary>A 400 validation problem for the errors found in a request.</summary>
    public static ValidationProblem Invalid(RequestErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: "The request is invalid; nothing was stored.", title: "Invalid input");

    /// <summary>Declares the problem responses every store-backed endpoint of a group can give, for the OpenAPI document.</summary>
    public static RouteGroupBuilder ProducesStoreProblems(this RouteGroupBuilder group)
    {
        group.ProducesProblem(StatusCodes.Status404NotFound);
        group.ProducesProblem(StatusCodes.Status409Conflict);
        group.ProducesValidationProblem();
        return group;
    }
}
