using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>Network ACLs and instances' client port ranges through every way content is written and read.</summary>
public abstract class NetworkAclStorageTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly AuditActor Actor = AuditActor.Named("test");

    [Fact]
    public async Task EditsOfAclsInADraftAreStoredAndPublishedIntoTheRevision()
    {
        var estate = EstateGenerator.Generate(groups: 8, rulesPerGroup: 4, enis: 12);
        var policy = (await database.Store.CreatePolicyAsync($"acl edits {Guid.NewGuid()}", null, estate, "alice", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "acls", "alice", Ct)).Value;
        var vpc = estate.Vpcs[0].Id;
        var subnet = estate.Subnets.First(s => s.VpcId == vpc && NetworkAclEdits.AclOf(estate, s)!.IsDefault).Id;
        var instance = estate.Instances[0].Id;
        EstateEdit[] edits =
        [
            NetworkAclEdits.CreateAcl("acl-0new00000000001", vpc, "db tier"),
            NetworkAclEdits.PutEntry("acl-0new00000000001", Direction.Inbound, new NetworkAclEntry(100, IpProtocol.Tcp, 5432, 5432, Cidr.Parse("10.0.0.0/16").Value, AclAction.Allow)),
            NetworkAclEdits.PutEntry("acl-0new00000000001", Direction.Inbound, new NetworkAclEntry(200, IpProtocol.All, -1, -1, Cidr.AnyV4, AclAction.Deny)),
            NetworkAclEdits.PutEntry("acl-0new00000000001", Direction.Outbound, new NetworkAclEntry(100, IpProtocol.Tcp, 1024, 65535, Cidr.AnyV4, AclAction.Allow)),
            NetworkAclEdits.MoveEntry("acl-0new00000000001", Direction.Inbound, 200, up: true),
            NetworkAclEdits.AssociateSubnet("acl-0new00000000001", subnet),
            NetworkAclEdits.DeleteEntry($"acl-{0:x8}1", Direction.Outbound, 200),
            NetworkAclEdits.SetEphemeralPorts(instance, new EphemeralPorts(EphemeralPortsKind.Custom, 1024, 5000)),
        ];
        var expected = estate;
        var version = draft.Version;
        foreach (var edit in edits)
        {
            var local = edit(expected);
            Assert.True(local.IsOk, local.Message);
            expected = local.Estate!;
            var stored = await database.Store.EditDraftAsync(draft.Id, version, edit, Actor, Ct);
            Assert.True(stored.IsOk, stored.ToString());
            version = stored.Value.Version;
        }

        var content = (await database.Store.GetDraftAsync(draft.Id, Ct)).Value;
        Assert.Equal(EstateText.Describe(expected), EstateText.Describe(content.Estate));
        var created = Assert.Single(content.Estate.NetworkAcls, a => a.Id == "acl-0new00000000001");
        Assert.Equal([100, 200], created.Inbound.Select(r => r.RuleNumber));
        Assert.Equal(AclAction.Deny, created.Inbound[0].Action);
        Assert.Equal([subnet], created.SubnetIds);

        var published = await database.Store.PublishDraftAsync(draft.Id, "acls", Actor, version, Ct);
        Assert.True(published.IsOk, published.ToString());
        var revision = (await database.Store.GetRevisionAsync(policy.Id, null, Ct)).Value;
        Assert.Equal(EstateText.Describe(expected), EstateText.Describe(revision.Estate));
    }

    [Fact]
    public async Task AnInvalidAclEditIsRefusedAndStoresNothing()
    {
        var estate = EstateGenerator.Generate(groups: 4, rulesPerGroup: 2, enis: 4);
        var policy = (await database.Store.CreatePolicyAsync($"acl refused {Guid.NewGuid()}", null, estate, "bob", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "acls", "bob", Ct)).Value;

        var refused = await database.Store.EditDraftAsync(draft.Id, draft.Version,
            NetworkAclEdits.PutEntry($"acl-{0:x8}1", Direction.Inbound, new NetworkAclEntry(100, IpProtocol.Udp, 1, 1, Cidr.AnyV4, AclAction.Allow)), Actor, Ct);
        var outOfRange = await database.Store.EditDraftAsync(draft.Id, draft.Version,
            NetworkAclEdits.PutEntry($"acl-{0:x8}1", Direction.Inbound, new NetworkAclEntry(40000, IpProtocol.Udp, 1, 1, Cidr.AnyV4, AclAction.Allow)), Actor, Ct);

        Assert.False(refused.IsOk);
        Assert.Contains("ruleNumber", refused.ToString(), StringComparison.Ordinal);
        Assert.False(outOfRange.IsOk);
        Assert.Contains("out of range", outOfRange.ToString(), StringComparison.Ordinal);
        var content = (await database.Store.GetDraftAsync(draft.Id, Ct)).Value;
        Assert.Equal(draft.Version, content.Info.Version);
        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(content.Estate));
    }
}

public sealed class NetworkAclStorageTestsOnSqlite(SqliteDatabase database) : NetworkAclStorageTests(database), IClassFixture<SqliteDatabase>;

public sealed class NetworkAclStorageTestsOnPostgres(PostgresDatabase database) : NetworkAclStorageTests(database), IClassFixture<PostgresDatabase>;
