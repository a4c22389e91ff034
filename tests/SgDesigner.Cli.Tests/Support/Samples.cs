using SgDesigner.Cli.Tests.Support;

[assembly: AssemblyFixture(typeof(Samples))]

namespace SgDesigner.Cli.Tests.Support;

/// <summary>
/// Policy documents imported from the real samples under tests/data/aws (through <c>sgd import aws --dir</c>),
/// once per test run; shared by the test classes and deleted at the end.
/// </summary>
public sealed class Samples : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Lock _gate = new();

    /// <summary>The policy file imported from <c>tests/data/aws/NAME</c>.</summary>
    public string Policy(string name)
    {
        lock (_gate)
        {
            var path = _folder.File(name.Replace('/', '_') + ".json");
            if (!File.Exists(path))
            {
                var run = SgdRun.Of("import", "aws", "--dir", RepoPaths.AwsSample(name), "-o", path);
                Assert.Equal(0, run.ExitCode);
            }
            return path;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
