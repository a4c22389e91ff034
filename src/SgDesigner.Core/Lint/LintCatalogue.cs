using System.Collections.Immutable;

namespace SgDesigner.Core.Lint;

/// <summary>
/// Every check the linter runs, with its equivalent in other tools where one exists (names verified against
/// Prowler's <c>prowler/providers/aws/services/ec2</c> checks, Checkov's AWS checks and tfsec's AWS rules).
/// </summary>
public static class LintCatalogue
{
    /// <summary>SGD001: a remote administration port open inbound to 0.0.0.0/0 or ::/0.</summary>
    public static LintCheck AdminPortOpenToWorld { get; } = new(
        "SGD001", "Remote administration port open to the internet", Severity.Error,
        "Administration services (SSH, RDP, Telnet, FTP, SMB, VNC, WinRM, the Docker API) reachable from any address are " +
        "scanned and brute-forced within minutes; reach them through a bastion, a VPN or Session Manager instead (CIS AWS 5.2/5.3).",
        "Checkov CKV_AWS_24 (22), CKV_AWS_25 (3389); Prowler ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22, " +
        "…_tcp_port_3389, …_tcp_port_telnet_23, …_tcp_port_ftp_20_21; tfsec aws-ec2-no-public-ingress-sgr");

    /// <summary>SGD002: a database or data-store port open inbound to the world.</summary>
    public static LintCheck DataPortOpenToWorld { get; } = new(
        "SGD002", "Database or data-store port open to the internet", Severity.Error,
        "Databases, caches and search clusters are meant to be reached by the application tier only; many ship without " +
        "authentication or with weak defaults, and open ones are harvested for data and ransom.",
        "Prowler ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306, …_postgres_5432, …_redis_6379, " +
        "…_sql_server_1433_1434, …_oracle_1521_2483, …_mongodb_27017_27018, …_memcached_11211, " +
        "…_elasticsearch_kibana_9200_9300_5601, …_kafka_9092, …_cassandra_7199_9160_8888; tfsec aws-ec2-no-public-ingress-sgr");

    /// <summary>SGD003: all traffic open inbound to the world.</summary>
    public static LintCheck AllTrafficFromWorld { get; } = new(
        "SGD003", "All traffic open to the internet", Severity.Error,
        "Every port of every ENI carrying the group can be reached from any address, including services nobody meant to expose.",
        "Checkov CKV_AWS_277 (and CKV_AWS_24, _25, _260 for their ports); Prowler ec2_securitygroup_allow_ingress_from_internet_to_all_ports; tfsec aws-ec2-no-public-ingress-sgr");

    /// <summary>SGD004: any other port open inbound to the world.</summary>
    public static LintCheck PortOpenToWorld { get; } = new(
        "SGD004", "Port open to the internet", Severity.Info,
        "Public listeners (web, load balancers) are expected to be open; anything else should be reached from known addresses only.",
        "Checkov CKV_AWS_260 (80); Prowler ec2_securitygroup_allow_ingress_from_internet_to_any_port; tfsec aws-ec2-no-public-ingress-sgr");

    /// <summary>SGD005: a rule whose traffic and peer another rule of the group already covers.</summary>
    public static LintCheck ShadowedRule { get; } = new(
        "SGD005", "Rule shadowed by a broader rule", Severity.Warning,
        "Rules only allow and an ENI's groups are merged, so a rule inside a broader one of the same group and direction changes " +
        "nothing; it counts against the rule quota and misleads reviewers into thinking access is narrower than it is.",
        null);

    /// <summary>SGD006: two rules of a group with the same traffic and peer.</summary>
    public static LintCheck DuplicateRule { get; } = new(
        "SGD006", "Duplicate rule", Severity.Warning,
        "A duplicate adds nothing, counts against the rule quota, and removing one copy later does not close the access.",
        null);

    /// <summary>SGD007: a rule referencing a group or prefix list that does not exist.</summary>
    public static LintCheck StaleReference { get; } = new(
        "SGD007", "Reference to a group or prefix list that does not exist", Severity.Warning,
        "A stale reference matches nothing, so the access it was written for is silently missing; if an id is ever reused " +
        "or the group restored, the rule comes back to life unreviewed.",
        null);

