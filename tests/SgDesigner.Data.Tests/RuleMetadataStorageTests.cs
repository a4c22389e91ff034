using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>A rule's owner, justification, ticket and review-by date through every way content is written and read.</summary>
public abstract class RuleMetadataStorageTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly AuditActor Actor = AuditActor.Named("test");

    // Non-ASCII, quotes and the longest allowed texts: what the columns must hold on both databases.
    private static readonly RuleMetadata Longest = RuleMetadata.Create(
        new string('o', RuleMetadata.OwnerMaxLength), "Zürich \"ops\" " + new string('j', RuleMetadata.JustificationMaxLength - 13),
        new string('t', RuleMetadata.TicketMaxLength), new DateOnly(2027, 12, 31));

    internal static Estate WithMetadata(Estate estate) => estate with
    {
        Groups = [.. estate.Groups.Select((g, gi) => g with
        {
            Rules = [.. g.Rules.Select((r, ri) => ((gi + ri) % 3) switch
            {
                0 => r,
                1 => r with { Metadata = RuleMetadata.Create($"team-{gi}", null, $"NET-{ri}", new DateOnly(2026, 1, 1).AddDays(gi * 7 + ri)) },
                _ => r with { Metadata = Longest },
            })],
        })],
    };

    private static IEnumerable<Rule> Rules(Estate estate) => estate.Groups.SelectMany(g => g.Rules);

    [Fact]
    public async Task AnEstateWrittenWholeComesBackWithEveryRulesMetadata()
    {
        var estate = WithMetadata(EstateGenerator.Generate(groups: 10, rulesPerGroup: 6, enis: 8));

        var policy = (await database.Store.CreatePolicyAsync($"metadata {Guid.NewGuid()}", null, estate, "alice", Ct)).Value;
        var revision = (await database.Store.GetRevisionAsync(policy.Id, null, Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "copy", "alice", Ct)).Value;
        var copied = (await database.Store.GetDraftAsync(draft.Id, Ct)).Value;

        Assert.Contains(Rules(estate), r => r.Metadata == Longest);
        Assert.Equal(Rules(estate), Rules(revision.Estate));
        Assert.Equal(Rules(estate), Rules(copied.Estate));
    }

    [Fact]
    public async Task AMetadataEditOfOneRuleIsStoredAndPublished()
    {
        var estate = EstateGenerator.Generate(groups: 4, rulesPerGroup: 3, enis: 4);
        var policy = (await database.Store.CreatePolicyAsync($"metadata edit {Guid.NewGuid()}", null, estate, "bob", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "recertify", "bob", Ct)).Value;
        var group = estate.Groups[1];
        var edited = group.Rules[0] with { Metadata = RuleMetadata.Create("team-db", "replication from the DR site", "CHG-7", new DateOnly(2027, 6, 30)) };

        var v2 = await database.Store.UpsertRuleAsync(draft.Id, draft.Version, group.Id, edited, Actor, Ct);
        Assert.True(v2.IsOk, v2.ToString());
        var cleared = edited with { Metadata = edited.Metadata.WithReviewBy(null) };
        var v3 = await database.Store.UpsertRuleAsync(draft.Id, v2.Value.Version, group.Id, cleared, Actor, Ct);
        Assert.True(v3.IsOk, v3.ToString());
        var published = await database.Store.PublishDraftAsync(draft.Id, "recertify", Actor, v3.Value.Version, Ct);
        Assert.True(published.IsOk, published.ToString());

        var revision = (await database.Store.GetRevisionAsync(policy.Id, null, Ct)).Value;
        var stored = revision.Estate.FindGroup(group.Id)!.Rules.Single(r => r.Id == edited.Id);
        Assert.Equal(cleared, stored);
        Assert.Null(stored.Metadata.ReviewBy);
        Assert.Equal("CHG-7", stored.Metadata.Ticket);
        var first = (await database.Store.GetRevisionAsync(policy.Id, 1, Ct)).Value;
        Assert.True(first.Estate.FindGroup(group.Id)!.Rules.Single(r => r.Id == edited.Id).Metadata.IsEmpty);
    }
}

public sealed class RuleMetadataStorageTestsOnSqlite(SqliteDatabase database) : RuleMetadataStorageTests(database), IClassFixture<SqliteDatabase>;

public sealed class RuleMetadataStorageTestsOnPostgres(PostgresDatabase database) : RuleMetadataStorageTests(database), IClassFixture<PostgresDatabase>;
