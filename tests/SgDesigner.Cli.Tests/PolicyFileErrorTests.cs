using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

public sealed class PolicyFileErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_malformed_field_is_one_stderr_line_naming_the_file_and_json_path()
    {
        var good = Write(_folder, "good.json", Estate(
            [Group("sg-web", "web", Inbound("sgr-1", IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4)))], []));
        var text = File.ReadAllText(good);
        var bad = _folder.Write("bad.json", text.Replace("\"fromPort\": 22", "\"fromPort\": \"twenty-two\"", StringComparison.Ordinal));
        Assert.NotEqual(text, File.ReadAllText(bad));

        var run = SgdRun.Of("lint", bad);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {bad}: $.groups[0].rules[0].fromPort: ", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Text_that_is_not_json_is_exit_2_naming_the_file()
    {
        var bad = _folder.Write("broken.json", "{ \"schemaVersion\": 1,\n  \"name\": ");
        var run = SgdRun.Of("lint", bad);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {bad}: ", run.ErrorLine);
    }

    [Fact]
    public void Nothing_is_written_to_the_output_file_on_error()
    {
        var bad = _folder.Write("broken.json", "[]");
        var output = _folder.File("out.json");
        var run = SgdRun.Of("lint", bad, "-o", output);
        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => _folder.Dispose();
}
