using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>
/// Checks one security-group rule the way AWS's AuthorizeSecurityGroupIngress/Egress would
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
/// The web API uses it for the single rule being edited.
/// </summary>
public static class RuleValidator
{
    /// <summary>Checks the rule on its own (protocol, ports or ICMP type/code, peer, description).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="path">Prefix of the error paths, e.g. <c>groups[sg-1].rules[sgr-2]</c>.</param>
    public static ImmutableArray<ValidationError> Validate(Rule rule, string path = "rule")
    {
        var sink = new ValidationSink(EstateValidationMode.Designer);
        CheckShape(rule, path, sink);
        return sink.ToResult().Errors;
    }

    /// <summary>
    /// Checks the rule within <paramref name="estate"/>: everything <see cref="Validate(Rule, string)"/> checks,
    /// plus that the referenced group or prefix list exists, and warnings for rules that can never match.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="estate">The estate the rule belongs to (or will belong to).</param>
    /// <param name="path">Prefix of the error paths.</param>
    /// <param name="mode">Designer (missing references are errors) or import (they are warnings).</param>
    public static EstateValidation Check(Rule rule, Estate estate, string path = "rule", EstateValidationMode mode = EstateValidationMode.Designer)
    {
        var sink = new ValidationSink(mode);
        var groupIds = estate.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var listIds = estate.PrefixLists.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        Check(rule, path, groupIds, listIds, sink);
        return sink.ToResult();
    }

    /// <summary>
    /// Checks <paramref name="rule"/> as it would be after adding it to (or replacing the rule of the same id in)
    /// group <paramref name="groupId"/>: the rule itself, its peer, its id, duplicates and the group's quota.
    /// Only problems of that rule and that group's rule count are returned.
    /// </summary>
    public static EstateValidation CheckInGroup(Estate estate, string groupId, Rule rule, EstateValidationMode mode = EstateValidationMode.Designer)
    {
        var group = estate.FindGroup(groupId);
        if (group is null)
            return new EstateValidation([new ValidationError($"groups[{groupId}]", $"security group {QuotedValue.Of(groupId)} does not exist")], []);
        // Only this rule and its group are checked, so an edit costs one pass over the rules, not a full validation.
        var sink = new ValidationSink(mode);
        var path = $"groups[{groupId}].rules[{rule.Id}]";
        var groupIds = estate.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var listIds = estate.PrefixLists.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        Check(rule, path, groupIds, listIds, sink);
        if (estate.Groups.Any(g => g.Id != groupId && g.Rules.Any(r => r.Id == rule.Id)))
            sink.Error(path, EstateValidator.DuplicateRuleIdMessage(rule.Id));
        var others = group.Rules.Where(r => r.Id != rule.Id).ToList();
        if (others.FirstOrDefault(r => GroupValidator.SameTraffic(r, rule)) is { } twin)
            sink.Soft(path, $"the rule duplicates {twin.Id} ({rule})");
        GroupValidator.CheckRuleQuota([.. others, rule], rule.Direction, estate, $"groups[{groupId}]", sink);
        return sink.ToResult();
    }

    internal static void Check(Rule rule, string path, HashSet<string> groupIds, HashSet<string> prefixListIds, ValidationSink sink)
    {
        CheckShape(rule, path, sink);
        switch (rule.Peer)
        {
            case GroupPeer { AccountId: not null } g:
                CheckOtherAccount(g, $"{path}.peer", sink);
                break;
            case GroupPeer g when !groupIds.Contains(g.GroupId):
                // AWS refuses a reference to a group that does not exist, but keeps one whose group was
                // deleted later ("stale"); imported data may therefore hold it.
                sink.Soft($"{path}.peer", $"security group {QuotedValue.Of(g.GroupId)} does not exist");
                break;
            case PrefixListPeer p when !prefixListIds.Contains(p.PrefixListId):
                sink.Soft($"{path}.peer", $"prefix list {QuotedValue.Of(p.PrefixListId)} does not exist");
                break;
        }
    }

    /// <summary>
    /// A group of another account cannot be checked for existence; it must have the form AWS and Terraform
    /// accept for it: a 12-digit account id, <c>/</c>, then the group id.
    /// </summary>
    private static void CheckOtherAccount(GroupPeer peer, string path, ValidationSink sink)
    {
        var account = peer.AccountId!;
        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
            sink.Error(path, $"{QuotedValue.Of(peer.GroupId)}: the owner of another account's group must be a 12-digit account id before the '/'");
        if (!peer.LocalGroupId.StartsWith("sg-", StringComparison.Ordinal) || peer.LocalGroupId.Length < 4 || !peer.LocalGroupId.Skip(3).All(char.IsAsciiLetterOrDigit))
            sink.Error(path, $"{QuotedValue.Of(peer.GroupId)}: another account's group must be named by its id (sg-…) after the '/'");
    }

