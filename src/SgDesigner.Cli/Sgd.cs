using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Commands;

namespace SgDesigner.Cli;

/// <summary>The <c>sgd</c> command line (contract: cli.md beside this file), callable in-process for tests.</summary>
public static class Sgd
{
    /// <summary>Bad usage or bad input (cli.md "Exit codes").</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs one command line; returns the exit code: 0 done, 1 check/lint failed, 2 bad usage or input.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CommandContext(stdout, stderr);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Length == 0 ? stderr : stdout).Write(CommandCatalog.Overview);
            return args.Length == 0 ? ExitUsage : 0;
        }
        var command = CommandCatalog.Find(args);
        if (command is null)
        {
            stderr.WriteLine($"sgd: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))}' (see 'sgd --help')");
            return ExitUsage;
        }
        var rest = args.Skip(command.Name.Count(c => c == ' ') + 1).ToArray();
        if (rest.TakeWhile(a => a != "--").Any(a => a is "--help" or "-h"))
        {
            stdout.Write(command.Usage);
            return 0;
        }
        try
        {
            var parsed = ArgumentParser.Parse($"sgd {command.Name}", rest, command.Options);
            return command.Run(parsed, context);
        }
        catch (CliError e)
        {
            stderr.WriteLine(OneLine(e.Line));
            return ExitUsage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, most likely met on unusual input: still one line and exit 2, and nothing written.
            stderr.WriteLine(OneLine($"sgd {command.Name}: internal error: {e.GetType().Name}: {e.Message}"));
            return ExitUsage;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
