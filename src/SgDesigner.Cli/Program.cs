// sgd: the command-line face of the engine; the contract is cli.md beside this file.
using System.Runtime.InteropServices;
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
// A cancelled CI job or `timeout` sends SIGTERM: the same clean stop, with the shell's code for it (128 + 15).
var terminated = false;
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (cancel.IsCancellationRequested)
        return;
    context.Cancel = true;
    terminated = true;
    cancel.Cancel();
});
var code = Sgd.Run(args, Console.Out, Console.Error, new SgdHost(StderrIsTerminal: !Console.IsErrorRedirected, Cancellation: cancel.Token));
return code == Sgd.ExitCancelled && terminated ? Sgd.ExitTerminated : code;
