using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Model;

/// <summary>An IPv4 or IPv6 CIDR block, always stored as its network address (host bits cleared).</summary>
public readonly record struct Cidr : IComparable<Cidr>
{
    /// <summary>Creates a block, clearing any host bits of <paramref name="address"/>.</summary>
    public Cidr(IpAddress address, int prefixLength)
    {
        var bits = IpAddress.BitsOf(address.Family);
        if (prefixLength < 0 || prefixLength > bits)
            throw new ArgumentOutOfRangeException(nameof(prefixLength), $"prefix length must be 0..{bits}");
        Family = address.Family;
        PrefixLength = prefixLength;
        Network = address.Value & MaskOf(Family, prefixLength);
    }

    /// <summary>IPv4 or IPv6.</summary>
    public IpFamily Family { get; }

    /// <summary>The network address as a number.</summary>
    public UInt128 Network { get; }

    /// <summary>Number of leading bits that are fixed.</summary>
    public int PrefixLength { get; }

    /// <summary>The first address of the block.</summary>
    public IpAddress First => new(Family, Network);

    /// <summary>The last address of the block.</summary>
    public IpAddress Last => new(Family, Network | ~MaskOf(Family, PrefixLength) & AllOnes(Family));

    /// <summary>0.0.0.0/0 or ::/0: every address of the family.</summary>
    public bool IsEverything => PrefixLength == 0;

    /// <summary>0.0.0.0/0.</summary>
    public static Cidr AnyV4 { get; } = new(new IpAddress(IpFamily.V4, 0), 0);

    /// <summary>::/0.</summary>
    public static Cidr AnyV6 { get; } = new(new IpAddress(IpFamily.V6, 0), 0);

    /// <summary>True when <paramref name="ip"/> lies in this block (families must agree).</summary>
    public bool Contains(IpAddress ip) =>
        ip.Family == Family && (ip.Value & MaskOf(Family, PrefixLength)) == Network;

    /// <summary>True when every address of <paramref name="other"/> lies in this block.</summary>
    public bool Contains(Cidr other) =>
        other.Family == Family && other.PrefixLength >= PrefixLength && Contains(other.First);

    /// <summary>True when the two blocks share at least one address.</summary>
    public bool Overlaps(Cidr other) => Contains(other) || other.Contains(this);

    /// <summary>
    /// Parses "a.b.c.d/n" or "x::y/n". Host bits are cleared with a warning, as AWS silently does
    /// (semantics.md, "Defaults and limits").
    /// </summary>
    public static ParseResult<Cidr> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ParseResult<Cidr>.Fail("a CIDR block is required");
        var slash = text.IndexOf('/');
        if (slash < 0)
            return ParseResult<Cidr>.Fail($"{QuotedValue.Of(text)} is not a CIDR block: the /prefix length is missing");
        var address = IpAddress.Parse(text[..slash]);
        if (!address.IsOk)
            return ParseResult<Cidr>.Fail($"{QuotedValue.Of(text)} is not a CIDR block: {address.Error}");
        var bits = IpAddress.BitsOf(address.Value.Family);
        var lengthText = text[(slash + 1)..].Trim();
        // Digits only: int.TryParse also takes trailing NULs ("/8\0" would be /8).
        if (!lengthText.All(char.IsAsciiDigit)
            || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > bits)
            return ParseResult<Cidr>.Fail($"{QuotedValue.Of(text)} is not a CIDR block: the prefix length must be 0..{bits}");
        var cidr = new Cidr(address.Value, length);
        return cidr.Network != address.Value.Value
            ? ParseResult<Cidr>.Ok(cidr, $"{QuotedValue.Of(text.Trim())} has host bits set; stored as {cidr}")
            : ParseResult<Cidr>.Ok(cidr);
    }

    /// <summary>The single-address block of <paramref name="ip"/>.</summary>
    public static Cidr Host(IpAddress ip) => new(ip, IpAddress.BitsOf(ip.Family));

    /// <inheritdoc />
    public int CompareTo(Cidr other)
    {
        var c = First.CompareTo(other.First);
        return c != 0 ? c : PrefixLength.CompareTo(other.PrefixLength);
    }

    /// <summary>Orders by first address, then prefix length.</summary>
    public static bool operator <(Cidr left, Cidr right) => left.CompareTo(right) < 0;

    /// <summary>Orders by first address, then prefix length.</summary>
    public static bool operator <=(Cidr left, Cidr right) => left.CompareTo(right) <= 0;

    /// <summary>Orders by first address, then prefix length.</summary>
    public static bool operator >(Cidr left, Cidr right) => left.CompareTo(right) > 0;

    /// <summary>Orders by first address, then prefix length.</summary>
    public static bool operator >=(Cidr left, Cidr right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}/{PrefixLength}");

    private static UInt128 AllOnes(IpFamily family) => family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue;

    private static UInt128 MaskOf(IpFamily family, int prefixLength)
    {
        var bits = IpAddress.BitsOf(family);
        return prefixLength == 0 ? UInt128.Zero : (AllOnes(family) << (bits - prefixLength)) & AllOnes(family);
    }
}
