using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>SGD040 (a rule past its review-by date) and SGD041 (an allow from the whole internet nobody justified).</summary>
internal static class RuleMetadataChecks
{
    public static IEnumerable<Finding> Run(SecurityGroup group, LintOptions options)
    {
        foreach (var rule in group.Rules)
        {
            if (options.Today is { } today && rule.Metadata.IsOverdue(today))
            {
                var due = rule.Metadata.ReviewBy!.Value;
                var days = today.DayNumber - due.DayNumber;
                yield return LintCatalogue.RuleReviewOverdue.Report(group.Id, rule.Id, string.Create(CultureInfo.InvariantCulture,
                    $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule}) was due for review on {RuleMetadata.FormatDate(due)}, {days} day(s) ago{(rule.Metadata.Owner is { } owner ? $"; owner {owner}" : "")}"));
            }
            if (options.RequireJustification && rule.Direction == Direction.Inbound && rule.Peer is CidrPeer { Block: var block }
                && (block == Cidr.AnyV4 || block == Cidr.AnyV6) && rule.Metadata.Justification is null)
            {
                yield return LintCatalogue.WorldAllowWithoutJustification.Report(group.Id, rule.Id,
                    $"{Describe.Group(group)} inbound rule {rule.Id} allows {rule.TrafficText} from {block} with no justification recorded");
            }
        }
    }
}
