using SgDesigner.Core.Model;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Store;

/// <summary>A policy as listed: name, size of its history, last change.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Unique name (ignoring case).</param>
/// <param name="Description">Free text.</param>
/// <param name="RevisionCount">Number of published revisions.</param>
/// <param name="LatestRevision">Number of the newest revision (0 when none).</param>
/// <param name="OpenDrafts">Drafts being edited.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">Its last change: rename, publish or draft edit (UTC).</param>
public sealed record PolicySummary(
    Guid Id, string Name, string Description, int RevisionCount, int LatestRevision, int OpenDrafts,
    DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A published revision's metadata.</summary>
/// <param name="PolicyId">Its policy.</param>
/// <param name="Number">1, 2, 3… per policy.</param>
/// <param name="ParentNumber">The revision its draft was based on, or null.</param>
/// <param name="Message">What changed and why.</param>
/// <param name="Author">Who published it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="SourceDraftId">The draft that became this revision, or null.</param>
public sealed record RevisionInfo(
    Guid PolicyId, int Number, int? ParentNumber, string Message, string Author, DateTime CreatedAt, Guid? SourceDraftId);

/// <summary>A revision with its content.</summary>
/// <param name="Info">Metadata.</param>
/// <param name="Estate">The content; never changes.</param>
public sealed record RevisionContent(RevisionInfo Info, Estate Estate);

/// <summary>A draft's metadata; pass <see cref="Version"/> back with the next edit.</summary>
/// <param name="Id">Its id.</param>
/// <param name="PolicyId">Its policy.</param>
/// <param name="BaseRevision">The revision it started from (null for a policy without one).</param>
/// <param name="Title">Short description of the change.</param>
/// <param name="Author">Who opened it.</param>
/// <param name="Status">Open, published or abandoned.</param>
/// <param name="PublishedRevision">The revision it became, once published.</param>
/// <param name="Version">Row version: every edit increments it; an edit with an older one is a conflict.</param>
/// <param name="CreatedAt">When it was opened (UTC).</param>
/// <param name="UpdatedAt">Its last edit (UTC).</param>
public sealed record DraftInfo(
    Guid Id, Guid PolicyId, int? BaseRevision, string Title, string Author, DraftStatus Status,
    int? PublishedRevision, long Version, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A draft with its content.</summary>
/// <param name="Info">Metadata, including the version to send back with an edit.</param>
/// <param name="Estate">The content being edited.</param>
public sealed record DraftContent(DraftInfo Info, Estate Estate);

/// <summary>One entry of the audit trail.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who (display name or e-mail, as it was then).</param>
/// <param name="Action">What, e.g. <c>policy.created</c>, <c>draft.published</c>, <c>request.approved</c>, <c>user.signed-in</c>.</param>
/// <param name="Details">More, or null.</param>
/// <param name="PolicyId">The policy concerned, or null.</param>
/// <param name="ActorUserId">The actor's user id, or null (system, anonymous sign-in attempts).</param>
/// <param name="TargetKind">What kind of thing was acted on (policy, draft, change-request, membership, user, token).</param>
/// <param name="TargetId">Its id.</param>
/// <param name="RemoteAddress">Where the request came from, when known.</param>
public sealed record AuditEntry(
    DateTime At, string Actor, string Action, string? Details, Guid? PolicyId = null, Guid? ActorUserId = null,
    string? TargetKind = null, string? TargetId = null, string? RemoteAddress = null);
