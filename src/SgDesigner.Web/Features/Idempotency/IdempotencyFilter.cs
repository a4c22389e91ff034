using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using SgDesigner.Data.Idempotency;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Idempotency;

/// <summary>
/// Runs a creating request once per <c>Idempotency-Key</c>: the first request runs and, when it succeeds (2xx), its
/// response is kept; a retry with the same key and the same request gets that response again with
/// <c>Idempotent-Replayed: true</c>, and nothing is created or audited again. A failed request keeps nothing (it created
/// nothing), so a retry with the same key runs again. Keys belong to the user, and a result is replayed only to the
/// credential (session or token) that made it. It runs after the access filters: a caller who may not call the endpoint
/// gets no replay either.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store, IDataProtectionProvider protection) : IEndpointFilter
{
    /// <summary>The data-protection purpose of kept response bodies (a token's creation returns its secret).</summary>
    public const string Purpose = "SgDesigner.Idempotency.ResponseBody.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (key, problem) = IdempotencyKey.Read(http.Request.Headers[IdempotencyKey.Header]);
        if (problem is not null)
            return ApiResults.Invalid([new Core.Model.ValidationError(IdempotencyKey.Header, problem)]);
        if (key is null || await Caller.FromHttpContextAsync(http) is not { } caller)
            return await next(context);

        var request = new IdempotentRequest(caller.UserId, caller.Token?.TokenId, key, EndpointOf(http), await RequestFingerprint.ComputeAsync(http.Request, http.RequestAborted));
        var claim = await store.BeginAsync(request, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                return Replay(claim.Response!);
            case IdempotencyOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return IdempotencyProblems.InProgress();
            case IdempotencyOutcome.Mismatch:
                return IdempotencyProblems.Mismatch(claim.FirstEndpoint!, request.Endpoint);
            case IdempotencyOutcome.OtherCredential:
                return IdempotencyProblems.OtherCredential();
        }
        return await RunAsync(context, next, claim.RecordId);
    }

    // The handler's result is written into a buffer first, so that a success can be kept before the client sees it.
    private async Task<object?> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Guid recordId)
    {
        var http = context.HttpContext;
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        try
        {
            if (await next(context) is not IResult result)
                throw new InvalidOperationException($"{http.Request.Path}: an idempotent endpoint must return an IResult");
            http.Response.Body = buffer;
            await result.ExecuteAsync(http);
        }
        catch
        {
            await store.AbandonAsync(recordId, CancellationToken.None);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        // The thing exists once the handler succeeded: keep its response even when the client has gone away meanwhile.
        if (http.Response.StatusCode is >= 200 and < 300)
            await store.CompleteAsync(recordId, new StoredResponse(http.Response.StatusCode, http.Response.ContentType,
                NullIfEmpty(http.Response.Headers.Location), NullIfEmpty(http.Response.Headers.ETag), _protector.Protect(buffer.ToArray())), CancellationToken.None);
        else
            await store.AbandonAsync(recordId, CancellationToken.None);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private IResult Replay(StoredResponse response)
    {
        byte[] body;
        try
        {
            body = _protector.Unprotect(response.ProtectedBody);
        }
        catch (CryptographicException)
        {
            return IdempotencyProblems.Unreadable();
        }
        return new ReplayedResponse(response, body);
    }

    /// <summary>Method and route template, e.g. <c>POST /api/policies/{policyId:guid}/drafts/</c>; the route values are in the fingerprint's path.</summary>
    private static string EndpointOf(HttpContext http) =>
        $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
