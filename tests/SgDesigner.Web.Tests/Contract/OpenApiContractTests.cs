using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Hosting;
using SgDesigner.Web.Hosting.OpenApi;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Contract;

/// <summary>
/// Walks the served OpenAPI document: what a client generator needs on every operation (a description, how to sign
/// in, the problems it can answer), descriptions everywhere, and the limits and enums the API enforces.
/// </summary>
public sealed class OpenApiContractTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    // Operations that take no sign-in (their security is []); none under /api today.
    private static readonly HashSet<string> KnownAnonymous = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonElement> DocumentAsync() =>
        await fixture.Anonymous.GetFromJsonAsync<JsonElement>(OpenApiEndpoints.DocumentPath, Token);

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    [Fact]
    public async Task Every_operation_has_a_description_beyond_its_summary()
    {
        var document = await DocumentAsync();

        var bare = Operations(document)
            .Where(o => !o.Operation.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString())
                || o.Operation.TryGetProperty("summary", out var s) && d.GetString()!.Trim() == s.GetString()!.Trim())
            .Select(o => o.Name).ToList();
        Assert.True(bare.Count == 0, "no description (or only the summary again): " + string.Join(", ", bare));
    }

    [Fact]
    public async Task Every_operation_takes_the_cookie_or_a_bearer_token_and_documents_401_and_403_unless_known_anonymous()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("apiKey", schemes.GetProperty(ApiDocumentRules.CookieScheme).GetProperty("type").GetString());
        Assert.Equal("sgd.session", schemes.GetProperty(ApiDocumentRules.CookieScheme).GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty(ApiDocumentRules.BearerScheme).GetProperty("scheme").GetString());
        var wrong = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var security = operation.TryGetProperty("security", out var s) ? s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToHashSet() : null;
            if (security is null)
                wrong.Add($"{name}: no security requirement");
            else if (security.Count == 0 && !KnownAnonymous.Contains(name))
                wrong.Add($"{name}: anonymous (security: []) but not known to be");
            else if (security.Count > 0 && !security.SetEquals([ApiDocumentRules.CookieScheme, ApiDocumentRules.BearerScheme]))
                wrong.Add($"{name}: security {string.Join(", ", security)}");
            var responses = operation.GetProperty("responses");
            if (security is { Count: > 0 } && (!responses.TryGetProperty("401", out _) || !responses.TryGetProperty("403", out _)))
                wrong.Add($"{name}: 401 or 403 not documented");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task Every_error_response_is_a_problem_document_and_each_kind_of_endpoint_documents_its_problems()
    {
        var document = await DocumentAsync();

        var wrong = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            foreach (var response in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
                if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    wrong.Add($"{name} {response.Name}: not application/problem+json");
            var has = (string status) => responses.TryGetProperty(status, out _);
            if (name.Contains('{', StringComparison.Ordinal) && !has("404"))
                wrong.Add($"{name}: names something but documents no 404");
            if (operation.TryGetProperty("requestBody", out _) && !(has("400") && has("413") && has("415")))
                wrong.Add($"{name}: reads a body but lacks 400, 413 or 415");
            if (!name.StartsWith("GET ", StringComparison.Ordinal) && !has("409"))
                wrong.Add($"{name}: writes but documents no 409");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.True(document.GetProperty("paths").GetProperty("/api/policies/import").GetProperty("post").GetProperty("responses").TryGetProperty("429", out var tooMany));
        Assert.True(tooMany.GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(document.GetProperty("paths").GetProperty("/api/account/tokens").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.False(document.GetProperty("paths").GetProperty("/api/policies").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
    }

    [Fact]
    public async Task Every_parameter_property_and_tag_has_a_description()
    {
        var document = await DocumentAsync();

        var missing = Operations(document)
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().Select(p => (o.Name, Parameter: p)) : [])
            .Where(p => !HasDescription(p.Parameter))
            .Select(p => $"{p.Name}: parameter {p.Parameter.GetProperty("name").GetString()}")
            .Concat(from schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject()
                    where schema.Value.TryGetProperty("properties", out _)
                    from property in schema.Value.GetProperty("properties").EnumerateObject()
                    where !HasDescription(property.Value)
                    select $"{schema.Name}.{property.Name}")
            .Concat(from operation in Operations(document)
                    from response in operation.Operation.GetProperty("responses").EnumerateObject()
                    where response.Value.GetProperty("description").GetString() is "OK" or "Created" or "No Content" or "Bad Request" or "Not Found"
                    select $"{operation.Name} {response.Name}: only the reason phrase")
            .Concat(document.GetProperty("tags").EnumerateArray().Where(t => !HasDescription(t))
                .Select(t => $"tag {t.GetProperty("name").GetString()} (add it to {nameof(ApiDocumentRules)}.{nameof(ApiDocumentRules.TagDescriptions)})"))
            .ToList();
        Assert.True(missing.Count == 0, "no description (a /// comment on the record's <param>, the handler's <param>, or the central tables):\n" + string.Join('\n', missing));
    }

    // A description of its own, or on the one non-null branch of a nullable reference.
    private static bool HasDescription(JsonElement element) =>
        element.TryGetProperty("description", out var d) && !string.IsNullOrWhiteSpace(d.GetString())
        || element.TryGetProperty("oneOf", out var branches) && branches.EnumerateArray().Any(b => b.TryGetProperty("description", out _));

    [Fact]
    public async Task Limits_and_closed_sets_come_from_the_validators_constants()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var rule = schemas.GetProperty("RuleRequest").GetProperty("properties");
        Assert.Equal(AwsLimits.MaxPort, rule.GetProperty("fromPort").GetProperty("maximum").GetInt32());
        Assert.Equal(AwsLimits.AnyIcmp, rule.GetProperty("toPort").GetProperty("minimum").GetInt32());
        Assert.Equal(AwsLimits.RuleDescriptionMaxLength, rule.GetProperty("description").GetProperty("maxLength").GetInt32());
        Assert.Equal(["inbound", "outbound", "ingress", "egress"], rule.GetProperty("direction").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ApiSchemaRules.ProtocolPattern, rule.GetProperty("protocol").GetProperty("pattern").GetString());
        Assert.Equal(["inbound", "outbound"], schemas.GetProperty("RuleResponse").GetProperty("properties").GetProperty("direction").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(AwsLimits.PolicyNameMaxLength, schemas.GetProperty("PolicyRequest").GetProperty("properties").GetProperty("name").GetProperty("maxLength").GetInt32());
        var tags = schemas.GetProperty("GroupRequest").GetProperty("properties").GetProperty("tags");
        Assert.Equal(AwsLimits.MaxTagsPerResource, tags.GetProperty("maxProperties").GetInt32());
        Assert.Equal(AwsLimits.TagKeyMaxLength, tags.GetProperty("propertyNames").GetProperty("maxLength").GetInt32());
        Assert.Equal(AwsLimits.MaxGroupsPerEni, schemas.GetProperty("QuotasRequest").GetProperty("properties").GetProperty("groupsPerEni").GetProperty("maximum").GetInt32());
        Assert.Equal(["viewer", "editor", "reviewer", "owner"], schemas.GetProperty("PolicyRole").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("changesRequested", schemas.GetProperty("ChangeRequestStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_import_form_is_described_field_by_field()
    {
        var document = await DocumentAsync();

        var form = document.GetProperty("paths").GetProperty("/api/policies/import").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data");
        var fields = form.GetProperty("schema").GetProperty("properties");
        Assert.Equal(["files", "name", "description", "preview"], fields.EnumerateObject().Select(f => f.Name));
        Assert.All(fields.EnumerateObject(), f => Assert.True(HasDescription(f.Value), f.Name));
        Assert.Equal("binary", fields.GetProperty("files").GetProperty("items").GetProperty("format").GetString());
        Assert.Equal(["files"], form.GetProperty("schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(document.GetProperty("components").GetProperty("schemas").TryGetProperty("IFormFileCollection", out _));
    }

    [Fact]
    public async Task The_server_is_the_public_address_without_a_trailing_slash()
    {
        var server = (await DocumentAsync()).GetProperty("servers")[0].GetProperty("url").GetString()!;

        Assert.False(server.EndsWith('/'), server);
        Assert.StartsWith("http", server, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_list_pages_with_a_bounded_limit_an_opaque_cursor_a_stated_order_and_a_link_to_the_next_page()
    {
        var document = await DocumentAsync();
        string[] lists = ["ListPolicies", "ListRevisions", "ListDrafts", "ListChangeRequests", "ListChangeRequestsWaitingForMyReview",
            "ListChangeRequestComments", "ListAuditEntries", "ListMembers", "ListAccessTokens", "ListUsers"];

        var operations = Operations(document).Where(o => lists.Contains(o.Operation.GetProperty("operationId").GetString())).ToList();

        Assert.Equal(lists.Order(), operations.Select(o => o.Operation.GetProperty("operationId").GetString()!).Order());
        foreach (var (name, operation) in operations)
        {
            var parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
            var limit = parameters["limit"].GetProperty("schema");
            Assert.True(limit.GetProperty("type").GetString() == "integer", $"{name}: limit is {limit}");
            Assert.Equal((1, 500, 50), (limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32(), limit.GetProperty("default").GetInt32()));
            Assert.Equal("string", parameters["cursor"].GetProperty("schema").GetProperty("type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(parameters["cursor"].GetProperty("description").GetString()), name);
            Assert.Contains("The order is stable: ", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            var ok = operation.GetProperty("responses").GetProperty("200");
            Assert.True(ok.GetProperty("headers").TryGetProperty("Link", out _), $"{name}: no Link header");
            var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var page = document.GetProperty("components").GetProperty("schemas").GetProperty(schema.GetProperty("$ref").GetString()!.Split('/')[^1]);
            Assert.True(page.GetProperty("properties").TryGetProperty("items", out _) && page.GetProperty("properties").TryGetProperty("next", out _), $"{name}: {page}");
        }
    }

    [Fact]
    public async Task Conditional_requests_are_documented_on_exactly_the_operations_that_answer_them()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToDictionary(o => o.Name, o => o.Operation);
        bool Has(string name, string status) => operations[name].GetProperty("responses").TryGetProperty(status, out _);
        bool Takes(string name, string header) => operations[name].TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == header
                && p.TryGetProperty("description", out var d) && d.GetString()!.Length > 0);

        string[] writes =
        [
            "POST /api/drafts/{draftId}/publish", "DELETE /api/drafts/{draftId}", "PUT /api/drafts/{draftId}/groups/{groupId}",
            "POST /api/drafts/{draftId}/groups/{groupId}/rules/paste", "PUT /api/drafts/{draftId}/quotas",
            "PUT /api/drafts/{draftId}/network-interfaces/{eniId}/attachment", "PUT /api/policies/{policyId}", "DELETE /api/policies/{policyId}",
            "PUT /api/policies/{policyId}/settings", "PUT /api/policies/{policyId}/graph-layout", "PUT /api/policies/{policyId}/members/{userId}",
            "POST /api/requests/{requestId}/merge", "POST /api/requests/{requestId}/reviews",
        ];
        string[] creations = ["POST /api/policies", "POST /api/policies/{policyId}/drafts", "POST /api/requests/{requestId}/comments", "POST /api/account/tokens", "POST /api/policies/import", "POST /api/policies/{policyId}/members"];
        string[] reads = ["GET /api/drafts/{draftId}", "GET /api/policies/{policyId}/revisions/{number}", "GET /api/policies/{policyId}/revisions/latest", "GET /api/requests/{requestId}", "GET /api/drafts/{draftId}/groups/{groupId}"];

        Assert.All(writes, w => Assert.True(Has(w, "428") && Has(w, "412") && Takes(w, "If-Match"), w));
        Assert.All(creations, c => Assert.False(Has(c, "428") || Has(c, "412") || Takes(c, "If-Match"), c));
        Assert.All(reads, r => Assert.True(Has(r, "304") && Takes(r, "If-None-Match"), r));
        Assert.All(operations.Keys, name =>
        {
            Assert.Equal(Has(name, "428"), Has(name, "412"));
            Assert.Equal(Has(name, "428"), Takes(name, "If-Match"));
            Assert.Equal(Has(name, "304"), Takes(name, "If-None-Match"));
            Assert.False(Has(name, "304") && !name.StartsWith("GET ", StringComparison.Ordinal), name);
        });
        Assert.False(Has("GET /api/policies", "304"));
    }
}
