using SgDesigner.Core.Documents;

namespace SgDesigner.Cli;

/// <summary>Reads the policy document a command names (cli.md "Policy files").</summary>
internal static class PolicyFile
{
    /// <summary>The document in <paramref name="path"/>; a malformed one is an error naming its JSON path.</summary>
    public static PolicyDocument Load(string path, CommandContext context) => Parse(path, CommandContext.ReadFile(path), context);

    /// <summary>The document in <paramref name="text"/>, read from <paramref name="path"/>; errors and warnings name the file.</summary>
    public static PolicyDocument Parse(string path, string text, CommandContext context)
    {
        var result = PolicyDocumentJson.Read(text);
        if (result.Document is null)
            throw CliError.InFile(path, result.Error?.Path, result.Error?.Message ?? "not a policy document");
        foreach (var warning in result.Warnings)
            context.Stderr.WriteLine($"sgd: warning: {path}: {warning.Path}: {warning.Message}");
        return result.Document;
    }
}