    /// <summary>SGD008: a group no ENI carries.</summary>
    public static LintCheck UnattachedGroup { get; } = new(
        "SGD008", "Group attached to no network interface", Severity.Info,
        "An unused group is clutter that still has to be reviewed, and rules elsewhere that reference it match nothing.",
        "Checkov CKV2_AWS_5; Prowler ec2_securitygroup_not_used");

    /// <summary>SGD009: an ENI with more groups than the quota allows.</summary>
    public static LintCheck EniOverGroupQuota { get; } = new(
        "SGD009", "Network interface over the groups-per-interface quota", Severity.Error,
        "AWS refuses to attach more groups than the quota (5 by default) to one network interface.",
        null);

    /// <summary>SGD010: a group with more rules in one direction than the quota allows.</summary>
    public static LintCheck GroupOverRuleQuota { get; } = new(
        "SGD010", "Group over the rules-per-direction quota", Severity.Error,
        "AWS refuses inbound or outbound rules beyond the quota (60 per direction by default, counted per peer).",
        null);

    /// <summary>SGD011: a group exactly at its rule quota in one direction.</summary>
    public static LintCheck GroupAtRuleQuota { get; } = new(
        "SGD011", "Group at the rules-per-direction quota", Severity.Warning,
        "The next rule in that direction will be refused; consolidate rules or use a prefix list.",
        "Prowler ec2_securitygroup_with_many_ingress_egress_rules (threshold 50)");

    /// <summary>SGD012: a private-range CIDR peer much wider than internal traffic needs.</summary>
    public static LintCheck WideInternalCidr { get; } = new(
        "SGD012", "Overly wide internal CIDR", Severity.Warning,
        "A private range wider than /16, or wider than the group's own VPC, admits every network that is or will be " +
        "peered, routed through a transit gateway or connected by VPN; name the subnets or groups that need access.",
        null);

    /// <summary>SGD013: a public CIDR peer between /1 and /23.</summary>
    public static LintCheck WidePublicCidr { get; } = new(
        "SGD013", "Wide public CIDR", Severity.Warning,
        "A public block wider than /24 admits address space owned by many unrelated parties.",
        "Prowler ec2_securitygroup_allow_wide_open_public_ipv4");

    /// <summary>SGD014: an ICMP rule that can match no packet.</summary>
    public static LintCheck IcmpMatchesNothing { get; } = new(
        "SGD014", "ICMP rule that matches nothing", Severity.Warning,
        "ICMP type -1 with a specific code is invalid and matches nothing; icmp applies to IPv4 only and icmpv6 to IPv6 only, " +
        "so a rule pairing one with the other family's peer matches nothing. The access it was written for is missing.",
        null);

    /// <summary>SGD015: two groups of a VPC whose names differ only in case, or not at all.</summary>
    public static LintCheck DuplicateGroupName { get; } = new(
        "SGD015", "Duplicate group name in a VPC", Severity.Error,
        "AWS requires group names to be unique within a VPC, ignoring case; exports that create both will fail, and " +
        "reviewers cannot tell the groups apart.",
        null);

    /// <summary>SGD016: an ENI that carries a group the estate does not contain.</summary>
    public static LintCheck EniUnknownGroup { get; } = new(
        "SGD016", "Network interface carries an unknown group", Severity.Warning,
        "The group's rules cannot be evaluated, so reachability involving this interface is understated.",
        null);

    /// <summary>SGD017: a rule referencing a group of another VPC that no group-referencing connection joins.</summary>
    public static LintCheck CrossVpcGroupReference { get; } = new(
        "SGD017", "Group reference across VPCs that do not allow it", Severity.Warning,
        "A referenced group matches only across a peering or transit gateway with group referencing enabled; elsewhere " +
        "the rule matches nothing, so the access it was written for is missing (semantics.md, \"Matching one rule\").",
        null);

