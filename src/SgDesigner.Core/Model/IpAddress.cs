using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Model;

/// <summary>The address family of an IP address, CIDR block or prefix list.</summary>
public enum IpFamily
{
    /// <summary>IPv4: 32-bit addresses.</summary>
    V4,
    /// <summary>IPv6: 128-bit addresses.</summary>
    V6,
}

/// <summary>An IPv4 or IPv6 address as a number, so that range checks are integer comparisons.</summary>
/// <remarks>IPv4 addresses use the low 32 bits of <see cref="Value"/>.</remarks>
public readonly record struct IpAddress(IpFamily Family, UInt128 Value) : IComparable<IpAddress>
{
    /// <summary>Number of bits in an address of <paramref name="family"/>.</summary>
    public static int BitsOf(IpFamily family) => family == IpFamily.V4 ? 32 : 128;

    /// <summary>Parses a dotted IPv4 or a textual IPv6 address (no zone, no prefix).</summary>
    public static ParseResult<IpAddress> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ParseResult<IpAddress>.Fail("an IP address is required");
        var trimmed = text.Trim();
        // IPAddress.TryParse accepts "1" or "1.2" as IPv4 shorthand; AWS does not.
        if (!trimmed.Contains(':') && trimmed.Count(c => c == '.') != 3)
            return ParseResult<IpAddress>.Fail($"{QuotedValue.Of(text)} is not an IP address");
        if (trimmed.Contains('%') || !IPAddress.TryParse(trimmed, out var ip))
            return ParseResult<IpAddress>.Fail($"{QuotedValue.Of(text)} is not an IP address");
        return ParseResult<IpAddress>.Ok(FromIPAddress(ip));
    }

    /// <summary>Converts from the framework's address type.</summary>
    public static IpAddress FromIPAddress(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return new IpAddress(ip.AddressFamily == AddressFamily.InterNetwork ? IpFamily.V4 : IpFamily.V6, value);
    }

    /// <summary>Converts to the framework's address type.</summary>
    public IPAddress ToIPAddress()
    {
        var length = Family == IpFamily.V4 ? 4 : 16;
        var bytes = new byte[length];
        var v = Value;
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(v & 0xFF);
            v >>= 8;
        }
        return new IPAddress(bytes);
    }

    /// <inheritdoc />
    public int CompareTo(IpAddress other) =>
        Family != other.Family ? Family.CompareTo(other.Family) : Value.CompareTo(other.Value);

    /// <summary>IPv4 before IPv6, then by value.</summary>
    public static bool operator <(IpAddress left, IpAddress right) => left.CompareTo(right) < 0;

    /// <summary>IPv4 before IPv6, then by value.</summary>
    public static bool operator <=(IpAddress left, IpAddress right) => left.CompareTo(right) <= 0;

    /// <summary>IPv4 before IPv6, then by value.</summary>
    public static bool operator >(IpAddress left, IpAddress right) => left.CompareTo(right) > 0;

    /// <summary>IPv4 before IPv6, then by value.</summary>
    public static bool operator >=(IpAddress left, IpAddress right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Family == IpFamily.V4
        ? string.Create(CultureInfo.InvariantCulture, $"{(uint)(Value >> 24) & 0xFF}.{(uint)(Value >> 16) & 0xFF}.{(uint)(Value >> 8) & 0xFF}.{(uint)Value & 0xFF}")
        : ToIPAddress().ToString();
}
