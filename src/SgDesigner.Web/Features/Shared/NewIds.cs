using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Ids a writer supplies over HTTP for a new object must have AWS's exact shape (<see cref="AwsLimits.NewIdProblem"/>):
/// an API caller creates what will be applied to AWS. Objects already in the draft (imported <c>sg-web</c>, the importer's
/// <c>eni-1@i-2#2</c>) keep their ids and can still be replaced under them.
/// </summary>
public static class NewIds
{
    /// <summary>Records the problem with <paramref name="id"/> at <paramref name="path"/>, for an endpoint that always creates.</summary>
    public static void Check(string id, string prefix, string what, string path, RequestErrors errors)
    {
        if (AwsLimits.NewIdProblem(id, prefix, what) is { } problem)
            errors.Add(path, problem);
    }

    /// <summary>
    /// <paramref name="edit"/> (an add-or-replace), refused at <paramref name="path"/> when it would add an object under an id
    /// not in AWS's form; <paramref name="known"/> says whether the draft already holds the id (then it is a replacement).
    /// </summary>
    public static EstateEdit WhenNew(EstateEdit edit, Func<Estate, bool> known, string id, string prefix, string what, string path) => estate =>
        !known(estate) && AwsLimits.NewIdProblem(id, prefix, what) is { } problem ? EditResult.Invalid(path, problem) : edit(estate);
}