    /// <summary>SGD018: all traffic allowed out to the internet.</summary>
    public static LintCheck EgressAllToWorld { get; } = new(
        "SGD018", "All traffic allowed out to the internet", Severity.Info,
        "AWS gives every new group this rule, but an ENI that may send anything anywhere can exfiltrate data or fetch " +
        "tooling after a compromise; allow the destinations and ports the workload needs.",
        "Checkov CKV_AWS_382");

    /// <summary>SGD019: a group or rules without a description.</summary>
    public static LintCheck MissingDescription { get; } = new(
        "SGD019", "Group or rules without a description", Severity.Info,
        "A description says why access exists; without one, reviewers cannot tell an intended rule from a leftover, and " +
        "nobody dares to remove either.",
        "Checkov CKV_AWS_23");

    /// <summary>SGD020: a VPC's default group with rules.</summary>
    public static LintCheck DefaultGroupAllowsTraffic { get; } = new(
        "SGD020", "Default group does not restrict all traffic", Severity.Warning,
        "Anything launched without a group gets the default group; with rules it silently gains access. Keep the default " +
        "group empty and give resources groups of their own (CIS AWS 5.4).",
        "Checkov CKV2_AWS_12; Prowler ec2_securitygroup_default_restrict_traffic");

    /// <summary>SGD021: a rule of an attached group whose peer matches nothing in the estate.</summary>
    public static LintCheck UnusedRule { get; } = new(
        "SGD021", "Rule that allows nothing", Severity.Warning,
        "The rule's group is attached, but its peer is a group no network interface carries (or a prefix list with no " +
        "entries), so the rule allows no flow; the access it was written for is missing, or the rule is a leftover. " +
        "Unlike SGD007 the peer exists, unlike SGD008 the rule's own group is in use (rules of a group attached to " +
        "nothing are reported once, as SGD008), and unlike SGD014 the rule itself is valid.",
        null);

    /// <summary>SGD022: a rule whose every flow rules of the other groups on the same ENIs allow too.</summary>
    public static LintCheck RedundantRule { get; } = new(
        "SGD022", "Rule redundant with rules of other groups", Severity.Info,
        "On every set of groups carrying the rule's group, a rule of another of those groups already allows the same " +
        "traffic to or from the same peer, so removing the rule closes nothing; it misleads reviewers and survives " +
        "the removal of the other group unnoticed. SGD005 and SGD006 find the same within one group; this check " +
        "looks across the groups an ENI carries together. 'sgd explain-rule' lists the flows exactly.",
        null);

    /// <summary>SGD023: a rule referencing a group whose ENIs' other direction never lets the connection through.</summary>
    public static LintCheck OneWayRule { get; } = new(
        "SGD023", "Ingress without egress (or egress without ingress)", Severity.Warning,
        "A connection needs an outbound rule on the sender and an inbound rule on the receiver. Here B's inbound rule " +
        "allows the ENIs of a group A, but for some of them A's outbound rules allow none of that traffic towards B " +
        "(or A's outbound rule names B's group and B's inbound rules admit none of it): the connection silently times " +
        "out, the most common \"my rule does not work\" in AWS. Checked for group references, whose peers are known.",
        null);

    /// <summary>SGD030: a network ACL deny rule wholly inside an earlier allow rule, so it never matches.</summary>
    public static LintCheck AclDenyShadowedByAllow { get; } = new(
        "SGD030", "Network ACL deny shadowed by an earlier allow", Severity.Warning,
        "A network ACL evaluates its rules from the lowest number up and the first match decides; a deny whose every " +
        "packet an earlier allow already matches never applies, so the traffic it was written to block gets through. " +
        "Give the deny a lower number than the allow (semantics.md, \"Network ACLs\").",
        null);

