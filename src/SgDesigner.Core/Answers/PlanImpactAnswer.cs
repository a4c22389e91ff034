using System.Text.Json;
using SgDesigner.Core.Plans;

namespace SgDesigner.Core.Answers;

/// <summary><c>sgd impact --plan --json</c>'s answer: <c>sgd diff</c>'s fields plus the plan's resources and its gates.</summary>
public static class PlanImpactAnswer
{
    /// <summary>The exit code of <c>sgd impact</c>: 0 nothing opened, 1 flows opened, 3 an assertion broken or an error finding added.</summary>
    public static int ExitCode(PlanImpact impact) => impact.Blocked ? 3 : impact.Opens ? 1 : 0;

    /// <summary>One JSON object: <c>plan</c>, <c>groupAddresses</c>, <c>aclAddresses</c>, the diff's fields (each
    /// reachability change with <c>aclRules</c>: the plan's network-ACL resources behind it), <c>brokenAssertions</c>,
    /// <c>newErrors</c>, <c>verdict</c>.</summary>
    public static string Json(PlanImpact impact) => AnswerJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("plan");
        WriteResources(w, "changes", impact.Changes);
        WriteResources(w, "notRead", impact.NotRead);
        w.WriteStartArray("warnings");
        foreach (var warning in impact.Warnings)
            w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("groupAddresses");
        foreach (var (id, address) in impact.GroupAddresses)
            w.WriteString(id, address);
        w.WriteEndObject();
        w.WriteStartObject("aclAddresses");
        foreach (var (id, address) in impact.AclAddresses)
            w.WriteString(id, address);
        w.WriteEndObject();
        DiffAnswer.WriteFields(w, impact.Rules, impact.Flows, (writer, index) =>
        {
            writer.WriteStartArray("aclRules");
            foreach (var address in impact.AclRulesOfFlows.IsDefaultOrEmpty ? [] : impact.AclRulesOfFlows[index])
                writer.WriteStringValue(address);
            writer.WriteEndArray();
        });
        w.WriteStartArray("brokenAssertions");
        foreach (var r in impact.BrokenAssertions)
        {
            w.WriteStartObject();
            w.WriteNumber("line", r.Assertion.Line);
            if (r.Assertion.Name is not null)
                w.WriteString("name", r.Assertion.Name);
            w.WriteString("assertion", r.Assertion.ToString());
            w.WriteString("explanation", r.Explanation?.Summary ?? r.Error);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("assertionsFailingBefore", impact.FailingBefore);
        w.WriteStartArray("newErrors");
        foreach (var f in impact.NewErrors)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("group", f.GroupId);
            w.WriteString("rule", f.RuleId);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("verdict", impact.Blocked ? "blocked" : impact.Opens ? "opens" : "opens-nothing");
        w.WriteEndObject();
    });

    private static void WriteResources(Utf8JsonWriter w, string name, IEnumerable<PlannedResource> resources)
    {
        w.WriteStartArray(name);
        foreach (var r in resources)
        {
            w.WriteStartObject();
            w.WriteString("address", r.Address);
            w.WriteString("type", r.Type);
            w.WriteString("action", r.Action switch
            {
                PlanAction.NoOp => "no-op",
                var a => a.ToString().ToLowerInvariant(),
            });
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
