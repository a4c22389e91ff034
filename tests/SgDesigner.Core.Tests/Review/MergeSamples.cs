using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Review;

/// <summary>The base estate of the hand-written merge tests, and the edits they make to it.</summary>
internal static class MergeSamples
{
    public static readonly Estate Base = Of(
        [
            Group("sg-web", "web", In("sgr-https", "tcp", 443, 443, "0.0.0.0/0"), Out("sgr-out", "-1", -1, -1, "0.0.0.0/0")),
            Group("sg-db", "db", In("sgr-pg", "tcp", 5432, 5432, "sg-web")),
            Group("sg-ops", "ops", In("sgr-ssh", "tcp", 22, 22, "198.51.100.0/24")),
        ],
        [Eni("eni-web", "10.0.1.10", "sg-web"), Eni("eni-db", "10.0.2.20", "sg-db")]);

    public static SecurityGroup G(Estate estate, string id) => estate.FindGroup(id)!;

    public static Estate EditRule(Estate estate, string groupId, string ruleId, Func<Rule, Rule> edit)
    {
        var group = G(estate, groupId);
        return estate.WithGroup(group with { Rules = [.. group.Rules.Select(r => r.Id == ruleId ? edit(r) : r)] });
    }

    public static Estate AddRule(Estate estate, string groupId, Rule rule) =>
        estate.WithGroup(G(estate, groupId) with { Rules = G(estate, groupId).Rules.Add(rule) });

    public static Estate RemoveRule(Estate estate, string groupId, string ruleId) =>
        estate.WithGroup(G(estate, groupId) with { Rules = G(estate, groupId).Rules.RemoveAll(r => r.Id == ruleId) });

    public static Estate RemoveGroup(Estate estate, string groupId) => estate with
    {
        Groups = estate.Groups.RemoveAll(g => g.Id == groupId),
        NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e with { GroupIds = e.GroupIds.Remove(groupId) })],
    };

    public static Estate EditEni(Estate estate, string eniId, Func<NetworkInterface, NetworkInterface> edit) =>
        estate with { NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e.Id == eniId ? edit(e) : e)] };

    public static Rule RuleOf(Estate estate, string groupId, string ruleId) => G(estate, groupId).Rules.Single(r => r.Id == ruleId);

    public static Dictionary<string, MergeSide> Choose(MergeConflict conflict, MergeSide side) => new() { [conflict.Key] = side };
}
