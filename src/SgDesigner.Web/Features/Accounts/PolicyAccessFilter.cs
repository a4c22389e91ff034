using SgDesigner.Data.Accounts;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>The action an endpoint needs on the policy its route names; read by the filter and by the role tests.</summary>
/// <param name="Action">What the caller must be allowed to do.</param>
public sealed record PolicyAccessRequirement(PolicyAction Action);

/// <summary>An endpoint any signed-in user may call, because it is not about one policy (listing, creating, importing).</summary>
public sealed record SignedInOnly;

/// <summary>
/// Enforces <see cref="PolicyAccess"/> on API endpoints, server-side, before the handler runs. The policy comes from
/// the route: <c>policyId</c>, or the policy of <c>draftId</c> or <c>requestId</c>. Unknown ids are 404, a missing
/// role is 403 saying which role is needed, and no caller is 401.
/// </summary>
public static class PolicyAccessFilter
{
    /// <summary>Requires the caller to be allowed <paramref name="action"/> on the route's policy.</summary>
    public static TBuilder RequirePolicyAccess<TBuilder>(this TBuilder builder, PolicyAction action) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new PolicyAccessRequirement(action));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (await Caller.FromHttpContextAsync(http) is not { } caller)
                return SignInFirst();
            var access = http.RequestServices.GetRequiredService<PolicyAccess>();
            var (policyId, missing) = await PolicyOfRouteAsync(http, access);
            if (policyId is not { } id)
                return TypedResults.Problem(title: "Not found", detail: missing, statusCode: StatusCodes.Status404NotFound);
            if (await access.RefusalAsync(caller.UserId, action, id, caller.Token, http.RequestAborted) is { } refusal)
            {
                var status = refusal.Kind == Data.Store.StoreFailureKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
                return TypedResults.Problem(title: status == 404 ? "Not found" : "Forbidden", detail: refusal.Message, statusCode: status);
            }
            return await next(context);
        });
    }

    /// <summary>Requires a signed-in caller only; for endpoints that are not about one policy.</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new SignedInOnly());
        return builder.AddEndpointFilter(async (context, next) =>
            await Caller.FromHttpContextAsync(context.HttpContext) is null ? SignInFirst() : await next(context));
    }

    private static IResult SignInFirst() =>
        TypedResults.Problem(title: "Unauthorized", detail: "sign in, or send a personal access token as 'Authorization: Bearer sgd_pat_…'",
            statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<(Guid? PolicyId, string Missing)> PolicyOfRouteAsync(HttpContext http, PolicyAccess access)
    {
        var route = http.Request.RouteValues;
        if (Guid.TryParse(route["policyId"]?.ToString(), out var policyId))
            return (policyId, $"policy {policyId} does not exist");
        if (Guid.TryParse(route["draftId"]?.ToString(), out var draftId))
            return (await access.PolicyOfDraftAsync(draftId, http.RequestAborted), $"draft {draftId} does not exist");
        if (Guid.TryParse(route["requestId"]?.ToString(), out var requestId))
            return (await access.PolicyOfRequestAsync(requestId, http.RequestAborted), $"change request {requestId} does not exist");
        throw new InvalidOperationException($"{http.Request.Path}: a policy-access endpoint needs policyId, draftId or requestId in its route");
    }
}
