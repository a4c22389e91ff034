using System.Globalization;

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

    /// <inheritdoc />
    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
