using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Drift;

/// <summary>A stored deployed snapshot, as listed.</summary>
/// <param name="Id">Its id.</param>
/// <param name="PolicyId">The policy it belongs to.</param>
/// <param name="TakenAt">When it was uploaded (UTC).</param>
/// <param name="Source">What printed it.</param>
/// <param name="FileName">The uploaded file's name (or names).</param>
/// <param name="UploadedBy">Who uploaded it (name and e-mail as they were then).</param>
/// <param name="Groups">How many security groups it holds.</param>
/// <param name="Rules">How many rules it holds.</param>
public sealed record DeployedSnapshotInfo(
    Guid Id, Guid PolicyId, DateTime TakenAt, DeployedSource Source, string FileName, string UploadedBy, int Groups, int Rules);

/// <summary>A stored deployed snapshot with what it holds.</summary>
/// <param name="Info">Its metadata.</param>
/// <param name="Estate">What was deployed.</param>
public sealed record DeployedSnapshot(DeployedSnapshotInfo Info, Estate Estate);
