using System.Globalization;

namespace SgDesigner.Core.Validation;

/// <summary>
/// The one table of limits the API, the import, the designer's inline validation and <c>sgd</c> enforce: AWS's own
/// (lengths, characters, identifiers, numbers, quotas) and the few this application adds (policy names, id length).
/// Validators and lint checks read their numbers and messages here, so every entry point refuses the same input with
/// the same sentence. The README's "Limits and bad input" lists the same table.
/// </summary>
/// <remarks>
/// Sources:
/// security groups https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html and
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html;
/// quotas https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups;
/// prefix lists https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html;
/// tags https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions;
/// rules https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html.
/// </remarks>
public static class AwsLimits
{
    /// <summary>Longest security group name.</summary>
    public const int GroupNameMaxLength = 255;

    /// <summary>Longest security group description.</summary>
    public const int GroupDescriptionMaxLength = 255;

    /// <summary>Longest rule description.</summary>
    public const int RuleDescriptionMaxLength = 255;

    /// <summary>AWS reserves names starting with this (ignoring case) for group ids.</summary>
    public const string ReservedGroupNamePrefix = "sg-";

    /// <summary>The punctuation AWS allows, besides letters and digits, in group names and descriptions and rule descriptions.</summary>
    public const string TextPunctuation = " ._-:/()#,@[]+=&;{}!$*";

    /// <summary>User tags per resource.</summary>
    public const int MaxTagsPerResource = 50;

    /// <summary>Longest tag key.</summary>
    public const int TagKeyMaxLength = 128;

    /// <summary>Longest tag value.</summary>
    public const int TagValueMaxLength = 256;

    /// <summary>Tag keys starting with this (ignoring case) are AWS's own; a user cannot set them.</summary>
    public const string ReservedTagKeyPrefix = "aws:";

    /// <summary>Longest policy name (this application's limit; the database column has the same length).</summary>
    public const int PolicyNameMaxLength = 200;

    /// <summary>Longest free text: names of VPCs, subnets, instances and prefix lists, network interface descriptions.</summary>
    public const int FreeTextMaxLength = 255;

    /// <summary>Longest id of any object (AWS's are 12 to 25 characters; imported duplicates get a suffix).</summary>
    public const int IdMaxLength = 128;

    /// <summary>Lowest tcp/udp port.</summary>
    public const int MinPort = 0;

    /// <summary>Highest tcp/udp port.</summary>
    public const int MaxPort = 65535;

    /// <summary>ICMP type or code meaning "any".</summary>
    public const int AnyIcmp = -1;

    /// <summary>Highest ICMP type or code.</summary>
    public const int MaxIcmpTypeOrCode = 255;

    /// <summary>Highest IP protocol number (-1 is all protocols).</summary>
    public const int MaxProtocolNumber = 255;

    /// <summary>AWS's default quota of inbound (and, separately, outbound) rules per group.</summary>
    public const int DefaultRulesPerDirection = 60;

    /// <summary>AWS's default quota of security groups per network interface.</summary>
    public const int DefaultGroupsPerEni = 5;

    /// <summary>The most security groups per network interface, however far the quota is raised.</summary>
    public const int MaxGroupsPerEni = 16;

    /// <summary>Rules per direction times groups per interface may not exceed this (hence at most 1,000 rules per direction).</summary>
    public const int MaxRulesTimesGroupsPerEni = 1000;

    /// <summary>The most rules per group and direction any quota allows (with one group per interface).</summary>
    public const int MaxRulesPerDirection = MaxRulesTimesGroupsPerEni;

    /// <summary>The most entries (and maximum entries) of a managed prefix list.</summary>
    public const int MaxPrefixListEntries = 1000;

    /// <summary>The id prefixes of AWS's objects.</summary>
    public static class IdPrefix
    {
        /// <summary>Security group.</summary>
        public const string Group = "sg-";

        /// <summary>Security group rule.</summary>
        public const string Rule = "sgr-";

        /// <summary>Instance.</summary>
        public const string Instance = "i-";

        /// <summary>Network interface.</summary>
        public const string NetworkInterface = "eni-";

        /// <summary>Managed prefix list.</summary>
        public const string PrefixList = "pl-";

        /// <summary>VPC.</summary>
        public const string Vpc = "vpc-";

        /// <summary>Subnet.</summary>
        public const string Subnet = "subnet-";

        /// <summary>Network ACL.</summary>
        public const string NetworkAcl = "acl-";
    }

    /// <summary>
    /// True when <paramref name="id"/> has AWS's exact shape: <paramref name="prefix"/> then 8 or 17 lowercase hex digits.
    /// </summary>
    public static bool HasAwsIdShape(string id, string prefix) =>
        id.StartsWith(prefix, StringComparison.Ordinal)
        && id.Length - prefix.Length is 8 or 17
        && !id.AsSpan(prefix.Length).ContainsAnyExcept(LowerHex);

