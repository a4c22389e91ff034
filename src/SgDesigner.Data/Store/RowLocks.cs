using Microsoft.EntityFrameworkCore;

namespace SgDesigner.Data.Store;

/// <summary>
/// The row locks writers hold on PostgreSQL until they commit, and the one order every writer takes them in, so that no
/// two writers can wait for each other in a circle (a deadlock, 40P01):
/// <list type="number">
/// <item>the <b>draft</b>: its version claim, an UPDATE of its row (a draft edit, publish, abandon, rebase, merge);</item>
/// <item>the <b>policy</b>: <see cref="PolicyAsync"/>, or an UPDATE of its row (a draft edit's last-change time, in the
/// same batch as the claim and after it; the required approvals);</item>
/// <item>the policy's <b>memberships</b> and the request's <b>reviews</b>: shared by a merge
/// (<see cref="ReviewStateAsync"/>), written by a role change, a new verdict or a dismissal;</item>
/// <item>the <b>change request</b>: <see cref="RequestAsync"/>, or an UPDATE of its status (what a draft edit that
/// dismisses an approval, a verdict, a dismissal or new required approvals end with).</item>
/// </list>
/// A writer may skip a step but never go back to an earlier one: a merge takes 1, 2, 3, 4; a draft edit 1, 2, 3
/// (stale approvals), 4 (the status); new required approvals 2, 4; a verdict 4 first and then nothing earlier. SQLite
/// needs none of this: a transaction takes the database's write lock when it begins (BEGIN IMMEDIATE), so writers
/// take turns already.
/// </summary>
internal static class RowLocks
{
    /// <summary>
    /// Step 2, the policy: serialises publishing on one policy (a second merge waits here, then reads the revision the
    /// first one published, since every statement of a READ COMMITTED transaction sees what was committed before it).
    /// </summary>
    public static async Task PolicyAsync(SgDbContext db, Guid policyId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Policies\" WHERE \"Id\" = {policyId} FOR UPDATE", ct);
    }

    /// <summary>
    /// Steps 3 and 4 for a merge: memberships and reviews stay as the approval check reads them until the merge commits
    /// (a role change or a dismissal waits), then the request's row, so that a verdict waits too.
    /// </summary>
    public static async Task ReviewStateAsync(SgDbContext db, Guid policyId, Guid requestId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return;
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"PolicyMemberships\" WHERE \"PolicyId\" = {policyId} FOR SHARE", ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Reviews\" WHERE \"ChangeRequestId\" = {requestId} FOR SHARE", ct);
        await RequestAsync(db, requestId, ct);
    }

    /// <summary>Step 4, the request: a verdict and a merge of the same request take turns.</summary>
    public static async Task RequestAsync(SgDbContext db, Guid requestId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"ChangeRequests\" WHERE \"Id\" = {requestId} FOR UPDATE", ct);
    }
}
