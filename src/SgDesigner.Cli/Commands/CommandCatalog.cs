using System.Text;

namespace SgDesigner.Cli.Commands;

/// <summary>
/// Every <c>sgd</c> command, for <c>sgd --help</c> and for the System.CommandLine tree that
/// <see cref="Arguments.CommandLineTree"/> builds from this list: a new command is one more definition here.
/// </summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        ImportAwsCommand.Definition,
        ImportTerraformCommand.Definition,
        ReachCommand.Definition,
        MatrixCommand.Definition,
        ExportTerraformCommand.Definition,
        LintCommand.Definition,
        ExplainRuleCommand.Definition,
        CheckCommand.Definition,
        DiffCommand.Definition,
        ImpactCommand.Definition,
        DriftCommand.Definition,
        BenchCommand.Definition,
        PullCommand.Definition,
        ProposeCommand.Definition,
    ];

    public static string Overview { get; } = BuildOverview();

    private static string BuildOverview()
    {
        var text = new StringBuilder();
        text.AppendLine("sgd: security-group policy from the command line.");
        text.AppendLine();
        text.AppendLine("Commands:");
        foreach (var c in All)
            text.AppendLine($"  {c.Name,-18} {c.Summary}");
        text.AppendLine();
        text.AppendLine("Run 'sgd COMMAND --help' for a command's options. Arguments may come from a response file:");
        text.AppendLine("'sgd reach @query.rsp' reads its tokens from query.rsp (one or more a line, # starts a comment).");
        text.AppendLine("With --server URL (or SGD_SERVER) reach, matrix, lint, check and diff run on a server, on a policy's name.");
        text.AppendLine("Exit codes: 0 done, 1 a check or lint finding failed, 2 bad usage or bad input, 130 cancelled (Ctrl+C).");
        return text.ToString();
    }
}
