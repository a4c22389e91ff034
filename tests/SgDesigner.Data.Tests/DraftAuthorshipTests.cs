using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>Every path that changes a draft's content records who changed which object, in the same transaction.</summary>
public abstract class DraftAuthorshipTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Rule Rdp =
        new("sgr-0rdp0000000000001", Direction.Inbound, IpProtocol.Tcp, 3389, 3389, new CidrPeer(Cidr.AnyV4), "jump");

    [Fact]
    public async Task AnEditRecordsItsAuthorPerObjectAndInTheAuditTrail()
    {
        var editor = await TestUsers.CreateAsync(database, "Eve Editor");
        var actor = editor with { RemoteAddress = "198.51.100.7" };
        var policy = (await database.Store.CreatePolicyAsync($"authorship {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "rdp", actor, Ct)).Value;

        var added = (await database.Store.UpsertRuleAsync(draft.Id, draft.Version, DemoEstate.Web, Rdp, actor, Ct)).Value;
        await database.Store.DeleteRuleAsync(draft.Id, added.Version, Rdp.Id, actor, Ct);

        await using var db = database.CreateContext();
        var rows = await db.DraftChanges.Where(c => c.DraftId == draft.Id).OrderBy(c => c.DraftVersion).ToListAsync(Ct);
        Assert.Equal([("rule", Rdp.Id, "added", 2L), ("rule", Rdp.Id, "removed", 3L)],
            rows.Select(r => (r.ObjectKind, r.ObjectId, r.Change, r.DraftVersion)));
        Assert.All(rows, r => Assert.Equal((editor.UserId, DemoEstate.Web), (r.UserId, r.GroupId)));
        Assert.Equal("inbound tcp 3389 from 0.0.0.0/0", rows[0].Text);
        var audit = (await database.Store.ListAuditAsync(policy.Id, Ct)).Value.Where(a => a.Action == "draft.edited").ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(editor.Name, a.Actor));
        Assert.Contains($"rule {Rdp.Id} of {DemoEstate.Web} added (inbound tcp 3389 from 0.0.0.0/0)", audit[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedEditRecordsNothing()
    {
        var editor = await TestUsers.CreateAsync(database, "Eve Editor");
        var policy = (await database.Store.CreatePolicyAsync($"authorship {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "stale", editor, Ct)).Value;

        var stale = await database.Store.UpsertRuleAsync(draft.Id, draft.Version + 5, DemoEstate.Web, Rdp, editor, Ct);

        Assert.False(stale.IsOk);
        await using var db = database.CreateContext();
        Assert.False(await db.DraftChanges.AnyAsync(c => c.DraftId == draft.Id, Ct));
    }
}

public sealed class DraftAuthorshipTestsOnSqlite(SqliteDatabase database) : DraftAuthorshipTests(database), IClassFixture<SqliteDatabase>;

public sealed class DraftAuthorshipTestsOnPostgres(PostgresDatabase database) : DraftAuthorshipTests(database), IClassFixture<PostgresDatabase>;
