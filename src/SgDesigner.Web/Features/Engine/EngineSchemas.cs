namespace SgDesigner.Web.Features.Engine;

// The shapes of sgd's JSON answers, for the OpenAPI document and generated clients. The answers themselves are written
// by Core/Answers (the code sgd runs), not serialized from these: EngineAnswerShapeTests reads every answer into these
// types refusing unknown fields, so the two cannot drift apart.

/// <summary>A security-group rule as the engine's answers print it: its fields and AWS console-style text.</summary>
/// <param name="Group">The group it belongs to, when the answer is about rules of several groups.</param>
/// <param name="Id">The rule's id (<c>sgr-…</c>).</param>
/// <param name="Direction">ingress or egress.</param>
/// <param name="Protocol">tcp, udp, icmp, icmpv6, -1 (all) or a protocol number.</param>
/// <param name="FromPort">First port (or ICMP type), absent when the protocol has none.</param>
/// <param name="ToPort">Last port (or ICMP code), absent when the protocol has none.</param>
/// <param name="Cidr">The IPv4 peer, when the peer is a CIDR block.</param>
/// <param name="CidrIpv6">The IPv6 peer, when the peer is an IPv6 CIDR block.</param>
/// <param name="GroupId">The peer group, when the peer is a security group.</param>
/// <param name="PrefixListId">The peer prefix list, when the peer is one.</param>
/// <param name="Description">The rule's description, when it has one.</param>
/// <param name="Text">The rule in words, as the AWS console shows it.</param>
public sealed record EngineRule(
    string? Group, string Id, string Direction, string Protocol, int? FromPort, int? ToPort, string? Cidr, string? CidrIpv6,
    string? GroupId, string? PrefixListId, string? Description, string Text);

/// <summary>One kind of traffic: a protocol with its merged port ranges or ICMP types.</summary>
/// <param name="Protocol">tcp, udp, icmp, icmpv6, all, or a protocol number as text.</param>
/// <param name="Ports">For tcp and udp: sorted, merged, inclusive <c>[from, to]</c> ranges.</param>
/// <param name="Types">For icmp and icmpv6: <c>[type, code]</c> pairs, -1 meaning any.</param>
public sealed record EngineTraffic(string Protocol, IReadOnlyList<IReadOnlyList<int>>? Ports, IReadOnlyList<IReadOnlyList<int>>? Types);

/// <summary>A rule that almost allowed a denied flow, and why it does not.</summary>
/// <param name="Side">source (egress) or destination (ingress).</param>
/// <param name="Reason">What differs: the port, the protocol, the peer, ….</param>
/// <param name="Text">The miss in words.</param>
/// <param name="Rule">The rule, when there is one.</param>
public sealed record EngineNearMiss(string Side, string Reason, string Text, EngineRule? Rule);

/// <summary>The answer of <c>sgd reach --json</c>: the verdict for one flow and the rules that decide it.</summary>
/// <param name="From">The source as asked.</param>
/// <param name="To">The destination as asked.</param>
/// <param name="Protocol">The protocol as asked.</param>
/// <param name="Port">The port, for tcp and udp.</param>
/// <param name="IcmpType">The ICMP type, for icmp and icmpv6.</param>
/// <param name="IcmpCode">The ICMP code, when asked.</param>
/// <param name="Allowed">Whether the source may open the connection.</param>
/// <param name="Egress">The source's outbound rules that allow it.</param>
/// <param name="Ingress">The destination's inbound rules that allow it.</param>
/// <param name="ReturnTrafficAllowed">The replies of an allowed connection need no rule: security groups are stateful.</param>
/// <param name="Untracked">Whether the connection is untracked (rules open both ways to 0.0.0.0/0).</param>
/// <param name="DeniedBy">source or destination, when denied.</param>
/// <param name="Explanation">The verdict in words (not in batch answers).</param>
/// <param name="NearestMisses">The rules that almost matched a denied flow (not in batch answers).</param>
public sealed record ReachResponse(
    string From, string To, string Protocol, int? Port, int? IcmpType, int? IcmpCode, bool Allowed,
    IReadOnlyList<EngineRule> Egress, IReadOnlyList<EngineRule> Ingress, bool ReturnTrafficAllowed, bool Untracked,
    string? DeniedBy, string? Explanation, IReadOnlyList<EngineNearMiss>? NearestMisses);

