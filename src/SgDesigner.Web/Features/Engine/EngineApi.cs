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
        PlanImpactEndpoints.Map(app);
        return app;
    }

    /// <summary>The description of the <c>revision</c> route parameter, for the operations' descriptions.</summary>
    internal const string RevisionWords = "{revision} is a revision number or 'latest'; an unknown one is a 404 naming it.";

    /// <summary>What a draft-level operation says about its subject.</summary>
    internal const string DraftWords = "The draft's current content; an unknown draft is a 404 naming it.";

    /// <summary>Parameter descriptions shared by the engine's operations (for the OpenAPI document).</summary>
    internal static class Words
    {
        public const string PolicyId = "The policy's id.";
        public const string Revision = "A revision number (1, 2, …) or 'latest'.";
        public const string DraftId = "The draft's id.";
        public const string From = "The source: an instance id (its primary ENI), an ENI id, an instance's Name tag, a private IP in the policy, or any other IP.";
        public const string To = "The destination, in the same forms as 'from'.";
        public const string Protocol = "tcp, udp, icmp, icmpv6 or a protocol number (50, 47, …).";
        public const string Port = "The port (0..65535); required for tcp and udp.";
        public const string IcmpType = "The ICMP type (0..255); required for icmp and icmpv6.";
        public const string IcmpCode = "The ICMP code (0..255); default 0.";
        public const string BatchFormat = "The answers' format: json (an array, the default) or ndjson (JSON lines, as sgd prints them); without it, Accept chooses.";
        public const string MatrixFormat = "json (the default) or csv, as sgd matrix --format; without it, Accept chooses.";
        public const string FailOn = "The lowest severity that fails: info, warning or error (the default), as sgd lint --fail-on.";
        public const string Other = "The new revision: a number or 'latest'.";
        public const string Against = "The old revision to compare with: a number or 'latest'; default the revision this one was based on.";
    }
}
