using SgDesigner.Data.Audit;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

public abstract class RoundTripTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemoEstateComesBackExactlyAsStored()
    {
        var estate = DemoEstate.Build();
        var policy = (await database.Store.CreatePolicyAsync($"demo {Guid.NewGuid()}", "round trip", estate, "alice", Ct)).Value;

        var revision = (await database.Store.GetRevisionAsync(policy.Id, 1, Ct)).Value;

        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(revision.Estate));
        Assert.Equal("alice", revision.Info.Author);
    }

    [Fact]
    public async Task TagsAtAwssLimitsAndAListsMaximumEntriesComeBackExactlyAsStored()
    {
        var estate = DemoEstate.Build();
        var group = estate.Groups[0];
        var tags = group.Tags.SetItem(new string('k', Core.Validation.AwsLimits.TagKeyMaxLength), new string('v', Core.Validation.AwsLimits.TagValueMaxLength));
        estate = estate.WithGroup(group with { Tags = tags });
        estate = estate with { PrefixLists = [new PrefixList("pl-0abc1234", "offices", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value], 20)] };
        var policy = (await database.Store.CreatePolicyAsync($"limits {Guid.NewGuid()}", null, estate, "alice", Ct)).Value;

        var revision = (await database.Store.GetRevisionAsync(policy.Id, 1, Ct)).Value;

        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(revision.Estate));
        Assert.Equal(20, Assert.Single(revision.Estate.PrefixLists).MaxEntries);
    }

    [Fact]
    public async Task AGeneratedEstateWithEveryKindOfPeerComesBackExactlyAsStored()
    {
        var estate = EstateGenerator.Generate(groups: 40, rulesPerGroup: 12, enis: 60);
        var policy = (await database.Store.CreatePolicyAsync($"generated {Guid.NewGuid()}", null, estate, "bob", Ct)).Value;

        var revision = (await database.Store.GetRevisionAsync(policy.Id, null, Ct)).Value;

        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(revision.Estate));
    }

    [Fact]
    public async Task ADraftStartsAsAnExactCopyOfItsBaseRevision()
    {
        var estate = EstateGenerator.Generate(groups: 8, rulesPerGroup: 5, enis: 10);
        var policy = (await database.Store.CreatePolicyAsync($"copy {Guid.NewGuid()}", null, estate, "carol", Ct)).Value;

        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "change", "carol", Ct)).Value;
        var content = (await database.Store.GetDraftAsync(draft.Id, Ct)).Value;

        Assert.Equal(1, content.Info.BaseRevision);
        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(content.Estate));
    }

    [Fact]
    public async Task AnOpenDraftIsReadWithItsContentAClosedOrMissingOneIsNot()
    {
        var estate = EstateGenerator.Generate(groups: 8, rulesPerGroup: 5, enis: 10);
        var policy = (await database.Store.CreatePolicyAsync($"open {Guid.NewGuid()}", null, estate, "carol", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "open", "carol", Ct)).Value;

        var open = await database.Store.GetOpenDraftAsync(draft.Id, Ct);
        Assert.NotNull(open);
        Assert.Equal(draft.Version, open.Info.Version);
        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(open.Estate));

        Assert.True((await database.Store.AbandonDraftAsync(draft.Id, draft.Version, AuditActor.Named("test"), Ct)).IsOk);
        Assert.Null(await database.Store.GetOpenDraftAsync(draft.Id, Ct));
        Assert.Null(await database.Store.GetOpenDraftAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task ReplacingADraftsContentStoresTheNewEstate()
    {
        var policy = (await database.Store.CreatePolicyAsync($"import {Guid.NewGuid()}", null, DemoEstate.Build(), "dan", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "import", "dan", Ct)).Value;
        var imported = EstateGenerator.Generate(groups: 12, rulesPerGroup: 6, enis: 20);

        var replaced = await database.Store.ReplaceDraftContentAsync(draft.Id, imported, draft.Version, AuditActor.Named("test"), Ct);
        var content = (await database.Store.GetDraftAsync(draft.Id, Ct)).Value;

        Assert.True(replaced.IsOk, replaced.ToString());
        Assert.Equal(draft.Version + 1, content.Info.Version);
        Assert.Equal(EstateText.Describe(imported), EstateText.Describe(content.Estate));
    }

    [Fact]
    public async Task GranularEditsChangeOnlyTheirObject()
    {
        var policy = (await database.Store.CreatePolicyAsync($"edits {Guid.NewGuid()}", null, DemoEstate.Build(), "erin", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "tighten", "erin", Ct)).Value;
        var newRule = new Rule("sgr-new000000000001", Direction.Inbound, IpProtocol.Tcp, 9000, 9100, new GroupPeer(DemoEstate.Web), "metrics");

        var v2 = (await database.Store.UpsertRuleAsync(draft.Id, draft.Version, DemoEstate.App, newRule, AuditActor.Named("test"), Ct)).Value;
        var v3 = (await database.Store.DeleteRuleAsync(draft.Id, v2.Version, "sgr-0a1b0000000000014", AuditActor.Named("test"), Ct)).Value;
        var content = (await database.Store.GetDraftAsync(draft.Id, Ct)).Value;

        var expected = DemoEstate.Build();
        var app = expected.FindGroup(DemoEstate.App)!;
        var web = expected.FindGroup(DemoEstate.Web)!;
        expected = expected.WithGroup(app with { Rules = app.Rules.Add(newRule) })
            .WithGroup(web with { Rules = web.Rules.RemoveAll(r => r.Id == "sgr-0a1b0000000000014") });
        Assert.Equal(draft.Version + 2, v3.Version);
        Assert.Equal(EstateText.Describe(expected), EstateText.Describe(content.Estate));
    }
}

public sealed class RoundTripTestsOnSqlite(SqliteDatabase database) : RoundTripTests(database), IClassFixture<SqliteDatabase>;

public sealed class RoundTripTestsOnPostgres(PostgresDatabase database) : RoundTripTests(database), IClassFixture<PostgresDatabase>;
