using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>One audit row as a comparison sees it: the ids and names of one path's objects replaced by their labels.</summary>
/// <param name="Action">What was done.</param>
/// <param name="TargetKind">On what kind of object.</param>
/// <param name="TargetId">Which one (a label).</param>
/// <param name="Policy">The policy's label, or null.</param>
/// <param name="ActorUserId">Who.</param>
/// <param name="Actor">Who, as named.</param>
/// <param name="RemoteAddress">From where.</param>
/// <param name="Details">What the row says, labelled.</param>
public sealed record AuditShape(
    string Action, string? TargetKind, string? TargetId, string? Policy, Guid? ActorUserId, string Actor, string? RemoteAddress, string? Details);

/// <summary>One live-update event as a comparison sees it: its kind and the labels of what it names.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Policy">The policy's label, or null.</param>
/// <param name="Request">The request's label, or null.</param>
/// <param name="Draft">The draft's label, or null.</param>
public sealed record EventShape(ReviewEventKind Kind, string? Policy, string? Request, string? Draft);

/// <summary>What one write left behind: the audit rows it added and the events it raised, in order.</summary>
/// <param name="Audit">The audit rows.</param>
/// <param name="Events">The events.</param>
public sealed record WriteRecord(IReadOnlyList<AuditShape> Audit, IReadOnlyList<EventShape> Events);

/// <summary>
/// Runs one write (a page's service call or an API request) and records what it left behind, so that two entry points
/// can be shown to leave the same audit rows and raise the same events. <paramref name="labels"/> maps what differs by
/// nature between the two runs (the ids and names of the objects each path made) to a label both share.
/// </summary>
public sealed partial class WriteTrace(AppFixture fixture, IReadOnlyDictionary<string, string> labels)
{
    /// <summary>The caller a Blazor page passes to a service for <paramref name="user"/> (a cookie session: no token).</summary>
    public static Caller PageCaller(TestUser user, bool isAdministrator = false) =>
        new(user.Id, user.Email, user.DisplayName, isAdministrator, null, "127.0.0.1");

    /// <summary>Asserts that two runs left the same audit rows and raised the same events, step by step.</summary>
    public static void AssertSame(IReadOnlyList<WriteRecord> page, IReadOnlyList<WriteRecord> api)
    {
        Assert.Equal(page.Count, api.Count);
        for (var step = 0; step < page.Count; step++)
        {
            Assert.Equal(page[step].Audit, api[step].Audit);
            Assert.Equal(page[step].Events, api[step].Events);
        }
    }

    /// <summary>Runs <paramref name="write"/> and returns its audit rows (rows of one instant by action) and events.</summary>
    public async Task<WriteRecord> RecordAsync(Func<Task> write)
    {
        var ct = TestContext.Current.CancellationToken;
        var contexts = fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>();
        HashSet<Guid> before;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            before = [.. await db.AuditEntries.Select(a => a.Id).ToListAsync(ct)];
        var events = fixture.App.Services.GetRequiredService<ReviewEvents>();
        var seen = new List<ReviewEvent>();
        void Listen(ReviewEvent e)
        {
            lock (seen)
                seen.Add(e);
        }
        events.Raised += Listen;
        try
        {
            await write();
        }
        finally
        {
            events.Raised -= Listen;
        }
        await using var after = await contexts.CreateDbContextAsync(ct);
        var rows = (await after.AuditEntries.AsNoTracking().ToListAsync(ct)).Where(a => !before.Contains(a.Id)).OrderBy(a => a.At).ThenBy(a => a.Action, StringComparer.Ordinal);
        lock (seen)
            return new WriteRecord(
                [.. rows.Select(a => new AuditShape(a.Action, a.TargetKind, Label(a.TargetId), Label(a.PolicyId?.ToString()), a.ActorUserId, a.Actor,
                    a.RemoteAddress, Label(a.Details)))],
                [.. seen.Select(e => new EventShape(e.Kind, Label(e.PolicyId?.ToString()), Label(e.RequestId?.ToString()), Label(e.DraftId?.ToString())))]);
    }

    // Every labelled text replaced, longest first; any other id becomes "<id>" so that two runs can still be compared.
    private string? Label(string? text)
    {
        if (text is null)
            return null;
        foreach (var (raw, label) in labels.OrderByDescending(l => l.Key.Length))
            text = text.Replace(raw, label, StringComparison.OrdinalIgnoreCase);
        return AnyId().Replace(text, "<id>");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex AnyId();
}
