using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Tests.Validation;

/// <summary>A value quoted in an error: shortened, and with the characters that hide or reorder text escaped.</summary>
public sealed class QuotedValueTests
{
    [Fact]
    public void A_hundred_thousand_character_cidr_is_quoted_by_its_first_forty_characters()
    {
        var cidr = "10.0.0.0/" + new string('8', 100_000);

        var parsed = Cidr.Parse(cidr);

        Assert.False(parsed.IsOk);
        Assert.Equal($"'10.0.0.0/{new string('8', 31)}…' is not a CIDR block: the prefix length must be 0..32", parsed.Error);
    }

    [Theory]
    [InlineData("10.0.0.0/8\0", @"'10.0.0.0/8\u0000'")]
    [InlineData("10.0.0.0\u202E8/", @"'10.0.0.0\u202e8/'")]
    [InlineData("10.0.0.\u200B0/8", @"'10.0.0.\u200b0/8'")]
    [InlineData("10.0.0.0/8\n\u2028x", @"'10.0.0.0/8\u000a\u2028x'")]
    public void Control_and_format_characters_are_written_as_escapes(string cidr, string quoted)
    {
        var parsed = Cidr.Parse(cidr);

        Assert.False(parsed.IsOk);
        Assert.StartsWith(quoted + " is not a CIDR block", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_is_not_cut_inside_a_surrogate_pair_nor_shortened_at_forty()
    {
        var forty = new string('a', 40);
        Assert.Equal($"'{forty}'", QuotedValue.Of(forty));
        var pair = new string('a', 39) + "😀" + "tail";
        Assert.Equal($"'{new string('a', 39)}…'", QuotedValue.Of(pair));
        Assert.Equal("''", QuotedValue.Of(null));
    }

    [Fact]
    public void Ids_ip_addresses_and_document_values_are_quoted_the_same_way()
    {
        var long1 = new string('x', 500);
        Assert.Equal($"'{new string('x', 40)}…' is not an IP address", IpAddress.Parse(long1).Error);
        Assert.Equal(@"'sg-a\u202eb' is not a group id: U+202E is not allowed (use sg- followed by hex digits)", AwsLimits.IdProblem("sg-a\u202Eb", "sg-", "group"));
        Assert.Equal(@"'ab\u202ec' is not a group id: it must start with 'sg-' followed by hex digits, e.g. sg-0123456789abcdef0", AwsLimits.IdProblem("ab\u202Ec", "sg-", "group"));
    }
}
