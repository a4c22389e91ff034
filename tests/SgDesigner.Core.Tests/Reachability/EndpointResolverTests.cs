using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

public class EndpointResolverTests
{
    private static readonly SgDesigner.Core.Model.Estate Estate = new EstateBuilder()
        .Vpc("vpc-1", "10.0.0.0/16")
        .Group("sg-1", "vpc-1")
        .Instance("i-1", "web-1").Instance("i-2", "twin").Instance("i-3", "twin")
        .Eni("eni-second", "vpc-1", "10.0.0.20", ["sg-1"], instance: "i-1", deviceIndex: 1)
        .Eni("eni-primary", "vpc-1", "10.0.0.10,10.0.0.11", ["sg-1"], instance: "i-1", deviceIndex: 0, publicIp: "54.0.0.1")
        .Build();

    [Fact]
    public void InstanceIdResolvesToItsDeviceIndexZeroEniOnThePrimaryIp()
    {
        Assert.Equal(new EniEndpoint("eni-primary", Ip("10.0.0.10")), EndpointResolver.Resolve(Estate, "i-1").Value);
    }

    [Fact]
    public void NameTagResolvesLikeTheInstanceId()
    {
        Assert.Equal(new EniEndpoint("eni-primary", Ip("10.0.0.10")), EndpointResolver.Resolve(Estate, "web-1").Value);
    }

    [Fact]
    public void EniIdResolvesToThatEni()
    {
        Assert.Equal(new EniEndpoint("eni-second", Ip("10.0.0.20")), EndpointResolver.Resolve(Estate, "eni-second").Value);
    }

    [Fact]
    public void SecondaryPrivateIpResolvesToItsEniOnThatIp()
    {
        Assert.Equal(new EniEndpoint("eni-primary", Ip("10.0.0.11")), EndpointResolver.Resolve(Estate, "10.0.0.11").Value);
    }

    [Fact]
    public void PublicIpAndUnknownAddressesAreOutsideTheEstate()
    {
        Assert.Equal(new ExternalEndpointIp(Ip("54.0.0.1")), EndpointResolver.Resolve(Estate, "54.0.0.1").Value);
        Assert.Equal(new ExternalEndpointIp(Ip("2001:db8::5")), EndpointResolver.Resolve(Estate, "2001:db8::5").Value);
    }

    [Fact]
    public void UnknownTextAndAmbiguousNamesAreErrorsThatSayWhy()
    {
        var unknown = EndpointResolver.Resolve(Estate, "i-404");
        Assert.False(unknown.IsOk);
        Assert.Contains("'i-404'", unknown.Error, StringComparison.Ordinal);
        var twin = EndpointResolver.Resolve(Estate, "twin");
        Assert.False(twin.IsOk);
        Assert.Contains("i-2, i-3", twin.Error, StringComparison.Ordinal);
        Assert.False(EndpointResolver.Resolve(Estate, " ").IsOk);
    }
}