    private static void CheckShape(Rule rule, string path, ValidationSink sink)
    {
        if (string.IsNullOrWhiteSpace(rule.Id))
            sink.Error($"{path}.id", "a rule id is required");
        else
            TextValidator.CheckId(rule.Id, AwsLimits.IdPrefix.Rule, "rule", $"{path}.id", sink);
        var protocol = rule.Protocol;
        if (AwsLimits.ProtocolProblem(protocol.Number) is { } badProtocol)
            sink.Error($"{path}.protocol", badProtocol);
        else if (protocol.HasPorts)
            CheckPorts(rule, path, sink);
        else if (protocol.IsIcmp)
            CheckIcmp(rule, path, sink);
        else if (rule.FromPort != -1 || rule.ToPort != -1)
            sink.Error($"{path}.fromPort", $"ports do not apply to protocol {protocol}: both must be -1");
        CheckPeer(rule, path, sink);
        if (rule.Description is { } description)
            CheckText(description, $"{path}.description", "description", AwsLimits.RuleDescriptionMaxLength, sink);
    }

    private static void CheckPorts(Rule rule, string path, ValidationSink sink)
    {
        if (AwsLimits.PortProblem(rule.FromPort) is { } from)
            sink.Error($"{path}.fromPort", from);
        if (AwsLimits.PortProblem(rule.ToPort) is { } to)
            sink.Error($"{path}.toPort", to);
        if (rule.FromPort > rule.ToPort)
            sink.Error($"{path}.toPort", AwsLimits.PortRangeProblem(rule.FromPort, rule.ToPort)!);
    }

    private static void CheckIcmp(Rule rule, string path, ValidationSink sink)
    {
        if (AwsLimits.IcmpTypeProblem(rule.FromPort) is { } type)
            sink.Error($"{path}.fromPort", type);
        if (AwsLimits.IcmpCodeProblem(rule.ToPort) is { } code)
            sink.Error($"{path}.toPort", code);
        // AWS refuses a specific code under "any type"; such a rule (seen in hand-made samples) matches nothing.
        if (AwsLimits.IcmpPairProblem(rule.FromPort, rule.ToPort) is { } pair)
            sink.Soft($"{path}.toPort", pair);
    }

    private static void CheckPeer(Rule rule, string path, ValidationSink sink)
    {
        switch (rule.Peer)
        {
            case null:
                sink.Error($"{path}.peer", "a peer (CIDR, security group or prefix list) is required");
                break;
            case CidrPeer c when rule.Protocol == IpProtocol.Icmp && c.Block.Family == IpFamily.V6:
                sink.Warn($"{path}.peer", $"icmp exists only in IPv4: this rule never matches the IPv6 block {c.Block}");
                break;
            case CidrPeer c when rule.Protocol == IpProtocol.IcmpV6 && c.Block.Family == IpFamily.V4:
                sink.Warn($"{path}.peer", $"icmpv6 exists only in IPv6: this rule never matches the IPv4 block {c.Block}");
                break;
            case GroupPeer g when string.IsNullOrWhiteSpace(g.GroupId):
                sink.Error($"{path}.peer", "the referenced security group id is empty");
                break;
            case PrefixListPeer p when string.IsNullOrWhiteSpace(p.PrefixListId):
                sink.Error($"{path}.peer", "the prefix list id is empty");
                break;
        }
    }

    /// <summary>
    /// Control characters, length and charset of a name or description. Control characters and over-length text are
    /// errors even on import: AWS never holds them, and neither can the database.
    /// </summary>
    internal static void CheckText(string text, string path, string what, int maxLength, ValidationSink sink)
    {
        if (AwsLimits.ControlCharacterProblem(text) is { } control)
        {
            sink.Error(path, $"the {what} {control}");
            return;
        }
        if (AwsLimits.LengthProblem(text, maxLength, what) is { } length)
            sink.Error(path, length);
        if (AwsLimits.CharsetProblem(text, what) is { } charset)
            sink.Soft(path, charset);
    }
}
