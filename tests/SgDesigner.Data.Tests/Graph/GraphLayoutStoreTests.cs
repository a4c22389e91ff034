using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Graph;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using SgDesigner.Data.Tests.Review;

namespace SgDesigner.Data.Tests.Graph;

public abstract class GraphLayoutStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private GraphLayoutStore Layouts => database.Get<GraphLayoutStore>();

    private static Dictionary<string, NodePosition> Positions(params (string Id, double X, double Y)[] nodes) =>
        nodes.ToDictionary(n => n.Id, n => new NodePosition(n.X, n.Y), StringComparer.Ordinal);

    [Fact]
    public async Task An_editor_s_layout_is_read_back_by_everyone_and_makes_no_revision_nor_audit_entry()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var revisions = (await database.Store.ListRevisionsAsync(team.Policy, Ct)).Value.Count;
        var trail = (await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: team.Policy), Ct)).Count;

        var stored = await Layouts.ReplaceAsync(team.Author, team.Policy, Positions(("sg-0a1b0000000000001", 12.5, -40), ("cidr:2001:db8::/32", 300, 600.25)), ct: Ct);

        Assert.True(stored.IsOk, stored.ToString());
        var read = (await Layouts.GetAsync(team.Policy, Ct)).Value;
        Assert.Equal(new NodePosition(12.5, -40), read.Positions["sg-0a1b0000000000001"]);
        Assert.Equal(new NodePosition(300, 600.25), read.Positions["cidr:2001:db8::/32"]);
        Assert.Equal(revisions, (await database.Store.ListRevisionsAsync(team.Policy, Ct)).Value.Count);
        Assert.Equal(trail, (await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: team.Policy), Ct)).Count);
    }

    [Fact]
    public async Task Moving_one_node_keeps_the_others_and_an_empty_layout_resets_them_all()
    {
        var team = await ReviewTeam.CreateAsync(database);
        await Layouts.ReplaceAsync(team.Owner, team.Policy, Positions(("sg-a", 1, 2), ("sg-b", 3, 4)), ct: Ct);

        var moved = await Layouts.MoveAsync(team.Author, team.Policy, "sg-b", new NodePosition(30, 40), Ct);
        var added = await Layouts.MoveAsync(team.Author, team.Policy, "sg-c", new NodePosition(5, 6), Ct);

        Assert.Equal(Positions(("sg-a", 1, 2), ("sg-b", 30, 40), ("sg-c", 5, 6)), added.Value.Positions);
        Assert.True(moved.IsOk);
        var reset = await Layouts.ReplaceAsync(team.Author, team.Policy, new Dictionary<string, NodePosition>(), ct: Ct);
        Assert.Empty(reset.Value.Positions);
        Assert.Empty((await Layouts.GetAsync(team.Policy, Ct)).Value.Positions);
    }

    [Theory]
    [InlineData(double.NaN, 0, "x is NaN")]
    [InlineData(0, double.PositiveInfinity, "y is Infinity")]
    [InlineData(1e9, 0, "x is 1000000000")]
    [InlineData(0, -100_000.5, "y is -100000.5")]
    public async Task A_bad_coordinate_is_refused_naming_the_node_and_nothing_is_stored(double x, double y, string message)
    {
        var team = await ReviewTeam.CreateAsync(database);
        await Layouts.ReplaceAsync(team.Author, team.Policy, Positions(("sg-kept", 1, 1)), ct: Ct);

        var replaced = await Layouts.ReplaceAsync(team.Author, team.Policy, Positions(("sg-fine", 10, 10), ("sg-bad", x, y)), ct: Ct);
        var moved = await Layouts.MoveAsync(team.Author, team.Policy, "sg-bad", new NodePosition(x, y), Ct);

        foreach (var refused in new[] { replaced, moved })
        {
            Assert.Equal(StoreFailureKind.Invalid, refused.Failure?.Kind);
            var error = Assert.Single(refused.Failure!.Errors);
            Assert.Equal("positions[sg-bad]", error.Path);
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(Positions(("sg-kept", 1, 1)), (await Layouts.GetAsync(team.Policy, Ct)).Value.Positions);
    }

    [Fact]
    public async Task Node_ids_must_be_text_a_column_holds()
    {
        var team = await ReviewTeam.CreateAsync(database);

        var blank = await Layouts.MoveAsync(team.Author, team.Policy, " ", new NodePosition(1, 1), Ct);
        var control = await Layouts.MoveAsync(team.Author, team.Policy, "sg-\u0000", new NodePosition(1, 1), Ct);
        var tooLong = await Layouts.MoveAsync(team.Author, team.Policy, new string('a', GraphLayoutStore.MaxNodeIdLength + 1), new NodePosition(1, 1), Ct);

        Assert.All([blank, control, tooLong], r => Assert.Equal(StoreFailureKind.Invalid, r.Failure?.Kind));
        Assert.Empty((await Layouts.GetAsync(team.Policy, Ct)).Value.Positions);
    }

    [Fact]
    public async Task Viewers_read_but_do_not_place_and_an_unknown_policy_is_not_found()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var viewer = await TestUsers.CreateAsync(database, "viewer");
        await TestUsers.JoinAsync(database, team.Policy, viewer, PolicyRole.Viewer);

        var byViewer = await Layouts.MoveAsync(viewer, team.Policy, "sg-a", new NodePosition(1, 1), Ct);
        var anonymous = await Layouts.ReplaceAsync(AuditActor.Named("someone"), team.Policy, Positions(("sg-a", 1, 1)), ct: Ct);
        var missing = await Layouts.GetAsync(Guid.NewGuid(), Ct);
        var missingWrite = await Layouts.MoveAsync(team.Author, Guid.NewGuid(), "sg-a", new NodePosition(1, 1), Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byViewer.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, anonymous.Failure?.Kind);
        Assert.Equal(StoreFailureKind.NotFound, missing.Failure?.Kind);
        Assert.Equal(StoreFailureKind.NotFound, missingWrite.Failure?.Kind);
        Assert.Empty((await Layouts.GetAsync(team.Policy, Ct)).Value.Positions);
    }

    [Fact]
    public async Task Deleting_the_policy_deletes_its_layout()
    {
        var team = await ReviewTeam.CreateAsync(database);
        await Layouts.MoveAsync(team.Author, team.Policy, "sg-a", new NodePosition(1, 1), Ct);

        Assert.True((await database.Store.DeletePolicyAsync(team.Policy, team.Owner, ct: Ct)).IsOk);

        Assert.Equal(StoreFailureKind.NotFound, (await Layouts.GetAsync(team.Policy, Ct)).Failure?.Kind);
    }
}

public sealed class GraphLayoutStoreTestsOnSqlite(SqliteDatabase database) : GraphLayoutStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class GraphLayoutStoreTestsOnPostgres(PostgresDatabase database) : GraphLayoutStoreTests(database), IClassFixture<PostgresDatabase>;
