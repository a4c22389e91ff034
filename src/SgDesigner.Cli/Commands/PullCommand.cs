using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Remote;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd pull NAME[@REVISION] [-o FILE]</c>: a stored revision as a policy document, the format sgd reads.</summary>
internal static class PullCommand
{
    public static CommandDefinition Definition { get; } = new(
        "pull",
        "a policy's latest (or given) revision on a server, as a policy document",
        """
        Usage: sgd pull POLICY [-o FILE] --server URL [--token TOKEN]

        Writes the revision as a policy document (the server's export, format=document): the file every
        other command reads as POLICY, with the policy's accepted findings. POLICY is the policy's name or
        id, NAME@N for revision N, or NAME@latest (the default). 'sgd lint FILE' on the pulled file
        answers what 'sgd lint POLICY --server URL' answers.

        """,
        [OptionSpec.Writes("write the document to FILE instead of stdout"), .. ServerConnection.Options],
        Run,
        Arguments: [new("POLICY", "the policy's name or id, NAME@N or NAME@latest (the default)")]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        using var server = ServerConnection.From(args) ?? throw args.Usage($"needs --server URL (or {ServerConnection.ServerVariable})");
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        var request = server.Client.Api.Policies[policy.PolicyId].Export.ToGetRequestInformation(c =>
        {
            c.QueryParameters.Format = "document";
            c.QueryParameters.Revision = policy.Revision == PolicyLocator.Latest ? null : int.Parse(policy.Revision, System.Globalization.CultureInfo.InvariantCulture);
        });
        context.WriteResult(server.Text(request), args.Value("--output"));
        return 0;
    }
}
