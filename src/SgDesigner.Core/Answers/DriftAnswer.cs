using SgDesigner.Core.Drift;

namespace SgDesigner.Core.Answers;

/// <summary><c>sgd drift --json</c>'s answer: whether the deployment matches the design, and <c>sgd diff</c>'s fields
/// from designed to deployed (opens = deployed but not designed, closes = designed but not deployed).</summary>
public static class DriftAnswer
{
    /// <summary>One JSON object: <c>inSync</c>, the counts, <c>matchedByName</c>, <c>networkFromDesign</c> and the diff's fields.</summary>
    public static string Json(DeploymentDrift drift) => AnswerJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("inSync", drift.InSync);
        w.WriteNumber("deployedNotDesigned", drift.DeployedNotDesigned);
        w.WriteNumber("designedNotDeployed", drift.DesignedNotDeployed);
        w.WriteStartObject("matchedByName");
        foreach (var (deployed, designed) in drift.MatchedByName)
            w.WriteString(deployed, designed);
        w.WriteEndObject();
        w.WriteBoolean("networkFromDesign", drift.NetworkFromDesign);
        DiffAnswer.WriteFields(w, drift.Rules, drift.Flows);
        w.WriteEndObject();
    });
}
