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
            if (await RefusalAsync(http, access, caller, action) is { } refusal)
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

    // One query whichever id the route names.
    private static Task<Data.Store.StoreFailure?> RefusalAsync(HttpContext http, PolicyAccess access, Caller caller, PolicyAction action)
    {
        var route = http.Request.RouteValues;
        var ct = http.RequestAborted;
        if (Guid.TryParse(route["policyId"]?.ToString(), out var policyId))
            return access.RefusalAsync(caller.UserId, action, policyId, caller.Token, ct);
        if (Guid.TryParse(route["draftId"]?.ToString(), out var draftId))
            return access.DraftRefusalAsync(caller.UserId, action, draftId, caller.Token, ct);
        if (Guid.TryParse(route["requestId"]?.ToString(), out var requestId))
            return access.RequestRefusalAsync(caller.UserId, action, requestId, caller.Token, ct);
        throw new InvalidOperationException($"{http.Request.Path}: a policy-access endpoint needs policyId, draftId or requestId in its route");
    }
}
