using System.Net;
using SgDesigner.Core.Documents;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Import;

/// <summary>Network ACLs read by an import are stored with the policy: no "not stored" warning any more.</summary>
public sealed class NetworkAclImportReaderTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Acls_read_from_aws_files_are_kept_without_a_warning_about_them()
    {
        var preview = ImportReader.Read(AwsSampleFiles.Read("batfish-test-nat-gateway"), Now);

        Assert.True(preview.CanStore, string.Join("; ", preview.Errors));
        Assert.Equal(2, preview.Estate!.NetworkAcls.Length);
        Assert.DoesNotContain(preview.Warnings, w => w.Path == "networkAcls");
    }

    [Fact]
    public void A_policy_document_with_acls_keeps_them()
    {
        var estate = ImportReader.Read(AwsSampleFiles.Read("batfish-test-subnet"), Now).Estate!;
        var withAcls = ImportReader.Read([new UploadedFile("p.json", PolicyDocumentJson.Write(new PolicyDocument("p", null, estate)))], Now);
        Assert.Equal(estate.NetworkAcls.Length, withAcls.Estate!.NetworkAcls.Length);
        Assert.DoesNotContain(withAcls.Warnings, w => w.Path == "networkAcls");
    }
}

/// <summary>Storing an imported estate that has ACLs: created, and the revision has them.</summary>
public abstract class NetworkAclImportApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task An_estate_with_acls_is_stored_with_them()
    {
        var response = await _client.PostAsync("/api/policies/import",
            ImportApiTests.Form(ImportApiTests.SampleSet("batfish-test-nat-gateway"), ("name", $"nat {Guid.NewGuid():N}")), TestContext.Current.CancellationToken);

        var imported = await response.ReadAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(imported.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("path").GetString() == "networkAcls");
        var revision = await (await _client.GetAsync($"{response.Headers.Location}/revisions/1", TestContext.Current.CancellationToken)).ReadAsync(HttpStatusCode.OK);
        var estate = revision.GetProperty("estate");
        Assert.Equal(4, estate.GetProperty("networkInterfaces").GetArrayLength());
        var acls = estate.GetProperty("networkAcls");
        Assert.Equal(2, acls.GetArrayLength());
        Assert.Equal(5, acls.EnumerateArray().Sum(a => a.GetProperty("inbound").GetArrayLength() + a.GetProperty("outbound").GetArrayLength()));
    }
}

public sealed class NetworkAclImportApiSqliteTests(SqliteApp fixture) : NetworkAclImportApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class NetworkAclImportApiPostgresTests(PostgresApp fixture) : NetworkAclImportApiTests(fixture), IClassFixture<PostgresApp>;
