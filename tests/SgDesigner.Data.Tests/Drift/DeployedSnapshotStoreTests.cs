using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Drift;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using SgDesigner.Data.Tests.Review;

namespace SgDesigner.Data.Tests.Drift;

public abstract class DeployedSnapshotStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DeployedSnapshotStore Snapshots => database.Get<DeployedSnapshotStore>();

    [Theory]
    [MemberData(nameof(AwsSamples.Datasets), MemberType = typeof(AwsSamples))]
    public async Task A_real_deployment_is_kept_as_it_was_read(string dataset)
    {
        var team = await ReviewTeam.CreateAsync(database);
        var deployed = AwsSamples.Import(dataset);

        var added = await Snapshots.AddAsync(team.Author, team.Policy, DeployedSource.AwsCli, "SecurityGroups.json", deployed, Ct);

        Assert.True(added.IsOk, added.ToString());
        var stored = await Snapshots.GetAsync(team.Policy, added.Value.Id, Ct);
        Assert.Equal(EstateText.Describe(deployed), EstateText.Describe(stored.Value.Estate));
        Assert.Equal(DeployedSource.AwsCli, stored.Value.Info.Source);
        Assert.Equal(deployed.Groups.Sum(g => g.Rules.Length), stored.Value.Info.Rules);
        Assert.Contains(team.Author.Name, stored.Value.Info.UploadedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_newest_snapshot_is_the_default_and_the_list_is_newest_first()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var older = await Snapshots.AddAsync(team.Author, team.Policy, DeployedSource.TerraformState, "monday.json", DemoEstate.Build(), Ct);
        var newer = await Snapshots.AddAsync(team.Owner, team.Policy, DeployedSource.AwsCli, "tuesday.json", DemoEstate.Build(), Ct);

        Assert.Equal(newer.Value.Id, (await Snapshots.GetAsync(team.Policy, null, Ct)).Value.Info.Id);
        Assert.Equal([newer.Value.Id, older.Value.Id], (await Snapshots.ListAsync(team.Policy, Ct)).Value.Select(s => s.Id));
        Assert.Equal(DeployedSource.TerraformState, (await Snapshots.ListAsync(team.Policy, Ct)).Value[1].Source);
    }

    [Fact]
    public async Task A_viewer_may_neither_upload_nor_delete_and_nothing_changes()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var viewer = await TestUsers.CreateAsync(database, "viewer");
        await TestUsers.JoinAsync(database, team.Policy, viewer, PolicyRole.Viewer);
        var kept = await Snapshots.AddAsync(team.Author, team.Policy, DeployedSource.AwsCli, "kept.json", DemoEstate.Build(), Ct);

        var upload = await Snapshots.AddAsync(viewer, team.Policy, DeployedSource.AwsCli, "refused.json", DemoEstate.Build(), Ct);
        var delete = await Snapshots.DeleteAsync(viewer, team.Policy, kept.Value.Id, Ct);

        Assert.Equal(StoreFailureKind.Forbidden, upload.Failure!.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, delete.Failure!.Kind);
        Assert.Equal([kept.Value.Id], (await Snapshots.ListAsync(team.Policy, Ct)).Value.Select(s => s.Id));
    }

    [Fact]
    public async Task A_file_name_with_a_control_character_is_refused_at_its_field()
    {
        var team = await ReviewTeam.CreateAsync(database);

        var refused = await Snapshots.AddAsync(team.Author, team.Policy, DeployedSource.AwsCli, "sg\u0001.json", DemoEstate.Build(), Ct);

        Assert.Equal("fileName", Assert.Single(refused.Failure!.Errors).Path);
        Assert.Empty((await Snapshots.ListAsync(team.Policy, Ct)).Value);
    }

    [Fact]
    public async Task Deleting_is_audited_and_a_deleted_policy_takes_its_snapshots()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var first = await Snapshots.AddAsync(team.Author, team.Policy, DeployedSource.AwsCli, "first.json", DemoEstate.Build(), Ct);
        await Snapshots.AddAsync(team.Author, team.Policy, DeployedSource.AwsCli, "second.json", DemoEstate.Build(), Ct);

        Assert.True((await Snapshots.DeleteAsync(team.Owner, team.Policy, first.Value.Id, Ct)).IsOk);
        Assert.Equal(StoreFailureKind.NotFound, (await Snapshots.GetAsync(team.Policy, first.Value.Id, Ct)).Failure!.Kind);
        var audit = await database.Get<AuditLog>().QueryAsync(new AuditFilter(team.Policy, Action: "snapshot."), Ct);
        Assert.Equal(3, audit.Count);
        Assert.Contains(audit, e => e.Action == DeployedSnapshotStore.DeletedAction && e.Details!.Contains("first.json", StringComparison.Ordinal));

        Assert.True((await database.Get<PolicyStore>().DeletePolicyAsync(team.Policy, team.Owner, ct: Ct)).IsOk);
        await using var db = database.CreateContext();
        Assert.False(await db.DeployedSnapshots.AnyAsync(s => s.PolicyId == team.Policy, Ct));
    }
}

public sealed class DeployedSnapshotStoreTestsOnSqlite(SqliteDatabase database) : DeployedSnapshotStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class DeployedSnapshotStoreTestsOnPostgres(PostgresDatabase database) : DeployedSnapshotStoreTests(database), IClassFixture<PostgresDatabase>;
