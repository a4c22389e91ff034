using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.AwsCli;

/// <summary>
/// Gives imported rules AWS's own ids from <c>describe-security-group-rules</c> output. That output has one
/// entry per rule and peer, like the model, so each entry is matched to the rule with the same group,
/// direction, traffic and peer (the key the derived ids are computed from). The entries also carry the rules' tags,
/// whose <c>sgd:</c> keys become the rule's metadata (<see cref="RuleMetadataTags"/>).
/// </summary>
internal static class SecurityGroupRuleIds
{
    public static void Apply(JsonInput root, ImportLog log, List<SecurityGroup> groups)
    {
        var awsIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, RuleMetadata>(StringComparer.Ordinal);
        var known = groups.SelectMany(g => g.Rules).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in root.ItemsOf("SecurityGroupRules"))
        {
            var groupId = node.RequiredString("GroupId");
            var direction = node.Optional("IsEgress")?.Bool() == true ? Direction.Outbound : Direction.Inbound;
            var protocol = log.Parse(node.Required("IpProtocol"), IpProtocol.Parse);
            var (from, to) = SecurityGroupReader.Ports(node, protocol, log);
            var derived = RuleIds.Derive(groupId, direction, protocol, from, to, Peer(node, log));
            var awsId = node.RequiredString("SecurityGroupRuleId");
            // The derived id includes the group id, so a match means the same group, traffic and peer.
            if (known.Contains(derived))
            {
                awsIds[derived] = awsId;
                if (Metadata(node, awsId, log) is { IsEmpty: false } read)
                    metadata[derived] = read;
            }
            else
                log.Warn(node, $"rule {awsId} of {groupId} is not among the rules of describe-security-groups; ignored");
        }
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            groups[i] = group with
            {
                Rules = [.. group.Rules.Select(r => awsIds.TryGetValue(r.Id, out var id)
                    ? r with { Id = id, Metadata = metadata.GetValueOrDefault(r.Id) }
                    : r)],
            };
        }
    }

    // What is deployed is imported even when a tag is malformed: the rule keeps no metadata and the log says why.
    private static RuleMetadata Metadata(JsonInput node, string awsId, ImportLog log)
    {
        var parsed = RuleMetadataTags.Read(AwsTags.Read(node));
        if (parsed.IsOk)
            return parsed.Value;
        log.Warn(node.Required("Tags"), $"rule {awsId}: tag {parsed.Errors[0]}; its metadata is not imported");
        return default;
    }

    private static Peer Peer(JsonInput node, ImportLog log)
    {
        if (node.Optional("CidrIpv4") is { } v4)
            return new CidrPeer(log.Parse(v4, Cidr.Parse));
        if (node.Optional("CidrIpv6") is { } v6)
            return new CidrPeer(log.Parse(v6, Cidr.Parse));
        if (node.OptionalString("PrefixListId") is { } list)
            return new PrefixListPeer(list);
        if (node.Optional("ReferencedGroupInfo")?.OptionalString("GroupId") is { } group)
            return new GroupPeer(group);
        throw node.Fail("the rule names no peer (CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupInfo.GroupId)");
    }
}