    /// <summary>SGD031: replies of an allowed connection that the ACLs let back to none or part of the client's ephemeral ports.</summary>
    public static LintCheck AclRepliesBlocked { get; } = new(
        "SGD031", "Network ACL blocks replies on the ephemeral range", Severity.Warning,
        "Network ACLs are stateless: the replies of a connection need their own rule, to the client's ephemeral ports " +
        "(Linux 32768–60999, Windows 49152–65535, NAT gateways and load balancers 1024–65535). Here the security groups " +
        "allow the connection and the request passes, but the replies come back to none or only part of the client's " +
        "range: the connection silently times out, always or whenever the client picks a port outside the allowed part. " +
        "Allow the reply direction on 1024–65535 (or at least the clients' whole range).",
        null);

    /// <summary>SGD032: an ACL allow rule for traffic no group on its subnets admits.</summary>
    public static LintCheck AclAllowsWhatGroupsDeny { get; } = new(
        "SGD032", "Network ACL allows what every group denies anyway", Severity.Info,
        "Harmless: the security groups on the ACL's subnets admit none of this traffic (nor connections whose replies " +
        "it would carry), so the rule lets nothing through today. It reads as access that exists, and it opens the " +
        "subnet the day a group starts admitting the traffic.",
        null);

    /// <summary>SGD033: three or more consecutive ACL rule numbers.</summary>
    public static LintCheck AclRuleNumbersWithoutGaps { get; } = new(
        "SGD033", "Network ACL rule numbers without gaps", Severity.Info,
        "Rules are evaluated by number, so a rule that must come between two others needs a number between theirs. " +
        "Consecutive numbers (1, 2, 3) leave none: inserting a rule means renumbering, which deletes and recreates rules " +
        "and opens a window where the ACL is wrong. Number in steps of 10 or 100. (100/101 pairs are not reported.)",
        null);

    /// <summary>SGD034: an ACL allow rule wholly inside an earlier deny rule, so it never matches.</summary>
    public static LintCheck AclRuleShadowedByDeny { get; } = new(
        "SGD034", "Network ACL allow shadowed by an earlier deny", Severity.Warning,
        "The first matching rule decides; an allow whose every packet an earlier deny already matches never applies, so " +
        "the access it was written for is missing. The mirror of SGD030. (A rule inside an earlier rule of the same " +
        "action is merely redundant and is not reported.)",
        null);

    /// <summary>SGD040: a rule whose review-by date has passed.</summary>
    public static LintCheck RuleReviewOverdue { get; } = new(
        "SGD040", "Rule past its review-by date", Severity.Warning,
        "A review-by date is a promise to look at the rule again; once it has passed, nobody has confirmed the access is " +
        "still needed, and temporary rules outstay their reason. Re-certify it (a new date) or remove it.",
        null);

    /// <summary>SGD041: an inbound allow from 0.0.0.0/0 or ::/0 without a justification, where the policy requires one.</summary>
    public static LintCheck WorldAllowWithoutJustification { get; } = new(
        "SGD041", "Allow from the internet without a justification", Severity.Error,
        "Whatever the port, access from every address on the internet should be a decision someone can explain; the policy " +
        "requires the reason to be recorded on the rule.",
        null);

    /// <summary>Every check, in id order.</summary>
    public static ImmutableArray<LintCheck> All { get; } =
    [
        AdminPortOpenToWorld, DataPortOpenToWorld, AllTrafficFromWorld, PortOpenToWorld, ShadowedRule, DuplicateRule,
        StaleReference, UnattachedGroup, EniOverGroupQuota, GroupOverRuleQuota, GroupAtRuleQuota, WideInternalCidr,
        WidePublicCidr, IcmpMatchesNothing, DuplicateGroupName, EniUnknownGroup, CrossVpcGroupReference, EgressAllToWorld,
        MissingDescription, DefaultGroupAllowsTraffic, UnusedRule, RedundantRule, OneWayRule,
        AclDenyShadowedByAllow, AclRepliesBlocked, AclAllowsWhatGroupsDeny, AclRuleNumbersWithoutGaps, AclRuleShadowedByDeny,
        RuleReviewOverdue, WorldAllowWithoutJustification,
    ];

    /// <summary>The check with <paramref name="id"/>, or null.</summary>
    public static LintCheck? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
}
