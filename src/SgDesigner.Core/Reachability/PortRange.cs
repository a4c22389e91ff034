using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Reachability;

/// <summary>An inclusive range of numbers 0..65535: tcp/udp ports, or ICMP (type × 256 + code) points.</summary>
/// <param name="From">First value.</param>
/// <param name="To">Last value (inclusive).</param>
public readonly record struct PortRange(int From, int To)
{
    /// <summary>0..65535.</summary>
    public static PortRange Full { get; } = new(0, 65535);

    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(int value) => value >= From && value <= To;

    /// <summary>
    /// The one parser of port text, for the designer's rule rows, the preview and the matrix filter: a port
    /// (<c>22</c>) or a range (<c>80-443</c>, spaces around the parts allowed), each port 0..65535 and from ≤ to
    /// (<see cref="AwsLimits"/>). <see cref="ToString"/> writes what it reads.
    /// </summary>
    /// <param name="text">The text as typed.</param>
    /// <param name="range">The range read; <c>default</c> on failure.</param>
    /// <param name="error">Why the text is not a port or range, as a sentence; null on success.</param>
    public static bool TryParse(string? text, out PortRange range, [NotNullWhen(false)] out string? error)
    {
        range = default;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            error = "a port or a range such as 8000-8100 is required";
            return false;
        }
        // A leading '-' is a sign ("-1"), not a range; the range dash is the first one after a digit.
        var dash = t.IndexOf('-', 1);
        if (!Number(dash < 0 ? t : t[..dash], out var from) || !Number(dash < 0 ? t : t[(dash + 1)..], out var to))
        {
            error = $"{QuotedValue.Of(t)} is not a port or a range such as 8000-8100";
            return false;
        }
        error = AwsLimits.PortRangeProblem(from, to);
        if (error is not null)
            return false;
        range = new PortRange(from, to);
        return true;
    }

    // Digits with an optional sign, so that "-1" or "70000" gets the range message rather than "not a port".
    private static bool Number(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>"22" for one port, "80-443" for a range.</summary>
    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
