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

    [Theory]
    [InlineData(100_000, "", "'0.0.0.0/88888888888888888888888888888888…' is not a CIDR block")]
    [InlineData(1, "\\u0000\\u202e", @"'0.0.0.0/8\u0000\u202e' is not a CIDR block")]
    public void A_bad_cidr_is_quoted_short_and_escaped_on_stderr(int eights, string tail, string quoted)
    {
        var good = Write(_folder, "good.json", Estate(
            [Group("sg-web", "web", Inbound("sgr-1", IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4)))], []));
        var bad = _folder.Write("bad.json", File.ReadAllText(good).Replace("\"0.0.0.0/0\"", $"\"0.0.0.0/{new string('8', eights)}{tail}\"", StringComparison.Ordinal));

        var run = SgdRun.Of("lint", bad);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {bad}: $.groups[0].rules[0]", run.ErrorLine);
        Assert.Contains(quoted, run.ErrorLine, StringComparison.Ordinal);
        Assert.True(run.Stderr.Length < 400, run.Stderr.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain('\u202E', run.Stderr);
        Assert.DoesNotContain('\0', run.Stderr);
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
