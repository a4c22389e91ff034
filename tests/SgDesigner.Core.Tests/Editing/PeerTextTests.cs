using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.Editing;

public sealed class PeerTextTests
{
    private static readonly Estate Estate = Estate.Empty with
    {
        Groups = [new SecurityGroup("sg-0000000000000web0", "web", "web", "vpc-1", ImmutableSortedDictionary<string, string>.Empty, [])],
        PrefixLists = [new PrefixList("pl-0000000000000corp", "Corp", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value])],
    };

    [Theory]
    [InlineData("web", "sg-0000000000000web0")]
    [InlineData(" WEB ", "sg-0000000000000web0")]
    [InlineData("web (sg-0000000000000web0)", "sg-0000000000000web0")]
    [InlineData("corp", "pl-0000000000000corp")]
    [InlineData("sg-0000000000000dead", "sg-0000000000000dead")]
    [InlineData("anywhere-ipv4", "0.0.0.0/0")]
    [InlineData("Anywhere-IPv6", "::/0")]
    [InlineData("10.1.0.0/16", "10.1.0.0/16")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    public void A_name_id_shortcut_or_cidr_names_its_peer(string text, string peer) =>
        Assert.Equal(peer, PeerText.Parse(Estate, text).Value.ToString());

    [Theory]
    [InlineData("webz", "no group or prefix list of the policy is named 'webz'")]
    [InlineData("10.1.0.0", "the /prefix length is missing")]
    [InlineData("10.1.0.300/16", "is not a CIDR block")]
    [InlineData("", "a peer is required")]
    public void Anything_else_is_refused_with_what_was_expected(string text, string message) =>
        Assert.Contains(message, PeerText.Parse(Estate, text).Error, StringComparison.Ordinal);

    [Fact]
    public void Host_bits_are_cleared_with_a_warning() =>
        Assert.Equal(("10.1.0.0/16", true), (PeerText.Parse(Estate, "10.1.2.3/16").Value.ToString(), PeerText.Parse(Estate, "10.1.2.3/16").Warning is not null));
}
