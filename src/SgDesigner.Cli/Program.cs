// sgd: the command-line face of the engine; the contract is cli.md beside this file.
using SgDesigner.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels cleanly (exit 130, no half-written file); a second one ends the process at once.
    if (cancel.IsCancellationRequested)
        return;
    e.Cancel = true;
    cancel.Cancel();
};
return Sgd.Run(args, Console.Out, Console.Error, new SgdHost(StderrIsTerminal: !Console.IsErrorRedirected, Cancellation: cancel.Token));
