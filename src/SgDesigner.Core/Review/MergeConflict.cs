namespace SgDesigner.Core.Review;

/// <summary>The kinds of object a three-way merge matches by id.</summary>
public enum MergeEntityKind
{
    /// <summary>A VPC (by id).</summary>
    Vpc,
    /// <summary>A subnet (by id).</summary>
    Subnet,
    /// <summary>A connection between two VPCs (by the pair of VPC ids).</summary>
    VpcConnection,
    /// <summary>A security group's own fields (by group id); a whole group when one side deleted it.</summary>
    SecurityGroup,
    /// <summary>A rule (by rule id, inside its group).</summary>
    Rule,
    /// <summary>A managed prefix list (by id).</summary>
    PrefixList,
    /// <summary>An instance (by id).</summary>
    Instance,
    /// <summary>A network interface (by id).</summary>
    NetworkInterface,
    /// <summary>A named endpoint outside the estate (by name).</summary>
    ExternalEndpoint,
    /// <summary>The estate's quotas.</summary>
    Quotas,
    /// <summary>A network ACL's own fields (by ACL id); a whole ACL when one side deleted it.</summary>
    NetworkAcl,
    /// <summary>A network ACL rule (by direction and rule number, <c>inbound#100</c>, inside its ACL).</summary>
    NetworkAclEntry,
}

/// <summary>Which side's value settles a conflict.</summary>
public enum MergeSide
{
    /// <summary>The change request's own edit (the author's draft).</summary>
    Ours,
    /// <summary>The newest revision's value (what was published since the draft's base).</summary>
    Theirs,
}

/// <summary>
/// One object (or one field of one object) that both sides changed differently since their common base, including
/// one side deleting what the other changed. Until resolved, the merged estate holds THEIR (newest) value.
/// </summary>
/// <param name="Kind">The kind of object.</param>
/// <param name="Id">Its id (a group's, rule's, ENI's…; the VPC pair <c>vpc-a|vpc-b</c> for connections, the name for external endpoints).</param>
/// <param name="GroupId">The group concerned: the rule's group for rules, the group itself for groups; otherwise null.</param>
/// <param name="Field">The field both sides changed (<c>name</c>, <c>privateIps</c>, <c>tags[Owner]</c>…), or null when the
/// whole object is in conflict (deleted on one side, changed on the other; or rules, which are compared whole).</param>
/// <param name="Base">The value in the common base, for people; null when absent or unset.</param>
/// <param name="Ours">Our value, for people; null when absent (deleted) or unset.</param>
/// <param name="Theirs">Their value, for people; null when absent (deleted) or unset.</param>
/// <param name="Resolution">The side chosen for this conflict, or null while it is unresolved.</param>
public sealed record MergeConflict(
    MergeEntityKind Kind,
    string Id,
    string? GroupId,
    string? Field,
    string? Base,
    string? Ours,
    string? Theirs,
    MergeSide? Resolution)
{
    /// <summary>
    /// Stable key naming the conflict, used to pass a choice back: <c>rule:sg-1/sgr-9</c>, <c>group:sg-1.name</c>,
    /// <c>eni:eni-1.privateIps</c>, <c>group:sg-1</c> (the whole group).
    /// </summary>
    public string Key => KeyOf(Kind, Id, GroupId, Field);

    /// <summary>True once a side has been chosen.</summary>
    public bool IsResolved => Resolution is not null;

    internal static string KeyOf(MergeEntityKind kind, string id, string? groupId, string? field)
    {
        var prefix = kind switch
        {
            MergeEntityKind.Vpc => "vpc",
            MergeEntityKind.Subnet => "subnet",
            MergeEntityKind.VpcConnection => "connection",
            MergeEntityKind.SecurityGroup => "group",
            MergeEntityKind.Rule => "rule",
            MergeEntityKind.PrefixList => "prefixList",
            MergeEntityKind.Instance => "instance",
            MergeEntityKind.NetworkInterface => "eni",
            MergeEntityKind.ExternalEndpoint => "external",
            _ => "quotas",
        };
        var path = kind == MergeEntityKind.Rule && groupId is not null ? $"{groupId}/{id}" : id;
        return field is null ? $"{prefix}:{path}" : $"{prefix}:{path}.{field}";
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Key}: base {Show(Base)}, ours {Show(Ours)}, theirs {Show(Theirs)}{(Resolution is { } side ? $" (resolved: {side.ToString().ToLowerInvariant()})" : "")}";

    private static string Show(string? value) => value is null ? "(absent)" : $"'{value}'";
}
