using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Web.Features.Idempotency;
using SgDesigner.Web.Hosting;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Idempotency;

/// <summary>The OpenAPI document names the <c>Idempotency-Key</c> header, with its 409 and 422, on exactly the operations that honour it.</summary>
public sealed class IdempotencyContractTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Exactly_the_creating_posts_document_the_header_and_its_409_and_422()
    {
        var document = await fixture.Anonymous.GetFromJsonAsync<JsonElement>(OpenApiEndpoints.DocumentPath, TestContext.Current.CancellationToken);
        var operations = (from path in document.GetProperty("paths").EnumerateObject()
                          from method in path.Value.EnumerateObject()
                          select method.Value).ToList();

        var withHeader = operations.Where(o => o.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == IdempotencyKey.Header)).ToList();

        Assert.Equal(IdempotentEndpoints.All.Keys.Order(), withHeader.Select(o => o.GetProperty("operationId").GetString()!).Order());
        foreach (var operation in withHeader)
        {
            var header = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == IdempotencyKey.Header);
            Assert.Equal("header", header.GetProperty("in").GetString());
            Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean());
            Assert.Contains("24 hours", header.GetProperty("description").GetString(), StringComparison.Ordinal);
            var responses = operation.GetProperty("responses");
            Assert.Contains("still running", responses.GetProperty("409").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Contains("different request", responses.GetProperty("422").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(responses.GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
        }
    }
}
