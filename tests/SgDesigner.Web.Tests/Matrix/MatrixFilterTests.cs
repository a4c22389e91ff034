using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Tests.Matrix;

public sealed class MatrixFilterTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("any", "80")]
    [InlineData("all", "")]
    [InlineData("-1", "")]
    public void An_empty_any_or_all_protocol_means_any_traffic(string protocol, string port) =>
        Assert.Null(MatrixFilter.Parse(protocol, port).Value.Traffic);

    [Fact]
    public void A_protocol_and_port_are_read_as_the_preview_reads_them()
    {
        Assert.Equal(Traffic.Tcp(5432), MatrixFilter.Parse("tcp", "5432").Value.Traffic);
        Assert.Equal(Traffic.Icmp(8, 0), MatrixFilter.Parse("icmp", "8/0").Value.Traffic);
    }

    [Theory]
    [InlineData("tcp", "http", "traffic")]
    [InlineData("ftp", "21", "protocol")]
    [InlineData("tcp", "70000", "traffic")]
    [InlineData("tcp", "80-443", "traffic")]
    public void A_bad_filter_names_the_field(string protocol, string port, string field) =>
        Assert.StartsWith(field + ":", MatrixFilter.Parse(protocol, port).Error);

    [Fact]
    public void Any_traffic_tells_everything_something_and_nothing_apart()
    {
        var filter = MatrixFilter.AnyTraffic;
        var some = TrafficSet.Of(IpProtocol.Tcp, 22, 22);

        Assert.Equal(CellState.Allowed, filter.StateOf(TrafficSet.All));
        Assert.Equal(CellState.Partial, filter.StateOf(some));
        Assert.Equal(CellState.Denied, filter.StateOf(TrafficSet.Empty));
    }

    [Fact]
    public void Under_any_traffic_the_explained_flow_is_one_the_pair_allows()
    {
        var query = MatrixFilter.AnyTraffic.QueryFor("a", "b", TrafficSet.Of(IpProtocol.Udp, 53, 60).Union(TrafficSet.Of(IpProtocol.Icmp, 3, -1)));

        Assert.Equal(("a", "b", "icmp", "3/0"), (query.Source, query.Destination, query.Protocol, query.Port));
    }
}
