using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

public abstract class ImportedSampleTests(TestDatabase database)
{
    [Theory]
    [MemberData(nameof(AwsSamples.Datasets), MemberType = typeof(AwsSamples))]
    public async Task AnImportedAwsAccountIsStoredAndComesBackUnchanged(string dataset)
    {
        var ct = TestContext.Current.CancellationToken;
        var estate = AwsSamples.Import(dataset);

        var created = await database.Store.CreatePolicyAsync($"{dataset} {Guid.NewGuid()}", null, estate, "importer", ct);
        Assert.True(created.IsOk, created.ToString());
        var revision = (await database.Store.GetRevisionAsync(created.Value.Id, 1, ct)).Value;

        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(revision.Estate));
    }
}

public sealed class ImportedSampleTestsOnSqlite(SqliteDatabase database) : ImportedSampleTests(database), IClassFixture<SqliteDatabase>;

public sealed class ImportedSampleTestsOnPostgres(PostgresDatabase database) : ImportedSampleTests(database), IClassFixture<PostgresDatabase>;
