using System.Net;
using SgDesigner.Core.Documents;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Import;

/// <summary>
/// The web store does not keep network ACLs yet: an import that read some says so in one warning line rather than
/// dropping them silently, and storing such an estate works (without them).
/// </summary>
public sealed class NetworkAclImportReaderTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Acls_read_from_aws_files_get_one_warning_that_they_are_not_stored()
    {
        var preview = ImportReader.Read(AwsSampleFiles.Read("batfish-test-nat-gateway"), Now);

        Assert.True(preview.CanStore, string.Join("; ", preview.Errors));
        var warning = Assert.Single(preview.Warnings, w => w.Path == "networkAcls");
        Assert.Equal(
            "2 network ACL(s) with 5 rule(s) were read, but the web app does not store network ACLs yet: the stored policy will not have them (sgd reach answers with them from the file)",
            warning.Message);
        Assert.DoesNotContain(preview.Warnings, w => w.Message.Contains("not modelled", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_document_with_acls_gets_the_same_warning_and_one_without_none()
    {
        var estate = ImportReader.Read(AwsSampleFiles.Read("batfish-test-subnet"), Now).Estate!;
        var withAcls = ImportReader.Read([new UploadedFile("p.json", PolicyDocumentJson.Write(new PolicyDocument("p", null, estate)))], Now);
        Assert.Single(withAcls.Warnings, w => w.Path == "networkAcls");

        var without = ImportReader.Read([new UploadedFile("p.json", PolicyDocumentJson.Write(new PolicyDocument("p", null, estate with { NetworkAcls = [] })))], Now);
        Assert.DoesNotContain(without.Warnings, w => w.Path.EndsWith("networkAcls", StringComparison.Ordinal));
    }
}

/// <summary>Storing an imported estate that has ACLs: created, with the warning in the answer.</summary>
public abstract class NetworkAclImportApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task An_estate_with_acls_is_stored_without_them_and_the_answer_says_so()
    {
        var response = await _client.PostAsync("/api/policies/import",
            ImportApiTests.Form(ImportApiTests.SampleSet("batfish-test-nat-gateway"), ("name", $"nat {Guid.NewGuid():N}")), TestContext.Current.CancellationToken);

        var imported = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Contains(imported.GetProperty("warnings").EnumerateArray(),
            w => w.GetProperty("path").GetString() == "networkAcls" && w.GetProperty("message").GetString()!.Contains("does not store network ACLs yet", StringComparison.Ordinal));
        var revision = await (await _client.GetAsync($"{response.Headers.Location}/revisions/1", TestContext.Current.CancellationToken)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(4, revision.GetProperty("estate").GetProperty("networkInterfaces").GetArrayLength());
    }
}

public sealed class NetworkAclImportApiSqliteTests(SqliteApp fixture) : NetworkAclImportApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class NetworkAclImportApiPostgresTests(PostgresApp fixture) : NetworkAclImportApiTests(fixture), IClassFixture<PostgresApp>;
