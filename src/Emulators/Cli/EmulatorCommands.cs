using System.Globalization;
using System.Runtime.InteropServices;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;

namespace Functional.Emulators.Cli;

/// <summary>
/// Command line: <c>onep --port 4001 [--root-cik &lt;40 hex&gt;] [--seed N] [--state state.json] [--vendor NAME] [--vendor-token TOKEN]</c> runs the One
/// Platform emulator until Ctrl+C; <c>sis --port 3001 [--super-user NAME:PASSWORD] [--seed N] [--state file] [--readonly]
/// [--no-auth]</c> runs the SIS emulator. Further emulators add a case to <see cref="RunAsync"/>.
/// </summary>
internal static class EmulatorCommands
{
    private const string Usage =
        "usage: Functional.Emulators onep [--port N] [--root-cik <40 hex>] [--seed N] [--state <file.json>] [--vendor NAME] [--vendor-token <40 hex>]\n"
        + "       Functional.Emulators sis [--port N] [--super-user NAME:PASSWORD] [--seed N] [--state <file.json>] [--readonly] [--no-auth]";

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
            "sis" => await RunSisAsync(args[1..]).ConfigureAwait(false),
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

    private static async Task<int> RunSisAsync(string[] args)
    {
        var options = new SisEmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--readonly":
                    options = options with { ReadOnly = true };
                    continue;
                case "--no-auth":
                    options = options with { AuthEnabled = false };
                    continue;
                case "--port"
                    when int.TryParse(
                        value,
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out var port
                    ):
                    options = options with { Port = port };
                    break;
                case "--super-user"
                    when value is not null && value.IndexOf(':', StringComparison.Ordinal) > 0:
                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    options = options with
                    {
                        SuperUserName = value[..colon],
                        SuperUserPassword = value[(colon + 1)..],
                    };
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
                default:
                    return await FailAsync($"bad option '{args[i]}'").ConfigureAwait(false);
            }
            i++;
        }
        SisEmulator emulator;
        try
        {
            emulator = await SisEmulator.StartAsync(options).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
        {
            return await FailAsync(ex.Message).ConfigureAwait(false);
        }
        await using (emulator.ConfigureAwait(false))
        {
            Console.WriteLine($"SIS emulator listening on {emulator.BaseUri}");
            Console.WriteLine($"API: {emulator.ApiUri}");
            if (options.AuthEnabled)
            {
                Console.WriteLine($"Super user: {emulator.SuperUserName}");
                if (options.SuperUserPassword is null)
                {
                    Console.WriteLine($"Generated password: {emulator.SuperUserPassword}");
                }
            }
            else
            {
                Console.WriteLine("Authentication is disabled.");
            }
            if (options.ReadOnly)
            {
                Console.WriteLine("Read-only mode.");
            }
            Console.WriteLine("Press Ctrl+C to stop.");
            await WaitForSignalAsync().ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task WaitForSignalAsync()
    {
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
