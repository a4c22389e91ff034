namespace SgDesigner.Cli.Arguments;

/// <summary>A positional argument of a command, e.g. <c>POLICY</c>: named in help and in "POLICY is missing".</summary>
/// <param name="Name">As help shows it, in capitals.</param>
/// <param name="Description">Its line in the command's generated help.</param>
internal sealed record ArgumentSpec(string Name, string? Description = null)
{
    public static ArgumentSpec Policy { get; } = new(
        "POLICY", "a policy document (sgd import writes one); with --server, a policy's name or id, NAME@N or NAME@latest (the default)");
}
