using System.Text.Json;
using SgDesigner.Core.Diff;

namespace SgDesigner.Core.Answers;

/// <summary><c>sgd diff</c>'s answer: the rule changes and the flows the change opens and closes, with the rules responsible.</summary>
public static class DiffAnswer
{
    /// <summary>Compares two versions of a policy, as <c>sgd diff OLD NEW</c> does.</summary>
    public static (RuleDiff Rules, ReachabilityDiff Flows) Compare(Model.Estate before, Model.Estate after) =>
        (RuleDiff.Compare(before, after), ReachabilityDiff.Compare(before, after));

    /// <summary><c>sgd diff --json</c>: groups added, removed and renamed, rule changes per group, and the reachability opened and closed.</summary>
    public static string Json(RuleDiff diff, ReachabilityDiff flows) => AnswerJson.Document(w =>
    {
        w.WriteStartObject();
        WriteFields(w, diff, flows);
        w.WriteEndObject();
    });

    /// <summary>The diff's properties, inside an object the caller opened (the plan impact adds its own beside them);
    /// <paramref name="perChange"/> adds properties to the change of that index in <c>reachability</c>.</summary>
    internal static void WriteFields(Utf8JsonWriter w, RuleDiff diff, ReachabilityDiff flows, Action<Utf8JsonWriter, int>? perChange = null)
    {
        w.WriteStartArray("groupsAdded");
        foreach (var g in diff.GroupsAdded)
            WriteGroupName(w, g.Id, g.Name);
        w.WriteEndArray();
        w.WriteStartArray("groupsRemoved");
        foreach (var g in diff.GroupsRemoved)
            WriteGroupName(w, g.Id, g.Name);
        w.WriteEndArray();
        w.WriteStartArray("groupsRenamed");
        foreach (var r in diff.GroupsRenamed)
        {
            w.WriteStartObject();
            w.WriteString("id", r.GroupId);
            w.WriteString("oldName", r.OldName);
            w.WriteString("newName", r.NewName);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rules");
        foreach (var g in diff.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.GroupId);
            w.WriteString("groupName", g.GroupName);
            RuleJson.WriteArray(w, "added", g.Added);
            RuleJson.WriteArray(w, "removed", g.Removed);
            w.WriteStartArray("changed");
            foreach (var c in g.Changed)
            {
                w.WriteStartObject();
                w.WritePropertyName("before");
                RuleJson.Write(w, c.Before);
                w.WritePropertyName("after");
                RuleJson.Write(w, c.After);
                w.WriteBoolean("affectsTraffic", c.AffectsTraffic);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("reachability");
        foreach (var (change, index) in flows.Changes.Select((c, i) => (c, i)))
        {
            w.WriteStartObject();
            WriteParty(w, "from", change.From);
            WriteParty(w, "to", change.To);
            w.WriteNumber("pairs", change.Pairs);
            WriteDetails(w, "opens", change.OpenedDetail);
            WriteDetails(w, "closes", change.ClosedDetail);
            w.WriteBoolean("cutsUntracked", change.CutsUntracked);
            perChange?.Invoke(w, index);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteParty(Utf8JsonWriter w, string name, FlowParty party)
    {
        w.WriteStartObject(name);
        w.WriteString("label", party.Label);
        WriteStrings(w, "groups", party.GroupIds);
        WriteStrings(w, "groupsBefore", party.GroupIdsBefore);
        WriteStrings(w, "sampleEnis", party.SampleEniIds);
        w.WriteNumber("eniCount", party.EniCount);
        w.WriteString("outside", party.Outside?.ToString());
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, string name, IEnumerable<FlowDetail> details)
    {
        w.WriteStartArray(name);
        foreach (var d in details)
        {
            w.WriteStartObject();
            TrafficJson.WriteFields(w, d.Traffic);
            RuleJson.WriteRefs(w, "rules", d.Rules);
            w.WriteBoolean("untracked", d.Untracked);
            // The network-ACL rules behind the change, named as sgd reach names them.
            w.WriteStartArray("networkAcl");
            foreach (var decision in d.NetworkAclRules)
                AclVerdictJson.Decision(w, decision);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteGroupName(Utf8JsonWriter w, string id, string name)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteEndObject();
    }
}
