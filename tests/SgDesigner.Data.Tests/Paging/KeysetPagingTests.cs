using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Paging;

/// <summary>The keyset queries behind the API's pages, on each provider: ties in the sort key, and rows that come and go between pages.</summary>
public abstract class KeysetPagingTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Walks a list page by page and returns every item in the order the pages gave them.
    private static async Task<List<T>> WalkAsync<T>(int limit, Func<PageRequest, Task<KeysetPage<T>>> read)
    {
        var items = new List<T>();
        PageKey? after = null;
        do
        {
            var page = await read(new PageRequest(limit, after));
            Assert.True(page.Items.Count <= limit);
            items.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return items;
    }

    private async Task<List<Guid>> DraftsAsync(Guid policyId, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
            ids.Add((await database.Store.CreateDraftAsync(policyId, null, $"draft {i}", "alice", Ct)).Value.Id);
        return ids;
    }

    [Fact]
    public async Task Drafts_with_the_same_creation_time_come_once_each_newest_first_then_by_id_descending()
    {
        var policyId = await TestUsers.NewPolicyAsync(database);
        var ids = await DraftsAsync(policyId, 7);
        var instant = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1230);
        await using (var db = database.CreateContext())
        {
            // Four drafts share one instant, the rest are later: the id must break the tie the same way on every page.
            await db.Drafts.Where(d => ids.Take(4).Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.CreatedAt, instant), Ct);
        }

        var walked = await WalkAsync(2, page => Page(database.Store.ListDraftsAsync(policyId, page, Ct)));
        var whole = (await database.Store.ListDraftsAsync(policyId, new PageRequest(500), Ct)).Value.Items;

        Assert.Equal(whole.Select(d => d.Id), walked.Select(d => d.Id));
        Assert.Equal(ids.Order(), walked.Select(d => d.Id).Order());
        Assert.Equal(whole.OrderByDescending(d => d.CreatedAt).Select(d => d.CreatedAt), walked.Select(d => d.CreatedAt));
        var tied = walked.Where(d => d.CreatedAt == instant).Select(d => d.Id).ToList();
        Assert.Equal(4, tied.Count);
        Assert.Equal(tied.OrderDescending(new DatabaseGuidOrder()), tied);
    }

    [Fact]
    public async Task A_draft_opened_or_abandoned_between_pages_neither_repeats_nor_hides_the_drafts_that_stay()
    {
        var policyId = await TestUsers.NewPolicyAsync(database);
        var ids = await DraftsAsync(policyId, 6);

        var first = (await database.Store.ListDraftsAsync(policyId, new PageRequest(3), Ct)).Value;
        var newer = (await DraftsAsync(policyId, 1))[0];
        var unseen = ids.Except(first.Items.Select(d => d.Id)).First();
        await using (var db = database.CreateContext())
            await db.Drafts.Where(d => d.Id == unseen).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DraftStatus.Abandoned), Ct);
        var rest = await WalkAsync(3, page => Page(database.Store.ListDraftsAsync(policyId, page with { After = page.After ?? first.Next }, Ct)));

        var seen = first.Items.Concat(rest).Select(d => d.Id).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(ids.Except([unseen]).Order(), seen.Order());
        Assert.DoesNotContain(newer, seen);
    }

    [Fact]
    public async Task Audit_entries_of_one_instant_and_several_actions_page_in_the_database_once_each()
    {
        var policyId = await TestUsers.NewPolicyAsync(database);
        var log = database.Get<AuditLog>();
        var instant = new DateTime(2026, 12, 2, 8, 30, 0, DateTimeKind.Utc);
        await using (var db = database.CreateContext())
        {
            // The trail refuses updates: the entries are written with their times, a third of them at one instant.
            for (var i = 0; i < 15; i++)
            {
                db.AuditEntries.Add(new AuditEntryRow
                {
                    Id = Guid.CreateVersion7(), PolicyId = policyId, At = i % 3 == 0 ? instant : instant.AddSeconds(i), Actor = "alice",
                    Action = (i % 3) switch { 0 => "draft.created", 1 => "request.opened", _ => "token.created" }, TargetKind = "x", TargetId = $"{i}",
                });
            }
            await db.SaveChangesAsync(Ct);
        }
        var filter = new AuditFilter(PolicyId: policyId);
        string[] actions = ["draft.", "request.opened"];

        var walked = await WalkAsync(2, page => log.PageAsync(filter, actions, page, Ct));
        var whole = (await log.PageAsync(filter, actions, new PageRequest(500), Ct)).Items;

        Assert.Equal(10, walked.Count);
        Assert.Equal(whole, walked);
        Assert.All(walked, e => Assert.Contains(e.Action, new[] { "draft.created", "request.opened" }));
        Assert.Equal(walked.OrderByDescending(e => e.At).Select(e => e.At), walked.Select(e => e.At));
    }

    [Fact]
    public async Task Members_page_owners_first_then_by_name_ignoring_case_and_same_names_once_each()
    {
        var policyId = await TestUsers.NewPolicyAsync(database);
        var owner = await TestUsers.CreateAsync(database, "zed");
        await TestUsers.JoinAsync(database, policyId, owner, PolicyRole.Owner);
        foreach (var (name, role) in new[] { ("sam", PolicyRole.Viewer), ("Sam", PolicyRole.Viewer), ("SAM", PolicyRole.Viewer), ("amy", PolicyRole.Viewer), ("Bob", PolicyRole.Editor), ("carl", PolicyRole.Reviewer) })
            await TestUsers.JoinAsync(database, policyId, await TestUsers.CreateAsync(database, name), role);
        var members = database.Get<MembershipStore>();

        var walked = await WalkAsync(2, page => Page(members.ListAsync(policyId, page, Ct)));

        Assert.Equal(["zed", "carl", "Bob", "amy"], walked.Take(4).Select(m => m.DisplayName));
        Assert.Equal(3, walked.Skip(4).Count(m => m.DisplayName.Equals("sam", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(7, walked.Select(m => m.UserId).Distinct().Count());
    }

    [Fact]
    public async Task Policies_page_by_name_ignoring_case_and_only_the_visible_ones()
    {
        var user = await TestUsers.CreateAsync(database, "pat");
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var mine = new List<Guid>();
        foreach (var name in new[] { "delta", "Alpha", "charlie", "Bravo", "echo" })
        {
            var id = (await database.Store.CreatePolicyAsync($"{stamp} {name}", null, null, "alice", Ct)).Value.Id;
            await TestUsers.JoinAsync(database, id, user, PolicyRole.Viewer);
            mine.Add(id);
        }
        await TestUsers.NewPolicyAsync(database);

        var walked = await WalkAsync(2, page => database.Store.ListPoliciesAsync(user.UserId!.Value, null, page, Ct));
        var bound = await WalkAsync(2, page => database.Store.ListPoliciesAsync(user.UserId!.Value, mine[2], page, Ct));

        Assert.Equal(["Alpha", "Bravo", "charlie", "delta", "echo"], walked.Select(p => p.Name[(stamp.Length + 1)..]));
        Assert.Equal([mine[2]], bound.Select(p => p.Id));
    }

    [Fact]
    public async Task Tokens_of_one_instant_page_once_each_and_a_bound_token_lists_only_itself()
    {
        var user = await TestUsers.CreateAsync(database, "tia");
        var tokens = database.Get<AccessTokenStore>();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add((await tokens.CreateAsync(user, $"token {i}", TokenScope.Read, ct: Ct)).Value.Info.Id);
        await using (var db = database.CreateContext())
            await db.PersonalAccessTokens.Where(t => t.UserId == user.UserId).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAt, DateTime.UtcNow), Ct);

        var walked = await WalkAsync(2, page => tokens.ListAsync(user.UserId!.Value, null, page, Ct));
        var only = await WalkAsync(2, page => tokens.ListAsync(user.UserId!.Value, ids[3], page, Ct));

        Assert.Equal(ids.Order(), walked.Select(t => t.Id).Order());
        Assert.Equal([ids[3]], only.Select(t => t.Id));
    }

    private static async Task<KeysetPage<T>> Page<T>(Task<StoreResult<KeysetPage<T>>> read)
    {
        var result = await read;
        Assert.True(result.IsOk, result.ToString());
        return result.Value;
    }

    // How both databases order ids: PostgreSQL's uuid by its bytes, SQLite's text by its upper-case hex; both as the text reads.
    private sealed class DatabaseGuidOrder : IComparer<Guid>
    {
        public int Compare(Guid x, Guid y) => string.CompareOrdinal(x.ToString().ToUpperInvariant(), y.ToString().ToUpperInvariant());
    }
}

public sealed class KeysetPagingTestsOnSqlite(SqliteDatabase database) : KeysetPagingTests(database), IClassFixture<SqliteDatabase>;

public sealed class KeysetPagingTestsOnPostgres(PostgresDatabase database) : KeysetPagingTests(database), IClassFixture<PostgresDatabase>;
