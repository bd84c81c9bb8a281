using System.Runtime.InteropServices;
using Functional.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(
    PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        cancel.Cancel();
    }
);
return await CliApp.RunAsync(args, CliHost.FromProcess(), cancel.Token).ConfigureAwait(false);
