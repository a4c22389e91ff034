using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Answers;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Drift;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Engine;
using SgDesigner.Web.Features.Idempotency;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Drift;

/// <summary>
/// <c>/api/policies/{policyId}/snapshots</c>: what is deployed, uploaded and kept with the policy (editors upload and
/// delete), the drift of a revision against one (as <c>sgd drift --json</c>), and a deployed-only rule adopted into a draft.
/// </summary>
public static class SnapshotsApi
{
    private const string SnapshotIdWords = "The deployed snapshot's id, as listed.";

    private const string UploadWords =
        "The body is AWS CLI describe-* output (a describe-security-groups file, alone or with describe-instances, " +
        "describe-network-interfaces, describe-vpcs, describe-subnets, describe-managed-prefix-lists, describe-network-acls) or a Terraform " +
        "state as `terraform show -json` prints it: as multipart/form-data, one or more file parts named 'files' and an optional field 'kind'; " +
        "or as one JSON body with optional ?kind= and ?fileName=. 'kind' is aws-cli or terraform-state; left out, it is told from the content. " +
        "The estate read is kept normalized (as a policy document), not the upload. Malformed JSON, an unknown shape or a file over 10 MB is a " +
        "400 naming the file and JSON path; nothing is stored.";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSnapshotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies/{policyId:guid}/snapshots").WithTags("Drift").ProducesStoreProblems();
        api.MapGet("/", List).WithName("ListDeployedSnapshots").WithSummary("The policy's deployed snapshots, newest first")
            .RequirePolicyAccess(PolicyAction.View);
        api.MapPost("/", Upload).WithName("UploadDeployedSnapshot").WithSummary("Keep a snapshot of what is deployed with the policy; editors and above")
            .WithDescription(UploadWords)
            // Scripts post files with an access token and no antiforgery token, as for the import.
            .DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data", "application/json").AddOpenApiOperationTransformer(SnapshotFormDocumentation.DescribeAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequirePolicyAccess(PolicyAction.Edit).WithIdempotency();
        api.MapGet("/{snapshotId:guid}", Get).WithName("GetDeployedSnapshot").WithSummary("One deployed snapshot's metadata")
            .RequirePolicyAccess(PolicyAction.View);
        api.MapDelete("/{snapshotId:guid}", Delete).WithName("DeleteDeployedSnapshot").WithSummary("Delete a deployed snapshot; editors and above")
            .ProducesProblem(StatusCodes.Status403Forbidden).RequirePolicyAccess(PolicyAction.Edit);
        api.MapGet("/{snapshotId:guid}/drift", Drift).WithName("DeployedSnapshotDrift")
            .WithSummary("A revision (the newest, or ?revision=) against the snapshot, as sgd drift --json")
            .WithDescription("From designed to deployed: 'opens' are flows deployed but not designed (someone opened something), 'closes' flows " +
                "designed but not deployed; the rule changes behind them per group. Deployed groups the design knows under another id are matched by " +
                "VPC and name; the same rule under another id is no difference.")
            .Produces<DriftResponse>(StatusCodes.Status200OK, "application/json")
            .RequirePolicyAccess(PolicyAction.View);
        api.MapPost("/{snapshotId:guid}/adopt", Adopt).WithName("AdoptDeployedRule")
            .WithSummary("Add a deployed-only rule (same group, same fields) to a draft, so it goes through review; editors and above")
            .WithDescription("Without 'draftId' the rule goes to the caller's newest open draft of the policy, or a draft opened for it from the " +
                "newest revision; with 'draftId', If-Match carries the draft's version. The answer's ETag is the draft's new version.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequirePolicyAccess(PolicyAction.Edit);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<SnapshotListing>>, ProblemHttpResult, ValidationProblem>> List(
        Guid policyId, DeployedSnapshotStore snapshots, CancellationToken ct) =>
        (await snapshots.ListAsync(policyId, ct)).ToHttp(list => TypedResults.Ok<IReadOnlyList<SnapshotListing>>([.. list.Select(s => SnapshotListing.From(s, []))]));

