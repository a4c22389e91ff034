using System.Text;

namespace SgDesigner.Cli.Commands;

/// <summary>Every <c>sgd</c> command, for dispatch and for <c>sgd --help</c>.</summary>
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
        CheckCommand.Definition,
        DiffCommand.Definition,
        BenchCommand.Definition,
        PullCommand.Definition,
        ProposeCommand.Definition,
    ];

    public static string Overview { get; } = BuildOverview();

    /// <summary>The command named by the first one or two words of <paramref name="args"/>, or null.</summary>
    public static CommandDefinition? Find(string[] args)
    {
        var two = args.Length >= 2 ? $"{args[0]} {args[1]}" : null;
        return All.FirstOrDefault(c => c.Name == two) ?? All.FirstOrDefault(c => c.Name == args[0]);
    }

    private static string BuildOverview()
    {
        var text = new StringBuilder();
        text.AppendLine("sgd: security-group policy from the command line.");
        text.AppendLine();
        text.AppendLine("Commands:");
        foreach (var c in All)
            text.AppendLine($"  {c.Name,-18} {c.Summary}");
        text.AppendLine();
        text.AppendLine("Run 'sgd COMMAND --help' for a command's options.");
        text.AppendLine("With --server URL (or SGD_SERVER) reach, matrix, lint, check and diff run on a server, on a policy's name.");
        text.AppendLine("Exit codes: 0 done, 1 a check or lint finding failed, 2 bad usage or bad input.");
        return text.ToString();
    }
}
