using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Graph;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Graph;

/// <summary>
/// <c>/api/policies/{policyId}/graph-layout</c>: the chaining graph's hand-placed nodes, shared by everyone on the policy.
/// Viewers read it, editors replace it; it is not a policy change (no revision, no draft version).
/// </summary>
public static class GraphLayoutApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapGraphLayoutApi(this IEndpointRouteBuilder app)
    {
        var layout = app.MapGroup("/api/policies/{policyId:guid}/graph-layout").WithTags("Graph layout");
        layout.MapGet("/", GetLayout).WithName("GetGraphLayout")
            .WithSummary("The chaining graph's hand-placed nodes of a policy")
            .WithDescription("Node id (a group id, or cidr:… / pl:… for an outside peer) → top-left corner in diagram units. " +
                "Nodes not listed are laid out automatically. Viewers and above.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        layout.MapPut("/", PutLayout).WithName("PutGraphLayout")
            .WithSummary("Replace the chaining graph's hand-placed nodes of a policy; an empty map resets the layout")
            .WithDescription("Every coordinate must be a finite number within ±100000; a bad one is a 400 naming the node at " +
                "positions[nodeId] and nothing is stored. Storing a layout makes no revision and no draft version. Editors and above.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem()
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch($"the ETag of {Source}");
        return app;
    }

    private const string Source = "GET /api/policies/{policyId}/graph-layout";

    private static async Task<Results<Ok<GraphLayoutResponse>, ProblemHttpResult, ValidationProblem>> GetLayout(
        Guid policyId, HttpResponse response, GraphLayoutStore store, CancellationToken ct) =>
        (await store.GetAsync(policyId, ct)).ToHttp(l => Tagged(response, l));

    private static Ok<GraphLayoutResponse> Tagged(HttpResponse response, GraphLayout layout)
    {
        Preconditions.Send(response, GraphLayoutStore.Tag(layout));
        return TypedResults.Ok(GraphLayoutResponse.From(layout));
    }

    private static async Task<Results<Ok<GraphLayoutResponse>, ProblemHttpResult, ValidationProblem>> PutLayout(
        Guid policyId, GraphLayoutRequest request, Caller caller, HttpContext http, GraphLayoutStore store, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var expected = Preconditions.ReadTag(http.Request, request.Version, errors, Source);
        if (request.Positions is null)
            errors.Add("positions", "positions are required (an empty object resets the layout)");
        var positions = new Dictionary<string, NodePosition>(StringComparer.Ordinal);
        foreach (var (id, position) in request.Positions ?? new Dictionary<string, NodePositionDto?>())
        {
            if (position?.X is not { } x || position.Y is not { } y)
                errors.Add($"positions[{id}]", "a position needs x and y");
            else
                positions[id] = new NodePosition(x, y);
        }
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (expected is null)
            return Preconditions.Required($"the ETag of {Source}");
        return (await store.ReplaceAsync(caller.Actor, policyId, positions, expected, ct)).ToHttp(l => Tagged(http.Response, l));
    }
}

/// <summary>A node's place.</summary>
/// <param name="X">Left edge, in diagram units (CSS pixels at zoom 1).</param>
/// <param name="Y">Top edge, in diagram units.</param>
public sealed record NodePositionDto(double? X, double? Y);

/// <summary>The whole layout to store.</summary>
/// <param name="Positions">Node id → its place; nodes left out get the automatic layout.</param>
/// <param name="Version">The layout's ETag (from GET /api/policies/{policyId}/graph-layout) this replaces; or send it as If-Match.</param>
public sealed record GraphLayoutRequest(IReadOnlyDictionary<string, NodePositionDto?>? Positions, string? Version = null);

/// <summary>A policy's stored layout.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Positions">Node id → its place.</param>
public sealed record GraphLayoutResponse(Guid PolicyId, IReadOnlyDictionary<string, NodePositionDto> Positions)
{
    /// <summary>From the store's layout.</summary>
    public static GraphLayoutResponse From(GraphLayout layout) =>
        new(layout.PolicyId, layout.Positions.ToDictionary(p => p.Key, p => new NodePositionDto(p.Value.X, p.Value.Y), StringComparer.Ordinal));
}
