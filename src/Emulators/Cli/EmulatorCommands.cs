using System.Globalization;
using System.Runtime.InteropServices;
using Functional.Emulators.OnePlatform;

namespace Functional.Emulators.Cli;

/// <summary>
/// Command line: <c>onep --port 4001 [--root-cik &lt;40 hex&gt;] [--seed N] [--state state.json] [--vendor NAME] [--vendor-token TOKEN]</c> runs the One
/// Platform emulator until Ctrl+C. Further emulators (e.g. <c>sis</c>) add a case to <see cref="RunAsync"/>.
/// </summary>
internal static class EmulatorCommands
{
    private const string Usage =
        "usage: Functional.Emulators onep [--port N] [--root-cik <40 hex>] [--seed N] [--state <file.json>] [--vendor NAME] [--vendor-token <40 hex>]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        return args[0] switch
        {
            "onep" => await RunOnePlatformAsync(args[1..]).ConfigureAwait(false),
            _ => await FailAsync($"unknown emulator '{args[0]}'").ConfigureAwait(false),
        };
    }

    private static async Task<int> RunOnePlatformAsync(string[] args)
    {
        var options = new OnePlatformEmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port"
                    when int.TryParse(
                        value,
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out var port
                    ):
                    options = options with { Port = port };
                    break;
                case "--root-cik" when value is not null:
                    options = options with { RootCik = value };
                    break;
                case "--seed"
                    when int.TryParse(
                        value,
                        NumberStyles.AllowLeadingSign,
                        CultureInfo.InvariantCulture,
                        out var seed
                    ):
                    options = options with { Seed = seed };
                    break;
                case "--state" when value is not null:
                    options = options with { StatePath = value };
                    break;
                case "--vendor" when value is not null:
                    options = options with { Vendor = value };
                    break;
                case "--vendor-token" when value is not null:
                    options = options with { VendorToken = value };
                    break;
                default:
                    return await FailAsync($"bad option '{args[i]}'").ConfigureAwait(false);
            }
            i++;
        }
        OnePlatformEmulator emulator;
        try
        {
            emulator = await OnePlatformEmulator.StartAsync(options).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
        {
            return await FailAsync(ex.Message).ConfigureAwait(false);
        }
        await using (emulator.ConfigureAwait(false))
        {
            Console.WriteLine($"One Platform emulator listening on {emulator.BaseUri}");
            Console.WriteLine($"RPC endpoint: {emulator.RpcUri}");
            Console.WriteLine($"Root RID: {emulator.RootRid}");
            Console.WriteLine($"Root CIK: {emulator.RootCik}");
            Console.WriteLine(
                $"Provisioning API: {emulator.ProvisionUri} (vendor {options.Vendor})"
            );
            Console.WriteLine("Press Ctrl+C to stop.");
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var sigint = PosixSignalRegistration.Create(
                PosixSignal.SIGINT,
                context => Stop(context, stop)
            );
            using var sigterm = PosixSignalRegistration.Create(
                PosixSignal.SIGTERM,
                context => Stop(context, stop)
            );
            await stop.Task.ConfigureAwait(false);
        }
        return 0;
    }

    private static void Stop(PosixSignalContext context, TaskCompletionSource stop)
    {
        context.Cancel = true;
        stop.TrySetResult();
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
        return 2;
    }
}
