using SgDesigner.Core.Diff;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Store;

/// <summary>
/// Records who changed what in a draft, in the edit's own transaction: one <see cref="DraftChangeRow"/> per object
/// changed and one <c>draft.edited</c> audit entry. Every path that changes a draft's content calls this, which is
/// what lets the review gate refuse an approval from anyone who authored part of the change.
/// </summary>
internal static class DraftAuthorship
{
    // An import replaces thousands of objects: past this many, one "content" row stands for them all.
    private const int MaxRowsPerEdit = 200;

    private const int MaxListedInAudit = 10;

    /// <summary>Queues the rows for an edit that took the draft from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <remarks>With <paramref name="scope"/>, only its groups are compared: nothing else differs.</remarks>
    public static void Record(
        SgDbContext db, DraftRow draft, long newVersion, DateTime now, AuditActor actor, Estate before, Estate after,
        EditScope? scope = null, string action = "draft.edited")
    {
        var changes = scope is null
            ? ObjectChanges.Between(before, after)
            : ObjectChanges.Between(OnlyGroups(before, scope.Groups), OnlyGroups(after, scope.Groups));
        Record(db, draft, newVersion, now, actor, changes, action);
    }

    private static Estate OnlyGroups(Estate estate, IReadOnlySet<string> ids) =>
        Estate.Empty with { Groups = [.. estate.Groups.Where(g => ids.Contains(g.Id))], Quotas = estate.Quotas };

    /// <summary>Queues the rows for an edit made of <paramref name="changes"/>.</summary>
    public static void Record(
        SgDbContext db, DraftRow draft, long newVersion, DateTime now, AuditActor actor, IReadOnlyList<ObjectChange> changes, string action)
    {
        var itemised = changes.Count <= MaxRowsPerEdit
            ? changes
            : [new ObjectChange("content", "*", ObjectChangeKind.Changed, Text: $"{changes.Count} objects")];
        // Even an edit that changes nothing the diff can see (a no-op replace) makes its author part of the change.
        if (itemised.Count == 0)
            itemised = [new ObjectChange("content", "*", ObjectChangeKind.Changed, Text: "no visible change")];
        foreach (var change in itemised)
        {
            db.DraftChanges.Add(new DraftChangeRow
            {
                Id = Guid.CreateVersion7(), DraftId = draft.Id, DraftVersion = newVersion, At = now, UserId = actor.UserId,
                Author = AuditLog.Clip(actor.Name, 200), ObjectKind = change.Kind, ObjectId = AuditLog.Clip(change.Id, 200),
                Change = change.Change.ToString().ToLowerInvariant(), GroupId = change.GroupId,
                Text = change.Text is null ? null : AuditLog.Clip(change.Text, 500),
            });
        }
        var listed = string.Join("; ", changes.Take(MaxListedInAudit));
        var more = changes.Count > MaxListedInAudit ? $"; and {changes.Count - MaxListedInAudit} more" : "";
        db.AuditEntries.Add(AuditLog.Row(draft.PolicyId, now, actor, action, "draft", draft.Id.ToString(),
            $"'{draft.Title}' version {newVersion}: {(changes.Count == 0 ? "no change" : listed + more)}"));
    }
}
