using System.Net;
using System.Net.Http.Json;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Terraform;
using SgDesigner.Web.Features.Export;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Export;

public abstract class ExportApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<Guid> ImportAsync(string set, string name)
    {
        var response = await _client.PostAsync("/api/policies/import", ImportApiTests.Form(ImportApiTests.SampleSet(set), ("name", name)), Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("policy").GetProperty("id").GetGuid();
    }

    private async Task<(string FileName, string Text)> DownloadAsync(string uri)
    {
        var response = await _client.GetAsync(uri, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        return (disposition!.FileNameStar ?? disposition.FileName!.Trim('"'), text);
    }

    [Fact]
    public async Task Terraform_rules_style_is_a_download_that_reads_back_as_the_same_groups_and_rules()
    {
        var id = await ImportAsync("cloudmapper-demo", $"Cloud Mapper {Guid.NewGuid():N}");

        var (fileName, text) = await DownloadAsync($"/api/policies/{id}/export?format=terraform&style=rules");

        Assert.Matches("^cloud-mapper-[0-9a-f]{32}-r1\\.tf\\.json$", fileName);
        var stored = await _client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/policies/{id}/revisions/1", Token);
        var storedRules = stored.GetProperty("estate").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("id").GetString()).Order().ToList();
        var read = TerraformImporter.Import(text, fileName);
        Assert.True(read.Estate is not null, read.Error?.ToString());
        Assert.Equal(storedRules, read.Estate.Groups.SelectMany(g => g.Rules).Select(r => r.Id).Order());
        Assert.Contains("aws_vpc_security_group_ingress_rule", text, StringComparison.Ordinal);
        Assert.Contains("${aws_security_group.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terraform_inline_style_writes_the_rules_inside_their_groups()
    {
        var id = await ImportAsync("batfish-test-subnet", $"subnet {Guid.NewGuid():N}");

        var (fileName, text) = await DownloadAsync($"/api/policies/{id}/export?format=terraform&style=inline&revision=1");

        Assert.EndsWith("-r1-inline.tf.json", fileName, StringComparison.Ordinal);
        Assert.DoesNotContain("aws_vpc_security_group_ingress_rule", text, StringComparison.Ordinal);
        Assert.Contains("\"ingress\"", text, StringComparison.Ordinal);
        Assert.NotNull(TerraformImporter.Import(text, fileName).Estate);
    }

    [Fact]
    public async Task The_policy_document_download_reads_back_with_the_policy_s_name_and_content()
    {
        var name = $"nat gateway {Guid.NewGuid():N}";
        var id = await ImportAsync("batfish-test-nat-gateway", name);

        var (fileName, text) = await DownloadAsync($"/api/policies/{id}/export?format=document");

        Assert.EndsWith("-r1.policy.json", fileName, StringComparison.Ordinal);
        var document = PolicyDocumentJson.Read(text);
        Assert.True(document.IsOk, document.Error?.ToString());
        Assert.Equal(name, document.Document!.Name);
        Assert.Equal(3, document.Document.Estate.Instances.Length);
    }

    [Fact]
    public async Task An_older_revision_is_exported_as_it_was()
    {
        var id = await ImportAsync("batfish-test-subnet", $"history {Guid.NewGuid():N}");
        var draft = await (await _client.PostAsJsonAsync($"/api/policies/{id}/drafts", new { title = "drop a rule" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        var (estate, version) = await _client.DraftAsync(draftId);
        var group = estate.GetProperty("groups").EnumerateArray().First(g => g.GetProperty("rules").GetArrayLength() > 0);
        var ruleId = group.GetProperty("rules")[0].GetProperty("id").GetString()!;
        var groupId = group.GetProperty("id").GetString();
        using (var delete = ApiSteps.WithVersion(HttpMethod.Delete, $"/api/drafts/{draftId}/groups/{groupId}/rules/{ruleId}", version))
            Assert.True((await _client.SendAsync(delete, Token)).IsSuccessStatusCode);
        await (await _client.PublishAsync(draftId, new { message = "drop a rule" })).ReadAsync(HttpStatusCode.Created);

        var (first, firstText) = await DownloadAsync($"/api/policies/{id}/export?format=document&revision=1");
        var (latest, latestText) = await DownloadAsync($"/api/policies/{id}/export?format=document");

        Assert.EndsWith("-r1.policy.json", first, StringComparison.Ordinal);
        Assert.EndsWith("-r2.policy.json", latest, StringComparison.Ordinal);
        Assert.Contains(ruleId, firstText, StringComparison.Ordinal);
        Assert.DoesNotContain(ruleId, latestText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_or_style_is_a_400_at_that_parameter()
    {
        var id = await _client.DemoPolicyIdAsync();

        var format = await (await _client.GetAsync($"/api/policies/{id}/export?format=yaml", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var style = await (await _client.GetAsync($"/api/policies/{id}/export?style=modules", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'yaml' is not an export format", format.ErrorAt("format"), StringComparison.Ordinal);
        Assert.Contains("'modules' is not a Terraform style", style.ErrorAt("style"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_policy_or_revision_is_a_404_problem()
    {
        var id = await _client.DemoPolicyIdAsync();

        await (await _client.GetAsync($"/api/policies/{Guid.NewGuid()}/export", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await _client.GetAsync($"/api/policies/{id}/export?revision=99", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no revision 99", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_name_is_safe_for_any_policy_name()
    {
        var created = await _client.PostAsJsonAsync("/api/policies", new { name = $"Ünïcode / \"quoted\" {Guid.NewGuid():N}" }, Token);
        var id = (await created.ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var (fileName, text) = await DownloadAsync($"/api/policies/{id}/export");

        Assert.Matches("^n-code-quoted-[0-9a-f]{32}-r1\\.tf\\.json$", fileName);
        // An empty policy is a valid configuration: the terraform block alone, no empty maps.
        Assert.Equal(["terraform"], System.Text.Json.JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_invalid_revision_is_a_422_with_the_named_errors_of_an_edit()
    {
        // A stale reference and two "default" groups in one VPC: imported as they are, refused for Terraform.
        var id = await ImportAsync("batfish-hybrid-cloud-aws-usw2", $"hybrid {Guid.NewGuid():N}");

        var problem = await (await _client.GetAsync($"/api/policies/{id}/export?format=terraform&style=inline", Token))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("security group 'sg-cf3f86b3' does not exist", problem.ErrorAt("rules[sgr-46ecf91b9354dd096].peer"), StringComparison.Ordinal);
        Assert.Contains("is already used by", problem.ErrorAt("].name"), StringComparison.Ordinal);
        // The policy document still exports: it is the way to carry the data elsewhere to fix it.
        await DownloadAsync($"/api/policies/{id}/export?format=document");
    }

    [Fact]
    public async Task Inline_groups_in_a_cycle_are_named_in_a_header_and_the_file_and_the_provider_block_is_an_option()
    {
        var id = await _client.DemoPolicyIdAsync();

        var response = await _client.GetAsync($"/api/policies/{id}/export?format=terraform&style=inline&provider=true", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var groups = string.Join(",", response.Headers.GetValues(ExportApi.RulesStyleGroupsHeader));
        Assert.Contains("sg-0a1b0000000000a99", groups, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues(ExportApi.NotesHeader), n => n.Contains("reference each other in a cycle", StringComparison.Ordinal));
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        Assert.Contains("rules style", doc.RootElement.GetProperty("//").GetString(), StringComparison.Ordinal);
        Assert.Equal("${var.region}", doc.RootElement.GetProperty("provider").GetProperty("aws").GetProperty("region").GetString());
        var plain = await (await _client.GetAsync($"/api/policies/{id}/export?format=terraform", Token)).Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("\"provider\"", plain, StringComparison.Ordinal);
    }
}

public sealed class ExportApiSqliteTests(SqliteApp fixture) : ExportApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class ExportApiPostgresTests(PostgresApp fixture) : ExportApiTests(fixture), IClassFixture<PostgresApp>;
