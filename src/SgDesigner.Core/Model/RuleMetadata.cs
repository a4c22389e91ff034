using System.Collections.Immutable;
using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Model;

/// <summary>
/// Why a rule exists and until when (issue 18, "Rules that carry their reason, and expire"): who owns it, the
/// justification, a ticket reference and the date by which it must be reviewed again. Every part is optional;
/// <c>default</c> is "nothing recorded".
/// </summary>
/// <remarks>
/// Only <see cref="Parse"/> and <see cref="Create"/> make a value, so a held value is always valid: texts are trimmed,
/// single-line, free of bidirectional overrides, non-empty and short enough to be exported as an AWS tag value; the
/// review-by date is a calendar date, not a moment.
/// </remarks>
public readonly record struct RuleMetadata
{
    /// <summary>Longest owner (a user or team name).</summary>
    public const int OwnerMaxLength = 128;

    /// <summary>Longest justification: AWS's longest tag value, since it is exported as one.</summary>
    public const int JustificationMaxLength = AwsLimits.TagValueMaxLength;

    /// <summary>Longest ticket reference.</summary>
    public const int TicketMaxLength = 128;

    /// <summary>The review-by date's only accepted text form (ISO 8601 calendar date).</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The earliest review-by date accepted as typed: an earlier one is a slip (0001, 1999 for 2099), not a plan.</summary>
    public static readonly DateOnly EarliestReviewBy = new(2000, 1, 1);

    /// <summary>How many years ahead of today a review-by date may be when typed: a rule is re-certified at least that often.</summary>
    public const int ReviewByMaxYearsAhead = 10;

    /// <summary>The field names, as the policy file and the API spell them.</summary>
    public static class Fields
    {
        /// <summary>The owner.</summary>
        public const string Owner = "owner";
        /// <summary>The justification.</summary>
        public const string Justification = "justification";
        /// <summary>The ticket reference.</summary>
        public const string Ticket = "ticket";
        /// <summary>The review-by date.</summary>
        public const string ReviewBy = "reviewBy";
    }

    private RuleMetadata(string? owner, string? justification, string? ticket, DateOnly? reviewBy)
    {
        Owner = owner;
        Justification = justification;
        Ticket = ticket;
        ReviewBy = reviewBy;
    }

    /// <summary>The user or team answerable for the rule, or null.</summary>
    public string? Owner { get; }

    /// <summary>Why the rule is needed, or null.</summary>
    public string? Justification { get; }

    /// <summary>The change ticket that asked for the rule (e.g. <c>NET-1234</c>), or null.</summary>
    public string? Ticket { get; }

    /// <summary>The date by which the rule must be re-certified, or null when it has none.</summary>
    public DateOnly? ReviewBy { get; }

    /// <summary>True when nothing is recorded.</summary>
    public bool IsEmpty => Owner is null && Justification is null && Ticket is null && ReviewBy is null;

    /// <summary>True when a review-by date is set and <paramref name="today"/> is after it.</summary>
    public bool IsOverdue(DateOnly today) => ReviewBy is { } due && today > due;

    /// <summary>
    /// Reads the four fields as typed: texts are trimmed and blank ones dropped; the date must be <c>yyyy-MM-dd</c>, and
    /// with <paramref name="today"/> (what a person types now: the API, the panel, an import) within
    /// <see cref="ReviewByProblem"/>'s window. The problems name their field (<see cref="Fields"/>) as the path.
    /// </summary>
    /// <remarks>Without <paramref name="today"/> any calendar date is read: a policy file or a stored snapshot written
    /// before the window existed stays readable, and SGD040 reports a past date.</remarks>
    public static RuleMetadataParse Parse(string? owner, string? justification, string? ticket, string? reviewBy, DateOnly? today = null)
    {
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var o = Text(owner, Fields.Owner, "owner", OwnerMaxLength, errors);
        var j = Text(justification, Fields.Justification, "justification", JustificationMaxLength, errors);
        var t = Text(ticket, Fields.Ticket, "ticket", TicketMaxLength, errors);
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(reviewBy))
        {
            var parsed = ParseDate(reviewBy.Trim());
            if (!parsed.IsOk)
                errors.Add(new ValidationError(Fields.ReviewBy, parsed.Error!));
            else if (today is { } now && ReviewByProblem(parsed.Value, now) is { } problem)
                errors.Add(new ValidationError(Fields.ReviewBy, problem));
            else
                date = parsed.Value;
        }
        return errors.Count == 0
            ? new RuleMetadataParse(new RuleMetadata(o, j, t, date), [])
            : new RuleMetadataParse(default, errors.ToImmutable());
    }

    /// <summary>Metadata from values code already holds; throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public static RuleMetadata Create(string? owner = null, string? justification = null, string? ticket = null, DateOnly? reviewBy = null)
    {
        var parsed = Parse(owner, justification, ticket, null);
        if (!parsed.IsOk)
            throw new ArgumentException(parsed.Errors[0].ToString());
        var m = parsed.Value;
        return new RuleMetadata(m.Owner, m.Justification, m.Ticket, reviewBy);
    }

    /// <summary>
    /// Metadata read back from the store: as <see cref="Create"/>, except that bidirectional overrides, which rules could
    /// hold before they were refused, are dropped rather than thrown on, so such a rule stays readable and editable.
    /// </summary>
    public static RuleMetadata FromStored(string? owner, string? justification, string? ticket, DateOnly? reviewBy) =>
        Create(WithoutOverrides(owner), WithoutOverrides(justification), WithoutOverrides(ticket), reviewBy);

    private static string? WithoutOverrides(string? text) =>
        text is null || !text.Any(IsDirectionOverride) ? text : string.Concat(text.Where(c => !IsDirectionOverride(c)));

    /// <summary>
    /// What is wrong with a review-by date typed on <paramref name="today"/>, or null: before <see cref="EarliestReviewBy"/>,
    /// or more than <see cref="ReviewByMaxYearsAhead"/> years ahead (9999-12-31 would never come up for review). A date
    /// already past but after 2000 is accepted: SGD040 reports it, as for a rule whose date passed.
    /// </summary>
    public static string? ReviewByProblem(DateOnly date, DateOnly today)
    {
        var latest = today.AddYears(ReviewByMaxYearsAhead);
        if (date < EarliestReviewBy)
            return $"{FormatDate(date)} is before {FormatDate(EarliestReviewBy)}: give the date by which the rule is to be reviewed again, e.g. {FormatDate(today.AddYears(1))}";
        return date > latest
            ? string.Create(CultureInfo.InvariantCulture, $"{FormatDate(date)} is more than {ReviewByMaxYearsAhead} years ahead: review a rule at least every {ReviewByMaxYearsAhead} years (the latest date is {FormatDate(latest)})")
            : null;
    }

    /// <summary>A review-by date in <c>yyyy-MM-dd</c> form.</summary>
    public static ParseResult<DateOnly> ParseDate(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? ParseResult<DateOnly>.Ok(date)
            : ParseResult<DateOnly>.Fail($"{QuotedValue.Of(text)} is not a date: use yyyy-MM-dd, e.g. 2027-03-31");

    /// <summary>The date in <c>yyyy-MM-dd</c> form.</summary>
    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>This value with the review-by date replaced (a re-certification).</summary>
    public RuleMetadata WithReviewBy(DateOnly? reviewBy) => new(Owner, Justification, Ticket, reviewBy);

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "" : string.Join("; ", new[]
    {
        Owner is null ? null : $"owner {Owner}",
        Ticket is null ? null : $"ticket {Ticket}",
        ReviewBy is { } d ? $"review by {FormatDate(d)}" : null,
        Justification is null ? null : $"because \"{Justification}\"",
    }.Where(s => s is not null));

    // The embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible, they reorder what follows, so an
    // owner stored as "team-a\u202Eb-maet" reads as another team on the Recertification page and in exported tags.
    private static bool IsDirectionOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    // Single line: the texts travel as tag values and grid cells, where a line break is neither kept nor shown.
    private static string? Text(string? text, string field, string what, int maxLength, ImmutableArray<ValidationError>.Builder errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (char.IsControl(trimmed[i]))
            {
                errors.Add(new ValidationError(field, string.Create(CultureInfo.InvariantCulture,
                    $"the {what} contains the control character U+{(int)trimmed[i]:X4} at position {i + 1}; it must be one line of text")));
                return null;
            }
            if (IsDirectionOverride(trimmed[i]))
            {
                errors.Add(new ValidationError(field, string.Create(CultureInfo.InvariantCulture,
                    $"the {what} contains the bidirectional control character U+{(int)trimmed[i]:X4} at position {i + 1}, which shows the text in another order than it is stored; remove it (right-to-left letters themselves are fine)")));
                return null;
            }
        }
        if (trimmed.Length > maxLength)
        {
            errors.Add(new ValidationError(field, string.Create(CultureInfo.InvariantCulture,
                $"the {what} is {trimmed.Length} characters long; at most {maxLength} are allowed")));
            return null;
        }
        return trimmed;
    }
}

/// <summary>The outcome of <see cref="RuleMetadata.Parse"/>: the value, or every problem by field.</summary>
/// <param name="Value">The metadata (default when there were problems).</param>
/// <param name="Errors">The problems; the path is the field name.</param>
public readonly record struct RuleMetadataParse(RuleMetadata Value, ImmutableArray<ValidationError> Errors)
{
    /// <summary>True when there are no problems.</summary>
    public bool IsOk => Errors.IsDefaultOrEmpty;
}
