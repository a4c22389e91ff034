namespace SgDesigner.Data.Rows;

/// <summary>
/// What was deployed at some time, uploaded with a policy to compare its revisions with (the drift view). The upload is
/// not kept: its estate is, normalized, as a policy document, so every later comparison reads the same thing whichever
/// tool printed it. Belongs to the policy (deleted with it); deleting one is audited.
/// </summary>
public sealed class DeployedSnapshotRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    /// <summary>When it was uploaded (UTC): the snapshot stands for the deployment as of then.</summary>
    public DateTime TakenAt { get; set; }
    /// <summary><c>aws-cli</c> or <c>terraform-state</c>.</summary>
    public required string Source { get; set; }
    /// <summary>The uploaded file's name (several, comma-separated, for AWS CLI output in several files).</summary>
    public required string FileName { get; set; }
    /// <summary>Who uploaded it (user id); null once that user is deleted (the name stays).</summary>
    public Guid? UploadedByUserId { get; set; }
    /// <summary>Who uploaded it, as the audit trail names them.</summary>
    public required string UploadedBy { get; set; }
    /// <summary>How many groups and rules it holds, for lists that do not read the document.</summary>
    public int GroupCount { get; set; }
    public int RuleCount { get; set; }
    /// <summary>The deployed estate as a policy document (PolicyDocumentJson).</summary>
    public required string Document { get; set; }
}