/// <summary>One answer of a batch (<c>sgd reach --batch</c>): a verdict, or the error of a query that could not be answered.</summary>
/// <param name="Error">Where the query is and what is wrong (<c>line 3: to: …</c>, <c>queries[2]: …</c>); the other fields are then absent.</param>
/// <param name="From">The source as asked.</param>
/// <param name="To">The destination as asked.</param>
/// <param name="Protocol">The protocol as asked.</param>
/// <param name="Port">The port, for tcp and udp.</param>
/// <param name="IcmpType">The ICMP type, for icmp and icmpv6.</param>
/// <param name="IcmpCode">The ICMP code, when asked.</param>
/// <param name="Allowed">Whether the source may open the connection.</param>
/// <param name="Egress">The source's outbound rules that allow it.</param>
/// <param name="Ingress">The destination's inbound rules that allow it.</param>
/// <param name="ReturnTrafficAllowed">The replies of an allowed connection need no rule.</param>
/// <param name="Untracked">Whether the connection is untracked.</param>
/// <param name="DeniedBy">source or destination, when denied.</param>
public sealed record ReachBatchItemResponse(
    string? Error, string? From, string? To, string? Protocol, int? Port, int? IcmpType, int? IcmpCode, bool? Allowed,
    IReadOnlyList<EngineRule>? Egress, IReadOnlyList<EngineRule>? Ingress, bool? ReturnTrafficAllowed, bool? Untracked, string? DeniedBy);

/// <summary>One flow to answer, as a line of <c>sgd reach --batch</c>.</summary>
/// <param name="From">An instance id (its primary ENI), an ENI id, an instance's Name tag, a private IP in the policy, or any other IP.</param>
/// <param name="To">The destination, in the same forms.</param>
/// <param name="Protocol">tcp, udp, icmp, icmpv6 or a protocol number.</param>
/// <param name="Port">The port (0..65535), required for tcp and udp.</param>
/// <param name="IcmpType">The ICMP type (0..255), required for icmp and icmpv6.</param>
/// <param name="IcmpCode">The ICMP code (0..255, default 0).</param>
public sealed record ReachRequest(string From, string To, string Protocol, int? Port, int? IcmpType, int? IcmpCode);

/// <summary>An ENI of the matrix and its class.</summary>
/// <param name="Id">The ENI's id.</param>
/// <param name="Instance">Its instance, if attached.</param>
/// <param name="Name">Its instance's Name tag, or the ENI's description.</param>
/// <param name="Class">The index of its class.</param>
public sealed record MatrixEni(string Id, string? Instance, string? Name, int Class);

/// <summary>A class of ENIs that every rule treats alike.</summary>
/// <param name="Index">Its index, as cells name it.</param>
/// <param name="Vpc">Its VPC.</param>
/// <param name="Groups">The security groups of its ENIs.</param>
/// <param name="Size">How many ENIs it holds.</param>
public sealed record MatrixClass(int Index, string? Vpc, IReadOnlyList<string> Groups, int Size);

/// <summary>What any ENI of one class may open to any other ENI of another (or the same) class.</summary>
/// <param name="From">The sending class.</param>
/// <param name="To">The receiving class.</param>
/// <param name="Allowed">The traffic allowed; <c>{"protocol": "all"}</c> is then the only entry.</param>
public sealed record MatrixCell(int From, int To, IReadOnlyList<EngineTraffic> Allowed);

/// <summary>The answer of <c>sgd matrix</c>: all-pairs reachability per class of ENIs; pairs with nothing allowed are left out.</summary>
/// <param name="Enis">Every ENI once, with its class.</param>
/// <param name="Classes">The classes.</param>
/// <param name="Cells">The allowed traffic per ordered pair of classes.</param>
public sealed record MatrixResponse(IReadOnlyList<MatrixEni> Enis, IReadOnlyList<MatrixClass> Classes, IReadOnlyList<MatrixCell> Cells);

/// <summary>Why a finding is accepted: the team lives with it, and it does not count.</summary>
/// <param name="Reason">Why.</param>
/// <param name="AcceptedBy">Who accepted it.</param>
/// <param name="ExpiresAt">When the acceptance stops applying (UTC).</param>
public sealed record LintAcceptance(string Reason, string? AcceptedBy, DateTime? ExpiresAt);

