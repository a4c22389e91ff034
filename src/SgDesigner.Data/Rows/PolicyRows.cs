namespace SgDesigner.Data.Rows;

/// <summary>A named policy: its history is a chain of revisions, its work in progress is drafts.</summary>
public sealed class PolicyRow
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Upper-cased name: names are unique ignoring case, the same way on both providers.</summary>
    public required string NormalizedName { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Approvals a change request needs before it can be merged (at least 1).</summary>
    public int RequiredApprovals { get; set; } = 1;
    /// <summary>Expected flows in the text format of <c>sgd check</c>, checked against every change request (empty: none).</summary>
    public string Assertions { get; set; } = "";
    /// <summary>A change request that breaks one of <see cref="Assertions"/> cannot be merged, except by an owner's override.</summary>
    public bool AssertionsBlockMerge { get; set; }
    /// <summary>An inbound allow from 0.0.0.0/0 or ::/0 without a justification is an error (SGD041) wherever the app lints the policy.</summary>
    public bool RequireJustification { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The content of one revision or one draft. A sealed snapshot belongs to a published revision and is never
/// written again; the store refuses any change to its rows (see <see cref="SgDbContext"/>).
/// </summary>
public sealed class SnapshotRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public bool Sealed { get; set; }
    public int RulesPerDirection { get; set; }
    public int GroupsPerEni { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An immutable published version of a policy, numbered 1, 2, 3… per policy.</summary>
public sealed class RevisionRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public int Number { get; set; }
    /// <summary>The revision the published draft was based on; null for the first.</summary>
    public int? ParentNumber { get; set; }
    public Guid SnapshotId { get; set; }
    /// <summary>The draft that became this revision (null for a policy's initial revision).</summary>
    public Guid? SourceDraftId { get; set; }
    public required string Message { get; set; }
    public required string Author { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Where a draft is in its life; change requests (team review) hang off open drafts.</summary>
public enum DraftStatus
{
    /// <summary>Being edited.</summary>
    Open,
    /// <summary>Published as a revision; its snapshot is now that revision's and sealed.</summary>
    Published,
    /// <summary>Given up; kept for the audit trail.</summary>
    Abandoned,
}

/// <summary>An editable copy of a revision. <see cref="Version"/> guards against lost updates.</summary>
public sealed class DraftRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public Guid SnapshotId { get; set; }
    public int? BaseRevisionNumber { get; set; }
    public required string Title { get; set; }
    public required string Author { get; set; }
    public DraftStatus Status { get; set; }
    public int? PublishedRevisionNumber { get; set; }
    /// <summary>
    /// Application-managed row version, bumped by every edit: PostgreSQL's xmin does not exist in SQLite,
    /// so the store compares this number itself and EF uses it as the concurrency token.
    /// </summary>
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One object of a draft that one edit added, changed or removed, and who did it: the review gate counts an approval
/// only from a reviewer with no row for the request's draft, and the request page shows who authored each change.
/// Written in the edit's own transaction, by every path that changes a draft's content.
/// </summary>
public sealed class DraftChangeRow
{
    public Guid Id { get; set; }
    public Guid DraftId { get; set; }
    /// <summary>The draft's version after the edit.</summary>
    public long DraftVersion { get; set; }
    public DateTime At { get; set; }
    /// <summary>The signed-in user who made the edit; null for the system (seeding) or a name-only caller.</summary>
    public Guid? UserId { get; set; }
    public required string Author { get; set; }
    /// <summary>rule, group, instance, network-interface, prefix-list, vpc, subnet, quotas… or "content" for an edit too large to itemise.</summary>
    public required string ObjectKind { get; set; }
    public required string ObjectId { get; set; }
    /// <summary>added, changed, removed (or rebased).</summary>
    public required string Change { get; set; }
    /// <summary>For a rule, its group.</summary>
    public string? GroupId { get; set; }
    /// <summary>For a rule, how it reads after the edit (before it, when removed).</summary>
    public string? Text { get; set; }
}

/// <summary>
/// One entry of the audit trail: who (user id and name, from where), did what, to what, when. Append-only: the
/// database refuses UPDATE and DELETE (triggers in the migrations), and nothing references a policy or a user by
/// foreign key, so the trail outlives a deleted policy or account (deleting a policy is itself an entry).
/// </summary>
public sealed class AuditEntryRow
{
    public Guid Id { get; set; }
    /// <summary>The policy concerned, or null (sign-ins, accounts).</summary>
    public Guid? PolicyId { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    /// <summary>What kind of thing was acted on: policy, draft, change-request, membership, user, token…</summary>
    public string? TargetKind { get; set; }
    public string? TargetId { get; set; }
    public string? RemoteAddress { get; set; }
    public string? Details { get; set; }
}