    private static async Task<Results<Ok<SnapshotListing>, ProblemHttpResult, ValidationProblem>> Get(
        Guid policyId, [Description(SnapshotIdWords)] Guid snapshotId, DeployedSnapshotStore snapshots, CancellationToken ct) =>
        (await snapshots.GetAsync(policyId, snapshotId, ct)).ToHttp(s => TypedResults.Ok(SnapshotListing.From(s.Info, [])));

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Delete(
        Guid policyId, [Description(SnapshotIdWords)] Guid snapshotId, Caller caller, DeployedSnapshotStore snapshots, CancellationToken ct) =>
        (await snapshots.DeleteAsync(caller.Actor, policyId, snapshotId, ct)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Created<SnapshotListing>, ProblemHttpResult, ValidationProblem>> Upload(
        Guid policyId, HttpRequest request, Caller caller, DeployedSnapshotStore snapshots, CancellationToken ct)
    {
        var files = new List<AwsCliFile>();
        string? kindName;
        if (request.HasFormContentType)
        {
            var (form, unreadable) = await ImportApi.ReadFormAsync(request, ct);
            if (unreadable is not null)
                return ApiResults.Invalid([unreadable]);
            if (form!.Keys.FirstOrDefault(k => k != "kind") is { } stray)
                return ApiResults.Invalid([new ValidationError(stray, $"{QuotedValue.Of(stray)} is not a file: send each file as a file part named 'files' (the one field allowed is 'kind')")]);
            kindName = form.ContainsKey("kind") ? form["kind"].ToString() : null;
            foreach (var file in form.Files)
            {
                if (ImportReader.CheckSize(file.FileName, file.Length) is { } tooLarge)
                    return ApiResults.Invalid([tooLarge]);
                using var reader = new StreamReader(file.OpenReadStream());
                files.Add(new AwsCliFile(file.FileName, await reader.ReadToEndAsync(ct)));
            }
        }
        else
        {
            kindName = request.Query["kind"].FirstOrDefault();
            var name = request.Query["fileName"].FirstOrDefault() is { Length: > 0 } given ? given : "body.json";
            if (request.ContentLength is { } length && ImportReader.CheckSize(name, length) is { } tooLarge)
                return ApiResults.Invalid([tooLarge]);
            var body = await RequestText.ReadAsync(request, ct);
            if (ImportReader.CheckSize(name, body.Length) is { } tooLong)
                return ApiResults.Invalid([tooLong]);
            if (!string.IsNullOrWhiteSpace(body))
                files.Add(new AwsCliFile(name, body));
        }
        if (files.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Json)) is { } empty)
            return ApiResults.Invalid([new ValidationError($"{empty.FileName}:$", "the file is empty")]);
        DeployedSource? kind = null;
        if (!string.IsNullOrEmpty(kindName) && (kind = DeployedSnapshotReader.Parse(kindName)) is null)
            return ApiResults.Invalid([new ValidationError("kind", $"{QuotedValue.Of(kindName)} is not a snapshot kind: give aws-cli or terraform-state, or leave it out")]);
        var read = DeployedSnapshotReader.Read(files, kind);
        if (!read.IsOk)
            return ApiResults.Invalid(read.Errors);
        var fileName = string.Join(", ", files.Select(f => f.FileName));
        var added = await snapshots.AddAsync(caller.Actor, policyId, read.Source, fileName, read.Estate!, ct);
        return added.ToHttp(s => TypedResults.Created($"/api/policies/{policyId}/snapshots/{s.Id}", SnapshotListing.From(s, read.Warnings)));
    }

    private static async Task<IResult> Drift(Guid policyId, [Description(SnapshotIdWords)] Guid snapshotId, int? revision, DriftComparisons comparisons, CancellationToken ct)
    {
        if (revision is <= 0)
            return AnswerResults.Invalid("revision", $"{revision} is not a revision number: give 1 or more, or leave it out for the newest");
        var comparison = await comparisons.CompareAsync(policyId, snapshotId, revision, ct);
        return comparison.IsOk ? AnswerResults.JsonText(DriftAnswer.Json(comparison.Value.Drift)) : AnswerResults.Failure(comparison.Failure!);
    }

    private static async Task<Results<Ok<AdoptResponse>, ProblemHttpResult, ValidationProblem>> Adopt(
        Guid policyId, [Description(SnapshotIdWords)] Guid snapshotId, AdoptRequest body, HttpContext http, Caller caller, DriftComparisons comparisons)
    {
        long? version = null;
        if (body.DraftId is not null)
        {
            var errors = new RequestErrors();
            version = DraftVersion.Read(http.Request, null, errors);
            if (errors.Any)
                return ApiResults.Invalid(errors);
        }
        var adopted = await comparisons.AdoptAsync(caller, policyId, snapshotId, body.RuleId, body.DraftId, version, http.RequestAborted);
        return adopted.ToHttp(a =>
        {
            DraftVersion.Send(http.Response, a.Draft.Version);
            return TypedResults.Ok(new AdoptResponse(a.Draft.Id, a.Draft.Version, a.DraftCreated, a.GroupId, RuleResponse.From(a.Rule)));
        });
    }
}

