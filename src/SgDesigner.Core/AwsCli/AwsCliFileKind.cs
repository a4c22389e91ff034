namespace SgDesigner.Core.AwsCli;

/// <summary>Which AWS CLI command printed a JSON file (cli.md, <c>sgd import aws</c>).</summary>
public enum AwsCliFileKind
{
    /// <summary><c>aws ec2 describe-security-groups</c> (top-level key <c>SecurityGroups</c>).</summary>
    SecurityGroups,
    /// <summary>
    /// <c>aws ec2 describe-security-group-rules</c> (<c>SecurityGroupRules</c>): read only for the AWS rule ids
    /// (<c>sgr-…</c>) of the rules that <see cref="SecurityGroups"/> files describe.
    /// </summary>
    SecurityGroupRules,
    /// <summary><c>aws ec2 describe-instances</c> (<c>Reservations</c>).</summary>
    Instances,
    /// <summary><c>aws ec2 describe-network-interfaces</c> (<c>NetworkInterfaces</c>).</summary>
    NetworkInterfaces,
    /// <summary><c>aws ec2 describe-subnets</c> (<c>Subnets</c>).</summary>
    Subnets,
    /// <summary><c>aws ec2 describe-vpcs</c> (<c>Vpcs</c>).</summary>
    Vpcs,
    /// <summary>
    /// <c>aws ec2 describe-prefix-lists</c> (lists with their <c>Cidrs</c>) or
    /// <c>describe-managed-prefix-lists</c> (lists without entries); both use the key <c>PrefixLists</c>.
    /// </summary>
    PrefixLists,
    /// <summary>
    /// <c>aws ec2 get-managed-prefix-list-entries --prefix-list-id pl-…</c> (<c>Entries</c>). The output does not
    /// name its list, so the file name must contain the list id, e.g. <c>prefix-list-entries-pl-0123abcd.json</c>.
    /// </summary>
    PrefixListEntries,
    /// <summary><c>aws ec2 describe-network-acls</c> (<c>NetworkAcls</c>): the network ACLs with their rules and subnet associations.</summary>
    NetworkAcls,
}
