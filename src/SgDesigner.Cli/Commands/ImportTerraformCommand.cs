using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd import terraform FILE [-o POLICY]</c>: reads back what <c>sgd export terraform</c> wrote.</summary>
internal static class ImportTerraformCommand
{
    public static CommandDefinition Definition { get; } = new(
        "import terraform",
        "a policy document from a .tf.json that sgd export terraform wrote",
        """
        Usage: sgd import terraform FILE [--name NAME] [-o POLICY]

        Reads Terraform JSON as written by 'sgd export terraform' (either style) back into a policy
        document: the same groups and rules, with their ids. aws_default_security_group reads back as the
        VPC's default group; another account's group stays 111122223333/sg-....

        """,
        [
            new("--name", Description: "the policy's name (default: the file's name)"),
            OptionSpec.Writes("write the policy document to POLICY instead of stdout", "POLICY"),
        ],
        Run,
        Arguments: [new("FILE", "a .tf.json that sgd export terraform wrote")]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("FILE");
        var file = args.Positionals[0];
        var result = TerraformImporter.Import(CommandContext.ReadFile(file), file);
        if (result.Estate is null)
            throw new CliError(result.Error?.ToString() ?? $"{file}: the import failed");
        foreach (var warning in result.Warnings)
            context.Stderr.WriteLine($"sgd: warning: {warning}");
        var name = args.Value("--name") ?? Path.GetFileName(file).Split('.')[0];
        var document = new PolicyDocument(name, $"imported from {file}", result.Estate);
        context.WriteResult(PolicyDocumentJson.Write(document), args.Value("--output"));
        return 0;
    }
}
