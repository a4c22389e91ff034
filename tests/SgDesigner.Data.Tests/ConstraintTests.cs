using SgDesigner.Data.Audit;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

public abstract class ConstraintTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PolicyStore Store => database.Store;

    private async Task<DraftContent> NewDraftAsync()
    {
        var policy = (await Store.CreatePolicyAsync($"policy {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value;
        var draft = (await Store.CreateDraftAsync(policy.Id, null, "bad input", "alice", Ct)).Value;
        return (await Store.GetDraftAsync(draft.Id, Ct)).Value;
    }

    // The refused edit must leave both the content and the version exactly as they were.
    private async Task AssertNothingStoredAsync(DraftContent before)
    {
        var after = (await Store.GetDraftAsync(before.Info.Id, Ct)).Value;
        Assert.Equal(before.Info.Version, after.Info.Version);
        Assert.Equal(EstateText.Describe(before.Estate), EstateText.Describe(after.Estate));
    }

    private static Rule WebRule(IpProtocol protocol, int from, int to, Peer peer) =>
        new("sgr-bad000000000001", Direction.Inbound, protocol, from, to, peer, null);

    [Fact]
    public async Task ASecondGroupWithTheSameNameInTheVpcIgnoringCaseIsRefused()
    {
        var draft = await NewDraftAsync();
        var clash = new SecurityGroup("sg-0c1a5h000000000001", "DEMO-WEB", "clash", DemoEstate.VpcId, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty, []);

        var result = await Store.UpsertGroupAsync(draft.Info.Id, draft.Info.Version, clash, AuditActor.Named("test"), Ct);

        Assert.Equal(StoreFailureKind.Invalid, result.Failure?.Kind);
        Assert.Contains(result.Failure!.Errors, e => e.Path == "groups[sg-0c1a5h000000000001].name");
        await AssertNothingStoredAsync(draft);
    }

    [Theory]
    [InlineData(6, 443, 80, "toPort")]
    [InlineData(6, 0, 70000, "toPort")]
    [InlineData(17, -5, 53, "fromPort")]
    [InlineData(300, -1, -1, "protocol")]
    [InlineData(-2, -1, -1, "protocol")]
    public async Task ARuleWithABadPortRangeOrProtocolIsRefused(int protocol, int from, int to, string field)
    {
        var draft = await NewDraftAsync();

        var result = await Store.UpsertRuleAsync(draft.Info.Id, draft.Info.Version, DemoEstate.Web,
            WebRule(new IpProtocol(protocol), from, to, new CidrPeer(Cidr.AnyV4)), AuditActor.Named("test"), Ct);

        Assert.Equal(StoreFailureKind.Invalid, result.Failure?.Kind);
        Assert.Contains(result.Failure!.Errors, e => e.Path == $"groups[{DemoEstate.Web}].rules[sgr-bad000000000001].{field}");
        await AssertNothingStoredAsync(draft);
    }

    [Fact]
    public async Task ARuleReferencingAGroupThatDoesNotExistIsRefused()
    {
        var draft = await NewDraftAsync();

        var result = await Store.UpsertRuleAsync(draft.Info.Id, draft.Info.Version, DemoEstate.Web,
            WebRule(IpProtocol.Tcp, 80, 80, new GroupPeer("sg-0000000000nothere")), AuditActor.Named("test"), Ct);

        Assert.Equal(StoreFailureKind.Invalid, result.Failure?.Kind);
        Assert.Contains(result.Failure!.Errors, e => e.Path.StartsWith($"groups[{DemoEstate.Web}].rules[sgr-bad000000000001]", StringComparison.Ordinal));
        await AssertNothingStoredAsync(draft);
    }

    [Fact]
    public async Task DeletingAGroupThatOthersStillReferenceIsRefused()
    {
        var draft = await NewDraftAsync();

        var result = await Store.DeleteGroupAsync(draft.Info.Id, draft.Info.Version, DemoEstate.Bastion, AuditActor.Named("test"), Ct);

        Assert.Equal(StoreFailureKind.Invalid, result.Failure?.Kind);
        await AssertNothingStoredAsync(draft);
    }

    [Fact]
    public async Task ADuplicatePolicyNameIgnoringCaseIsInvalidOnTheNameField()
    {
        var name = $"Payments {Guid.NewGuid()}";
        await Store.CreatePolicyAsync(name, null, null, "alice", Ct);

        var duplicate = await Store.CreatePolicyAsync(name.ToUpperInvariant(), null, null, "bob", Ct);

        Assert.Equal(StoreFailureKind.Invalid, duplicate.Failure?.Kind);
        Assert.Equal("name", Assert.Single(duplicate.Failure!.Errors).Path);
        Assert.Single(await Store.ListPoliciesAsync(Ct), p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheDatabaseItselfRejectsRowsThatBypassTheStore()
    {
        var draft = await NewDraftAsync();
        await using var db = database.CreateContext();
        var snapshotId = await db.Drafts.Where(d => d.Id == draft.Info.Id).Select(d => d.SnapshotId).SingleAsync(Ct);

        async Task Rejects(object row)
        {
            await using var context = database.CreateContext();
            context.Add(row);
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(Ct));
        }

        await Rejects(new RuleRow(snapshotId, "sgr-x1", DemoEstate.Web, 9, Direction.Inbound, 6, 443, 80, "0.0.0.0/0", null, null, null));
        await Rejects(new RuleRow(snapshotId, "sgr-x2", DemoEstate.Web, 9, Direction.Inbound, 300, -1, -1, "0.0.0.0/0", null, null, null));
        await Rejects(new RuleRow(snapshotId, "sgr-x3", DemoEstate.Web, 9, Direction.Inbound, 6, 80, 80, "0.0.0.0/0", DemoEstate.Alb, null, null));
        await Rejects(new RuleRow(snapshotId, "sgr-x4", "sg-0000000000nothere", 0, Direction.Inbound, 6, 80, 80, "0.0.0.0/0", null, null, null));
        await Rejects(new GroupRow(snapshotId, "sg-0c1a5h000000000002", DemoEstate.VpcId, "Demo-Web", "DEMO-WEB", 0, "clash"));
        await Rejects(new GroupRow(snapshotId, "sg-0c1a5h000000000003", DemoEstate.VpcId, "sg-web", "SG-WEB", 0, "AWS forbids the prefix"));
        await AssertNothingStoredAsync(draft);
    }
}

public sealed class ConstraintTestsOnSqlite(SqliteDatabase database) : ConstraintTests(database), IClassFixture<SqliteDatabase>;

public sealed class ConstraintTestsOnPostgres(PostgresDatabase database) : ConstraintTests(database), IClassFixture<PostgresDatabase>;