/// <summary>A deployed snapshot as listed.</summary>
/// <param name="Id">Its id.</param>
/// <param name="TakenAt">When it was uploaded (UTC): the deployment as of then.</param>
/// <param name="Kind">aws-cli or terraform-state.</param>
/// <param name="FileName">The uploaded file's name (or names).</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="Groups">How many security groups it holds.</param>
/// <param name="Rules">How many rules it holds.</param>
/// <param name="Warnings">On upload: oddities of the files kept or repaired, at their file and JSON path.</param>
public sealed record SnapshotListing(
    Guid Id, DateTime TakenAt, string Kind, string FileName, string UploadedBy, int Groups, int Rules, IReadOnlyList<ValidationError> Warnings)
{
    /// <summary>From the store's listing.</summary>
    public static SnapshotListing From(DeployedSnapshotInfo s, IReadOnlyList<ValidationError> warnings) =>
        new(s.Id, s.TakenAt, DeployedSnapshotReader.Name(s.Source), s.FileName, s.UploadedBy, s.Groups, s.Rules, warnings);
}

/// <summary>A deployed-only rule to adopt.</summary>
/// <param name="RuleId">The rule's id, as the drift lists it (added or changed).</param>
/// <param name="DraftId">The draft to add it to; the caller's newest open draft (or a new one) when left out.</param>
public sealed record AdoptRequest(string? RuleId, Guid? DraftId = null);

/// <summary>The rule adopted, and where.</summary>
/// <param name="DraftId">The draft that holds it.</param>
/// <param name="Version">The draft's new version.</param>
/// <param name="DraftCreated">Whether the draft was opened for it.</param>
/// <param name="GroupId">Its group.</param>
/// <param name="Rule">The rule.</param>
public sealed record AdoptResponse(Guid DraftId, long Version, bool DraftCreated, string GroupId, RuleResponse Rule);

/// <summary><c>sgd drift --json</c>'s answer: whether the deployment matches the revision, and sgd diff's fields from designed to deployed.</summary>
/// <param name="InSync">True when no rule and no flow differs.</param>
/// <param name="DeployedNotDesigned">Flow changes whose traffic is deployed but not designed.</param>
/// <param name="DesignedNotDeployed">Flow changes whose traffic is designed but not deployed.</param>
/// <param name="MatchedByName">Deployed group id → the designed group of the same VPC and name it was compared with.</param>
/// <param name="NetworkFromDesign">True when the snapshot held no network interfaces and the design's were used.</param>
/// <param name="GroupsAdded">Groups deployed but not designed.</param>
/// <param name="GroupsRemoved">Groups designed but not deployed.</param>
/// <param name="GroupsRenamed">Groups deployed under another name.</param>
/// <param name="Rules">Rule differences per group: added = deployed only, removed = designed only.</param>
/// <param name="Reachability">Flows: opens = deployed but not designed, closes = designed but not deployed.</param>
public sealed record DriftResponse(
    bool InSync, int DeployedNotDesigned, int DesignedNotDeployed, IReadOnlyDictionary<string, string> MatchedByName, bool NetworkFromDesign,
    IReadOnlyList<DiffGroup> GroupsAdded, IReadOnlyList<DiffGroup> GroupsRemoved, IReadOnlyList<DiffRename> GroupsRenamed,
    IReadOnlyList<DiffGroupRules> Rules, IReadOnlyList<DiffFlowChange> Reachability);
