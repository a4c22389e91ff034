namespace SgDesigner.Cli.Tests.Support;

/// <summary>Paths inside the repository, found by walking up to the folder holding SgDesigner.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A folder of real AWS CLI samples under tests/data/aws.</summary>
    public static string AwsSample(string name) => Path.Combine(Root, "tests", "data", "aws", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SgDesigner.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("SgDesigner.sln not found above " + AppContext.BaseDirectory);
    }
}
