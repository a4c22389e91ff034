using SgDesigner.Core.Reachability;
using System.CommandLine;
using System.CommandLine.Help;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Commands;

namespace SgDesigner.Cli;

/// <summary>The <c>sgd</c> command line (contract: cli.md beside this file), callable in-process for tests.</summary>
public static class Sgd
{
    /// <summary>Bad usage or bad input (cli.md "Exit codes").</summary>
    public const int ExitUsage = 2;

    /// <summary>Cancelled by Ctrl+C: 128 + SIGINT, as shells report a process that SIGINT ended.</summary>
    public const int ExitCancelled = 130;

    /// <summary>Stopped by SIGTERM (a cancelled CI job, <c>timeout</c>): 128 + SIGTERM; the same clean stop as Ctrl+C.</summary>
    public const int ExitTerminated = 143;

    /// <summary>Runs one command line; returns the exit code: 0 done, 1 check/lint failed, 2 bad usage or input.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, new SgdHost());

    /// <summary>Runs one command line reading environment variables (SGD_SERVER, SGD_TOKEN, …) from <paramref name="environment"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment) =>
        Run(args, stdout, stderr, new SgdHost(Environment: environment));

    /// <summary>Runs one command line with the process's Ctrl+C token, terminal check and environment; 130 when cancelled.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, SgdHost host)
    {
        if (args.Length == 0 || args[0] == "help")
        {
            (args.Length == 0 ? stderr : stdout).Write(CommandCatalog.Overview);
            return args.Length == 0 ? ExitUsage : 0;
        }
        var tree = new CommandLineTree(CommandCatalog.All, CommandCatalog.Overview);
        var result = tree.Root.Parse(args);
        var definition = tree.DefinitionOf(result.CommandResult.Command);
        if (result.Action is not null and not System.CommandLine.Invocation.ParseErrorAction)
        {
            // --help, --version, the [suggest] directive of shell completion: System.CommandLine's own actions.
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        if (result.Errors.Count > 0 || definition is null)
        {
            stderr.WriteLine(OneLine(ParseErrorLine.Of(result, tree, args)));
            return ExitUsage;
        }
        var progress = ProgressReporter.For(stderr, host.StderrIsTerminal, host.ReadEnvironment, host.Time);
        var context = new CommandContext(stdout, stderr, progress, host.Cancellation);
        try
        {
            var parsed = tree.Read(result, args, host.ReadEnvironment);
            host.Cancellation.ThrowIfCancellationRequested();
            return definition.Run(parsed, context);
        }
        catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            progress.Done();
            stderr.WriteLine("sgd: cancelled");
            return ExitCancelled;
        }
        catch (CliError e)
        {
            progress.Done();
            stderr.WriteLine(OneLine(e.Line));
            return ExitUsage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, most likely met on unusual input: still one line and exit 2, and nothing written.
            progress.Done();
            stderr.WriteLine(OneLine($"sgd {definition.Name}: internal error: {e.GetType().Name}: {e.Message}"));
            return ExitUsage;
        }
        finally
        {
            progress.Done();
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
