using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

/// <summary>
/// A change request's draft replayed onto the policy's newest revision: base = the draft's base revision, ours = the
/// draft, theirs = the newest revision (<see cref="ThreeWayMerge"/>). The merged estate must also fit the schema
/// (<see cref="StorageIntegrity"/>), which Core's validator does not know about.
/// </summary>
internal sealed record RequestRebase(int? BaseRevision, int? NewestRevision, MergeResult Result, ImmutableArray<ValidationError> Errors)
{
    public static readonly IReadOnlyDictionary<string, MergeSide> NoChoices = new Dictionary<string, MergeSide>();

    /// <summary>The draft is based on the newest revision: nothing to merge.</summary>
    public bool UpToDate => BaseRevision == NewestRevision;

    /// <summary>Every conflict has a side and the combination breaks nothing.</summary>
    public bool IsClean => Errors.IsEmpty && Result.Conflicts.All(c => c.IsResolved);

    /// <summary>Reads the three estates and merges them with the author's <paramref name="choices"/>.</summary>
    public static async Task<RequestRebase> ComputeAsync(
        SgDbContext db, Guid draftId, IReadOnlyDictionary<string, MergeSide> choices, CancellationToken ct)
    {
        var draft = await db.Drafts.AsNoTracking().FirstAsync(d => d.Id == draftId, ct);
        var newest = await PolicyStore.NewestRevisionAsync(db, draft.PolicyId, ct);
        var ours = await PolicyStore.SnapshotEstateAsync(db, draft.SnapshotId, ct);
        if (newest == draft.BaseRevisionNumber)
            return new RequestRebase(newest, newest, new MergeResult(ours, [], [], []), []);
        var baseEstate = await PolicyStore.RevisionEstateAsync(db, draft.PolicyId, draft.BaseRevisionNumber, ct);
        var theirs = await PolicyStore.RevisionEstateAsync(db, draft.PolicyId, newest, ct);
        var result = ThreeWayMerge.Resolve(baseEstate, ours, theirs, choices);
        ImmutableArray<ValidationError> errors =
            [.. result.Errors.Concat(StorageIntegrity.Check(result.Merged)).DistinctBy(e => (e.Path, e.Message))];
        return new RequestRebase(draft.BaseRevisionNumber, newest, result, errors);
    }

    /// <summary>Why the request cannot be merged as it stands, for its author.</summary>
    public string Refusal(int requestNumber)
    {
        var unresolved = Result.Unresolved.ToList();
        var problems = new List<string>();
        if (unresolved.Count > 0)
            problems.Add($"{Count(unresolved.Count, "conflict")} ({Keys(unresolved.Select(c => c.Key))}) that the author must resolve");
        if (!Errors.IsEmpty)
            problems.Add($"{Count(Errors.Length, "problem")} that combining both changes introduces ({Errors[0]}{(Errors.Length > 1 ? "; …" : "")}), "
                + "which the author must fix in the draft");
        return $"change request #{requestNumber} is based on revision {BaseRevision}, but revision {NewestRevision} has been published since; "
            + $"rebasing it leaves {string.Join(" and ", problems)}";
    }

    /// <summary>The preview of merging the request now.</summary>
    public MergePreview ToPreview(Guid requestId, long draftVersion) => new(
        requestId, draftVersion, BaseRevision, NewestRevision, UpToDate, IsClean, Result.Conflicts, Errors, Result.Merged);

    private static string Keys(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        return string.Join(", ", list.Take(5)) + (list.Count > 5 ? $" and {list.Count - 5} more" : "");
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
