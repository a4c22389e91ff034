using SgDesigner.Core.Assertions;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;
using SgDesigner.Data.Tests.Review;

namespace SgDesigner.Data.Tests.Settings;

public abstract class PolicySettingsStoreTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PolicySettingsStore Settings => database.Get<PolicySettingsStore>();

    private const string TwoAssertions = """
        # the web tier talks to the app tier, nobody else reaches the database
        {"from": "web-1", "to": "app-1", "protocol": "tcp", "port": 8443, "expect": "allow"}

        {"from": "203.0.113.9", "to": "db-primary", "protocol": "tcp", "port": 5432, "expect": "deny", "name": "no database from outside"}
        """;

    private async Task<IReadOnlyList<AuditEntry>> TrailAsync(ReviewTeam team) =>
        await database.Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: team.Policy, Action: "policy.assertions-changed"), Ct);

    [Fact]
    public async Task ANewPolicyNeedsOneApprovalAndHasNoAssertions()
    {
        var team = await ReviewTeam.CreateAsync(database);

        var settings = await Settings.GetAsync(team.Policy, Ct);

        Assert.Equal(new PolicySettings(team.Policy, 1, ""), settings.Value);
        Assert.Equal(StoreFailureKind.NotFound, (await Settings.GetAsync(Guid.NewGuid(), Ct)).Failure?.Kind);
    }

    [Fact]
    public async Task AnOwnerStoresAssertionsAsWrittenAndTheChangeIsAudited()
    {
        var team = await ReviewTeam.CreateAsync(database);
        Assert.True((await database.Get<ReviewStore>().SetRequiredApprovalsAsync(team.Owner, team.Policy, 2, ct: Ct)).IsOk);

        var stored = await Settings.SetAssertionsAsync(team.Owner, team.Policy, TwoAssertions, ct: Ct);
        var again = await Settings.SetAssertionsAsync(team.Owner, team.Policy, TwoAssertions, ct: Ct);
        var cleared = await Settings.SetAssertionsAsync(team.Owner, team.Policy, "", ct: Ct);

        Assert.True(stored.IsOk, stored.ToString());
        Assert.Equal(new PolicySettings(team.Policy, 2, TwoAssertions), stored.Value);
        Assert.Equal(stored.Value, again.Value);
        Assert.Equal("", cleared.Value.Assertions);
        Assert.Equal("", (await Settings.GetAsync(team.Policy, Ct)).Value.Assertions);
        var trail = await TrailAsync(team);
        Assert.Equal(["2 assertions (was 0 assertions)", "0 assertions (was 2 assertions)"], trail.Select(a => a.Details));
        Assert.All(trail, a => Assert.Equal((team.Owner.UserId, "policy", team.Policy.ToString()), (a.ActorUserId, a.TargetKind, a.TargetId)));
    }

    [Fact]
    public async Task StoredAssertionsParseBackToTheSameFlows()
    {
        var team = await ReviewTeam.CreateAsync(database);
        await Settings.SetAssertionsAsync(team.Owner, team.Policy, TwoAssertions, ct: Ct);

        var parsed = AssertionParser.Parse((await Settings.GetAsync(team.Policy, Ct)).Value.Assertions);

        Assert.True(parsed.IsOk);
        Assert.Equal(AssertionParser.Parse(TwoAssertions).Assertions, parsed.Assertions);
    }

    [Fact]
    public async Task EveryBadLineIsNamedWithTheParsersMessageAndNothingIsStored()
    {
        var team = await ReviewTeam.CreateAsync(database);
        await Settings.SetAssertionsAsync(team.Owner, team.Policy, TwoAssertions, ct: Ct);
        const string bad = """
            {"from": "web-1", "to": "app-1", "protocol": "tcp", "port": 8443, "expect": "allow"}
            {"from": "web-1", "to": "app-1", "protocol": "tcp", "port": 70000, "expect": "allow"}
            not json
            """;
        var expected = AssertionParser.Parse(bad).Errors;

        var refused = await Settings.SetAssertionsAsync(team.Owner, team.Policy, bad, ct: Ct);

        Assert.Equal(StoreFailureKind.Invalid, refused.Failure?.Kind);
        Assert.Equal(["assertions[line 2]", "assertions[line 3]"], refused.Failure!.Errors.Select(e => e.Path));
        Assert.All(refused.Failure.Errors.Zip(expected), p => Assert.EndsWith(p.Second.Message, p.First.Message, StringComparison.Ordinal));
        Assert.StartsWith("port: ", refused.Failure.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(TwoAssertions, (await Settings.GetAsync(team.Policy, Ct)).Value.Assertions);
        Assert.Single(await TrailAsync(team));
    }

    [Fact]
    public async Task AssertionsOverOneHundredThousandCharactersAreRefused()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var line = """{"from": "web-1", "to": "app-1", "protocol": "tcp", "port": 8443, "expect": "allow"}""" + "\n";
        var longest = string.Concat(Enumerable.Repeat(line, PolicySettingsStore.MaxAssertionsLength / line.Length));
        longest += new string('#', PolicySettingsStore.MaxAssertionsLength - longest.Length);

        var atLimit = await Settings.SetAssertionsAsync(team.Owner, team.Policy, longest, ct: Ct);
        var over = await Settings.SetAssertionsAsync(team.Owner, team.Policy, longest + "\n", ct: Ct);

        Assert.True(atLimit.IsOk, atLimit.ToString());
        Assert.Equal(longest, (await Settings.GetAsync(team.Policy, Ct)).Value.Assertions);
        Assert.Equal(("assertions", StoreFailureKind.Invalid), (Assert.Single(over.Failure!.Errors).Path, over.Failure.Kind));
    }

    [Fact]
    public async Task OnlyOwnersAndAdministratorsSetAssertions()
    {
        var team = await ReviewTeam.CreateAsync(database);
        var admin = await TestUsers.CreateAsync(database, "admin", administrator: true);

        var byReviewer = await Settings.SetAssertionsAsync(team.Reviewer, team.Policy, TwoAssertions, ct: Ct);
        var byEditor = await Settings.SetAssertionsAsync(team.Author, team.Policy, TwoAssertions, ct: Ct);
        var anonymous = await Settings.SetAssertionsAsync(AuditActor.Named("someone"), team.Policy, TwoAssertions, ct: Ct);
        var missing = await Settings.SetAssertionsAsync(team.Owner, Guid.NewGuid(), TwoAssertions, ct: Ct);
        var byAdmin = await Settings.SetAssertionsAsync(admin, team.Policy, TwoAssertions, ct: Ct);

        Assert.Equal(StoreFailureKind.Forbidden, byReviewer.Failure?.Kind);
        Assert.Contains("owner", byReviewer.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(StoreFailureKind.Forbidden, byEditor.Failure?.Kind);
        Assert.Equal(StoreFailureKind.Forbidden, anonymous.Failure?.Kind);
        Assert.Equal(StoreFailureKind.NotFound, missing.Failure?.Kind);
        Assert.True(byAdmin.IsOk);
        Assert.Equal(admin.UserId, Assert.Single(await TrailAsync(team)).ActorUserId);
    }
}

public sealed class PolicySettingsStoreTestsOnSqlite(SqliteDatabase database) : PolicySettingsStoreTests(database), IClassFixture<SqliteDatabase>;

public sealed class PolicySettingsStoreTestsOnPostgres(PostgresDatabase database) : PolicySettingsStoreTests(database), IClassFixture<PostgresDatabase>;
