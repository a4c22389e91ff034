using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Engine;

/// <summary>
/// The engine over HTTP: <c>sgd</c>'s reach, matrix, lint, check and diff for a stored revision
/// (<c>/api/policies/{policyId}/revisions/{revision}/…</c>, <c>latest</c> allowed) and for a draft
/// (<c>/api/drafts/{draftId}/…</c>), answering the same JSON as the command (cli.md), written by the same code
/// (Core/Answers). Read-only: anyone who may view the policy may ask.
/// </summary>
public static class EngineApi
{
    /// <summary>The OpenAPI tag of these endpoints.</summary>
    public const string Tag = "Engine";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapEngineApi(this IEndpointRouteBuilder app)
    {
        var revision = app.MapGroup("/api/policies/{policyId:guid}/revisions/{revision}").WithTags(Tag);
        var draft = app.MapGroup("/api/drafts/{draftId:guid}").WithTags(Tag);
        foreach (var group in new[] { revision, draft })
        {
            group.RequirePolicyAccess(PolicyAction.View);
            group.ProducesProblem(StatusCodes.Status401Unauthorized);
            group.ProducesProblem(StatusCodes.Status403Forbidden);
            group.ProducesProblem(StatusCodes.Status404NotFound);
        }
        ReachEndpoints.Map(revision, draft);
        MatrixEndpoints.Map(revision, draft);
        LintEndpoints.Map(revision, draft);
        CheckEndpoints.Map(revision, draft);
        DiffEndpoints.Map(revision, draft);
        return app;
    }

    /// <summary>The description of the <c>revision</c> route parameter, for the operations' descriptions.</summary>
    internal const string RevisionWords = "{revision} is a revision number or 'latest'; an unknown one is a 404 naming it.";

    /// <summary>What a draft-level operation says about its subject.</summary>
    internal const string DraftWords = "The draft's current content; an unknown draft is a 404 naming it.";
}
