using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Review;

/// <summary>
/// Who authored which objects of a draft, read from <see cref="DraftChangeRow"/> (written by every path that changes a
/// draft's content), and the review gate built on it: an approval counts only from a reviewer who authored no change
/// in the request, so nobody can add a rule to someone else's request and wave it through on their own approval.
/// </summary>
public static class DraftAuthors
{
    private const int MaxNamed = 3;

    /// <summary>Everyone who changed each object of the draft, in one query; objects in the order they were first changed.</summary>
    internal static async Task<IReadOnlyList<ObjectAuthors>> OfDraftAsync(SgDbContext db, Guid draftId, CancellationToken ct)
    {
        var rows = await (
                from change in db.DraftChanges.Where(c => c.DraftId == draftId)
                join user in db.Users on change.UserId equals (Guid?)user.Id into users
                from user in users.DefaultIfEmpty()
                select new { change.ObjectKind, change.ObjectId, change.GroupId, change.UserId, change.Author, Name = user == null ? null : user.DisplayName, change.DraftVersion, change.Id })
            .ToListAsync(ct);
        return
        [
            .. rows.OrderBy(r => r.DraftVersion).ThenBy(r => r.Id)
                .GroupBy(r => (r.ObjectKind, r.ObjectId, r.GroupId))
                .Select(g => new ObjectAuthors(g.Key.ObjectKind, g.Key.ObjectId, g.Key.GroupId,
                [
                    .. g.Select(r => new ChangeAuthor(r.UserId, r.Name ?? r.Author))
                        .DistinctBy(a => a.UserId is { } id ? id.ToString() : a.Name),
                ])),
        ];
    }

    /// <summary>Which of <paramref name="userIds"/> changed anything in the draft.</summary>
    internal static async Task<HashSet<Guid>> AmongAsync(SgDbContext db, Guid draftId, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
            return [];
        List<Guid?> ids = [.. userIds.Select(id => (Guid?)id)];
        var authors = await db.DraftChanges.Where(c => c.DraftId == draftId && ids.Contains(c.UserId))
            .Select(c => c.UserId!.Value).Distinct().ToListAsync(ct);
        return [.. authors];
    }

    /// <summary>
    /// Why <paramref name="userId"/> may not approve a request whose draft has <paramref name="authorship"/>, naming what they
    /// changed; null when they changed nothing in it.
    /// </summary>
    public static string? ApprovalRefusal(IReadOnlyList<ObjectAuthors> authorship, Guid? userId)
    {
        if (userId is null)
            return null;
        var theirs = authorship.Where(o => o.Authors.Any(a => a.UserId == userId)).Select(Describe).ToList();
        if (theirs.Count == 0)
            return null;
        var named = string.Join(", ", theirs.Take(MaxNamed)) + (theirs.Count > MaxNamed ? $" and {theirs.Count - MaxNamed} more" : "");
        return $"you authored changes in this request ({named}); an approval must come from a reviewer who changed nothing in it";
    }

    /// <summary>"rule sgr-1 of sg-2", "group sg-2", or "the draft's content" for an edit too large to itemise.</summary>
    public static string Describe(ObjectAuthors change) =>
        change.ObjectKind == "content" ? "the draft's content"
        : $"{change.ObjectKind} {change.ObjectId}{(change.GroupId is null ? "" : $" of {change.GroupId}")}";
}