    /// <summary>
    /// The problem with an id a writer supplies over the API for a new object, or null: it must have AWS's exact shape
    /// (<see cref="HasAwsIdShape"/>). Imports and policy documents keep other ids with a warning (<see cref="IdProblem"/>).
    /// </summary>
    public static string? NewIdProblem(string id, string prefix, string what)
    {
        if (HasAwsIdShape(id, prefix))
            return null;
        var shown = id.Length > IdMaxLength || ControlCharacterProblem(id) is not null ? $"the {what} id given" : $"'{id}'";
        return $"{shown} is not in AWS's form: a new {what} id is '{prefix}' followed by 8 or 17 lowercase hex digits, e.g. {prefix}0123456789abcdef0";
    }

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// What is wrong with an object's id, or null. Accepted: <paramref name="prefix"/> followed by letters, digits and
    /// <c>-_.@#</c>, at most <see cref="IdMaxLength"/> characters. AWS's own ids are hex (<see cref="HasAwsIdShape"/>); the
    /// looser form keeps hand-written samples (<c>sg-web</c>) and the importer's suffixes for repeated ENI ids
    /// (<c>eni-1@i-2#2</c>) valid.
    /// </summary>
    public static string? IdProblem(string id, string prefix, string what)
    {
        if (id.Length > IdMaxLength)
            return Invariant($"the {what} id is {id.Length} characters long; the limit is {IdMaxLength}");
        if (ControlCharacterProblem(id) is { } control)
            return $"the {what} id {control}";
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length == prefix.Length)
            return $"{QuotedValue.Of(id)} is not a {what} id: it must start with '{prefix}' followed by hex digits, e.g. {prefix}0123456789abcdef0";
        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '@' or '#'))
                return $"{QuotedValue.Of(id)} is not a {what} id: {Show(c)} is not allowed (use {prefix} followed by hex digits)";
        }
        return null;
    }

    /// <summary>True for the control characters refused in every text field (all but tab and line breaks).</summary>
    public static bool IsRefusedControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>"contains the control character U+0000 at position 3; …" for the first refused control character, or null.</summary>
    public static string? ControlCharacterProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsRefusedControl(text[i]))
                return Invariant($"contains the control character U+{(int)text[i]:X4} at position {i + 1}; control characters other than tab and line breaks are not allowed");
        }
        return null;
    }

    /// <summary>"the name is 256 characters long; AWS allows 255" when <paramref name="text"/> is too long, or null.</summary>
    public static string? LengthProblem(string text, int maxLength, string what) => text.Length > maxLength
        ? Invariant($"the {what} is {text.Length} characters long; AWS allows {maxLength}")
        : null;

    /// <summary>True for a character AWS allows in group names and descriptions and rule descriptions.</summary>
    public static bool IsAllowedTextCharacter(char c) => char.IsAsciiLetterOrDigit(c) || TextPunctuation.Contains(c, StringComparison.Ordinal);

    /// <summary>"the description contains 'é'; AWS allows only …" for the first character AWS refuses, or null.</summary>
    public static string? CharsetProblem(string text, string what)
    {
        foreach (var c in text)
        {
            if (!IsAllowedTextCharacter(c))
                return $"the {what} contains {Show(c)}; AWS allows only a-zA-Z0-9, space and {TextPunctuation.Trim()}";
        }
        return null;
    }

    /// <summary>The problem with a group name as typed, or null: required, length, characters, not <c>sg-</c>.</summary>
    public static string? GroupNameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "a group name is required"
        : ControlCharacterProblem(name) is { } control ? $"the name {control}"
        : LengthProblem(name, GroupNameMaxLength, "name")
          ?? (name.StartsWith(ReservedGroupNamePrefix, StringComparison.OrdinalIgnoreCase) ? ReservedGroupNameMessage : null)
          ?? CharsetProblem(name, "name");

    /// <summary>The problem with a group description as typed, or null: required, length, characters.</summary>
    public static string? GroupDescriptionProblem(string? description) =>
        string.IsNullOrEmpty(description) ? "a group description is required"
        : ControlCharacterProblem(description) is { } control ? $"the description {control}"
        : LengthProblem(description, GroupDescriptionMaxLength, "description") ?? CharsetProblem(description, "description");

    /// <summary>The message for a group name starting with <c>sg-</c>.</summary>
    public const string ReservedGroupNameMessage = "a group name cannot start with 'sg-'";

    /// <summary>The problem with a tcp/udp port, or null.</summary>
    public static string? PortProblem(int port) => port is < MinPort or > MaxPort
        ? Invariant($"port {port} is out of range {MinPort}..{MaxPort}")
        : null;

    /// <summary>The problem with a port range, or null (each end in range, from ≤ to).</summary>
    public static string? PortRangeProblem(int from, int to) =>
        PortProblem(from) ?? PortProblem(to)
        ?? (from > to ? Invariant($"the port range {from}-{to} ends before it starts") : null);

    /// <summary>The problem with an ICMP type, or null.</summary>
    public static string? IcmpTypeProblem(int type) => type is < AnyIcmp or > MaxIcmpTypeOrCode
        ? Invariant($"ICMP type {type} is out of range: use -1 (any) or 0..{MaxIcmpTypeOrCode}")
        : null;

    /// <summary>The problem with an ICMP code, or null.</summary>
    public static string? IcmpCodeProblem(int code) => code is < AnyIcmp or > MaxIcmpTypeOrCode
        ? Invariant($"ICMP code {code} is out of range: use -1 (any) or 0..{MaxIcmpTypeOrCode}")
        : null;

    /// <summary>The problem with an ICMP code under a type, or null: a specific code needs a specific type.</summary>
    public static string? IcmpPairProblem(int type, int code) => type == AnyIcmp && code != AnyIcmp
        ? Invariant($"ICMP code {code} needs a specific type: with type -1 the code must be -1; the rule matches nothing")
        : null;

    /// <summary>The problem with a protocol number, or null.</summary>
    public static string? ProtocolProblem(int number) => number is < -1 or > MaxProtocolNumber
        ? Invariant($"protocol {number} is out of range: use -1 (all) or 0..{MaxProtocolNumber}")
        : null;

    /// <summary>The problem with a tag, or null: key required, lengths, no <c>aws:</c> keys, no control characters.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <param name="allowReservedKey">True for imported data, where <c>aws:</c> tags are AWS's own and kept.</param>
    public static string? TagProblem(string key, string value, bool allowReservedKey = false)
    {
        if (string.IsNullOrWhiteSpace(key))
            return "a tag key is required";
        if (ControlCharacterProblem(key) is { } keyControl)
            return $"the tag key {keyControl}";
        if (ControlCharacterProblem(value) is { } valueControl)
            return $"the value of tag {QuotedValue.Of(key)} {valueControl}";
        if (key.Length > TagKeyMaxLength)
            return Invariant($"the tag key is {key.Length} characters long; AWS allows {TagKeyMaxLength}");
        if (value.Length > TagValueMaxLength)
            return Invariant($"the value of tag {QuotedValue.Of(key)} is {value.Length} characters long; AWS allows {TagValueMaxLength}");
        return !allowReservedKey && key.StartsWith(ReservedTagKeyPrefix, StringComparison.OrdinalIgnoreCase)
            ? $"the tag key {QuotedValue.Of(key)} starts with '{ReservedTagKeyPrefix}', which AWS reserves for its own tags"
            : null;
    }

    /// <summary>The problem with the number of tags, or null.</summary>
    public static string? TagCountProblem(int count) => count > MaxTagsPerResource
        ? Invariant($"{count} tags exceed AWS's limit of {MaxTagsPerResource} per resource")
        : null;

    /// <summary>The problems with a rules-per-direction quota as set on a policy, by field name.</summary>
    public static IEnumerable<(string Field, string Message)> QuotaProblems(int rulesPerDirection, int groupsPerEni)
    {
        if (rulesPerDirection < 1)
            yield return ("rulesPerDirection", "must be at least 1");
        else if (rulesPerDirection > MaxRulesPerDirection)
            yield return ("rulesPerDirection", Invariant($"at most {MaxRulesPerDirection} (AWS's most rules per group and direction)"));
        if (groupsPerEni < 1)
            yield return ("groupsPerEni", "must be at least 1");
        else if (groupsPerEni > MaxGroupsPerEni)
            yield return ("groupsPerEni", Invariant($"at most {MaxGroupsPerEni} (AWS's most security groups per network interface)"));
        else if (rulesPerDirection >= 1 && rulesPerDirection <= MaxRulesPerDirection && (long)rulesPerDirection * groupsPerEni > MaxRulesTimesGroupsPerEni)
        {
            yield return ("groupsPerEni", Invariant(
                $"{rulesPerDirection} rules per direction × {groupsPerEni} groups per interface is {rulesPerDirection * groupsPerEni}; AWS allows at most {MaxRulesTimesGroupsPerEni}"));
        }
    }

    /// <summary>The problem with a prefix list's entries and maximum entries, or null.</summary>
    public static string? PrefixListSizeProblem(int entries, int? maxEntries) =>
        entries > MaxPrefixListEntries ? Invariant($"{entries} entries exceed AWS's limit of {MaxPrefixListEntries} per prefix list")
        : maxEntries is < 1 or > MaxPrefixListEntries ? Invariant($"the maximum entries must be 1..{MaxPrefixListEntries}, not {maxEntries}")
        : maxEntries is { } max && entries > max ? Invariant($"{entries} entries exceed the list's maximum of {max}")
        : null;

    /// <summary>A readable rendering of a refused character (control characters and spaces by code).</summary>
    public static string Show(char c) => QuotedValue.IsHidden(c) || char.IsWhiteSpace(c)
        ? Invariant($"U+{(int)c:X4}")
        : $"'{c}'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