/// <summary>One lint finding.</summary>
/// <param name="Id">The check's stable id (<c>SGD001</c>).</param>
/// <param name="Severity">info, warning or error.</param>
/// <param name="Group">The group concerned.</param>
/// <param name="Rule">The rule concerned.</param>
/// <param name="Eni">The network interface concerned.</param>
/// <param name="Message">What was found.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="Checkov">The ids of the Checkov checks that fail on the same rule or group.</param>
/// <param name="Flows">The flows the finding is about (SGD021–SGD023), at most ten, then how many more; empty for the others.</param>
/// <param name="Accepted">The acceptance in force, or null when the finding counts.</param>
public sealed record LintFinding(
    string Id, string Severity, string? Group, string? Rule, string? Eni, string Message, string Why, IReadOnlyList<string> Checkov,
    IReadOnlyList<string> Flows, LintAcceptance? Accepted);

/// <summary>The answer of <c>sgd lint --json</c>.</summary>
/// <param name="Findings">Every finding, accepted ones included.</param>
/// <param name="Counts">The findings that count (not accepted), per severity: info, warning, error.</param>
/// <param name="Accepted">How many findings are accepted.</param>
/// <param name="Failed">Whether a finding that counts is at or above the <c>failOn</c> severity (<c>sgd lint</c> would exit 1).</param>
public sealed record LintResponse(IReadOnlyList<LintFinding> Findings, IReadOnlyDictionary<string, int> Counts, int Accepted, bool Failed);

/// <summary>One assertion and whether it holds.</summary>
/// <param name="Line">Its line in the assertions (1-based).</param>
/// <param name="Name">Its label, when it has one.</param>
/// <param name="From">The source as written.</param>
/// <param name="To">The destination as written.</param>
/// <param name="Traffic">The traffic in words.</param>
/// <param name="Expect">allow or deny.</param>
/// <param name="Allowed">What the engine says.</param>
/// <param name="Passed">Whether the assertion holds.</param>
/// <param name="Explanation">The verdict in words.</param>
/// <param name="Egress">The source's outbound rules that allow it.</param>
/// <param name="Ingress">The destination's inbound rules that allow it.</param>
public sealed record CheckResult(
    int Line, string? Name, string From, string To, string Traffic, string Expect, bool? Allowed, bool Passed, string? Explanation,
    IReadOnlyList<EngineRule>? Egress, IReadOnlyList<EngineRule>? Ingress);

/// <summary>The answer of <c>sgd check --json</c>; a failed assertion is in the body (<c>failed</c> above 0), not an error status.</summary>
/// <param name="Results">Each assertion in order.</param>
/// <param name="Passed">How many hold.</param>
/// <param name="Failed">How many do not (<c>sgd check</c> would exit 1).</param>
public sealed record CheckResponse(IReadOnlyList<CheckResult> Results, int Passed, int Failed);

/// <summary>Assertions to check, in the format of <c>sgd check</c>'s file and of the policy's settings.</summary>
/// <param name="Assertions">One JSON object per line (<c>{"from": …, "to": …, "protocol": "tcp", "port": 22, "expect": "deny"}</c>); null or absent checks the policy's own.</param>
public sealed record CheckRequest(string? Assertions);

/// <summary>A group by id and name.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
public sealed record DiffGroup(string Id, string Name);

/// <summary>A renamed group.</summary>
/// <param name="Id">Its id.</param>
/// <param name="OldName">The name before.</param>
/// <param name="NewName">The name after.</param>
public sealed record DiffRename(string Id, string OldName, string NewName);

/// <summary>A rule changed in place (same id).</summary>
/// <param name="Before">The rule before.</param>
/// <param name="After">The rule after.</param>
/// <param name="AffectsTraffic">Whether the change affects what is allowed (not only the description).</param>
public sealed record DiffRuleChange(EngineRule Before, EngineRule After, bool AffectsTraffic);

/// <summary>The rule changes of one group.</summary>
/// <param name="Group">The group's id.</param>
/// <param name="GroupName">Its name.</param>
/// <param name="Added">Rules added.</param>
/// <param name="Removed">Rules removed.</param>
/// <param name="Changed">Rules changed.</param>
public sealed record DiffGroupRules(string Group, string GroupName, IReadOnlyList<EngineRule> Added, IReadOnlyList<EngineRule> Removed, IReadOnlyList<DiffRuleChange> Changed);

