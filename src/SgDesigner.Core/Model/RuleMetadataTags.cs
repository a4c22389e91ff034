using System.Collections.Immutable;

namespace SgDesigner.Core.Model;

/// <summary>
/// The tag keys that carry a rule's <see cref="RuleMetadata"/> on AWS security-group rules and on Terraform's
/// <c>aws_vpc_security_group_ingress_rule</c> / <c>_egress_rule</c> (README, "Rule metadata as tags"): exported by
/// the Terraform writer, read back by the Terraform and AWS CLI importers, so the round trip loses nothing.
/// </summary>
/// <remarks>
/// The <c>sgd:</c> prefix keeps them apart from a team's own tags; AWS reserves only <c>aws:</c>. A tag value holds
/// at most 256 characters, which is why <see cref="RuleMetadata.JustificationMaxLength"/> is 256.
/// </remarks>
public static class RuleMetadataTags
{
    /// <summary>The prefix of every key this application reads and writes.</summary>
    public const string Prefix = "sgd:";

    /// <summary>The owner's key.</summary>
    public const string Owner = "sgd:owner";

    /// <summary>The justification's key.</summary>
    public const string Justification = "sgd:justification";

    /// <summary>The ticket's key.</summary>
    public const string Ticket = "sgd:ticket";

    /// <summary>The review-by date's key; the value is <c>yyyy-MM-dd</c>.</summary>
    public const string ReviewBy = "sgd:review-by";

    /// <summary>The tags for <paramref name="metadata"/>, in a fixed order, leaving out the parts not set.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Of(RuleMetadata metadata)
    {
        if (metadata.Owner is { } owner)
            yield return new(Owner, owner);
        if (metadata.Justification is { } justification)
            yield return new(Justification, justification);
        if (metadata.Ticket is { } ticket)
            yield return new(Ticket, ticket);
        if (metadata.ReviewBy is { } due)
            yield return new(ReviewBy, RuleMetadata.FormatDate(due));
    }

    /// <summary>
    /// The metadata in <paramref name="tags"/> (other keys are ignored). Problems are reported at the tag key
    /// (<c>sgd:review-by</c>), not the field name, so the user finds them where they wrote them.
    /// </summary>
    public static RuleMetadataParse Read(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var parsed = RuleMetadata.Parse(tags.GetValueOrDefault(Owner), tags.GetValueOrDefault(Justification),
            tags.GetValueOrDefault(Ticket), tags.GetValueOrDefault(ReviewBy));
        return parsed.IsOk ? parsed : parsed with { Errors = [.. parsed.Errors.Select(e => e with { Path = KeyOf(e.Path) })] };
    }

    /// <summary>True for a key this application owns.</summary>
    public static bool IsOwn(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    private static string KeyOf(string field) => field switch
    {
        RuleMetadata.Fields.Owner => Owner,
        RuleMetadata.Fields.Justification => Justification,
        RuleMetadata.Fields.Ticket => Ticket,
        _ => ReviewBy,
    };

    /// <summary>The keys, in the order they are written.</summary>
    public static ImmutableArray<string> Keys { get; } = [Owner, Justification, Ticket, ReviewBy];
}