/// <summary>One side of a changed flow: a class of alike ENIs, or somewhere outside the estate.</summary>
/// <param name="Label">The side in words.</param>
/// <param name="Groups">Its groups after the change.</param>
/// <param name="GroupsBefore">Its groups before the change.</param>
/// <param name="SampleEnis">Some of its ENIs.</param>
/// <param name="EniCount">How many ENIs it holds.</param>
/// <param name="Outside">The outside space (the internet, a declared external endpoint), or null for ENIs.</param>
public sealed record DiffParty(string Label, IReadOnlyList<string> Groups, IReadOnlyList<string> GroupsBefore, IReadOnlyList<string> SampleEnis, int EniCount, string? Outside);

/// <summary>Traffic a change opens or closes, with the rules responsible.</summary>
/// <param name="Protocol">tcp, udp, icmp, icmpv6, all, or a protocol number as text.</param>
/// <param name="Ports">For tcp and udp: merged inclusive ranges.</param>
/// <param name="Types">For icmp and icmpv6: <c>[type, code]</c> pairs.</param>
/// <param name="Rules">The rules responsible.</param>
/// <param name="Untracked">For closed traffic: whether existing connections are cut at once.</param>
/// <param name="NetworkAcl">The network-ACL rules behind the change: for closed traffic the rule that now drops it, for
/// opened traffic the rule that now lets it through where an ACL dropped it; empty when no ACL decided it.</param>
public sealed record DiffFlowDetail(string Protocol, IReadOnlyList<IReadOnlyList<int>>? Ports, IReadOnlyList<IReadOnlyList<int>>? Types, IReadOnlyList<EngineRule> Rules, bool Untracked,
    IReadOnlyList<DiffAclRule> NetworkAcl);

/// <summary>One network-ACL rule's decision where a packet crossed a subnet's boundary, as <c>sgd reach</c> names it.</summary>
/// <param name="Leg">request or reply.</param>
/// <param name="AclId">The network ACL.</param>
/// <param name="SubnetId">The subnet whose boundary the packet crossed.</param>
/// <param name="Direction">inbound or outbound.</param>
/// <param name="Rule">The rule number, or "*" for the final rule.</param>
/// <param name="Action">allow or deny.</param>
public sealed record DiffAclRule(string Leg, string AclId, string SubnetId, string Direction, string Rule, string Action);

/// <summary>The reachability change between two sides.</summary>
/// <param name="From">The sending side.</param>
/// <param name="To">The receiving side.</param>
/// <param name="Pairs">How many ENI pairs it concerns.</param>
/// <param name="Opens">Traffic newly allowed.</param>
/// <param name="Closes">Traffic no longer allowed.</param>
/// <param name="CutsUntracked">Whether closing cuts existing connections at once.</param>
/// <param name="AclRules">Only in a plan impact: the plan's network-ACL resources behind the change (an <c>aws_network_acl_rule</c>'s address, or an ACL's address and rule key such as <c>aws_network_acl.app inbound#100</c>).</param>
public sealed record DiffFlowChange(DiffParty From, DiffParty To, int Pairs, IReadOnlyList<DiffFlowDetail> Opens, IReadOnlyList<DiffFlowDetail> Closes, bool CutsUntracked,
    IReadOnlyList<string>? AclRules = null);

/// <summary>The answer of <c>sgd diff --json</c>: what changed from the old content to the new.</summary>
/// <param name="GroupsAdded">Groups added.</param>
/// <param name="GroupsRemoved">Groups removed.</param>
/// <param name="GroupsRenamed">Groups renamed.</param>
/// <param name="Rules">Rule changes per group.</param>
/// <param name="Reachability">Flows opened and closed.</param>
public sealed record DiffResponse(
    IReadOnlyList<DiffGroup> GroupsAdded, IReadOnlyList<DiffGroup> GroupsRemoved, IReadOnlyList<DiffRename> GroupsRenamed,
    IReadOnlyList<DiffGroupRules> Rules, IReadOnlyList<DiffFlowChange> Reachability);
