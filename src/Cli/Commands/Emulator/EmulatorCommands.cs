using System.CommandLine;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;

namespace Functional.Cli.Commands.Emulator;

/// <summary>
/// <c>fxo emulator onep|sis</c>: runs an emulator in the foreground on 127.0.0.1 until Ctrl+C (or SIGTERM), printing
/// its addresses and credentials (secrets masked unless <c>--reveal</c>).
/// </summary>
internal static class EmulatorCommands
{
    /// <summary>The <c>emulator</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "emulator",
            "Run the One Platform (with Provisioning) or the SIS emulator in the foreground on 127.0.0.1."
        );
        group.Subcommands.Add(OnePlatform(host));
        group.Subcommands.Add(Sis(host));
        return group;
    }

    private static Option<int> PortOption(int standard) =>
        new("--port")
        {
            Description = $"TCP port on 127.0.0.1 (default {standard}; 0 picks a free one).",
            DefaultValueFactory = _ => standard,
            Validators =
            {
                r =>
                {
                    var v = r.GetValueOrDefault<int>();
                    if (v is < 0 or > 65535)
                    {
                        r.AddError("--port: must be between 0 and 65535");
                    }
                },
            },
        };

    private static Option<int?> SeedOption() =>
        new("--seed")
        {
            Description =
                "Seed for generated ids and secrets (repeatable runs; default: cryptographically random).",
        };

    private static Option<FileInfo?> StateOption() =>
        new("--state")
        {
            Description =
                "JSON state file: loaded at start when it exists, rewritten after every change.",
        };

    private static Option<string?> HexOption(string name, string description) =>
        new(name)
        {
            Description = description,
            Validators =
            {
                r =>
                {
                    var v = r.GetValueOrDefault<string?>();
                    if (v is not null && !HexId.IsLower(v))
                    {
                        r.AddError($"{name}: must be 40 lower-case hex characters");
                    }
                },
            },
        };

    private static Command OnePlatform(CliHost host)
    {
        var port = PortOption(4001);
        var rootCik = HexOption(
            "--root-cik",
            "The root client's CIK (default: the stored one, else generated)."
        );
        var seed = SeedOption();
        var state = StateOption();
        var vendor = new Option<string>("--vendor")
        {
            Description = "The Provisioning vendor name (default 'vendor').",
            DefaultValueFactory = _ => "vendor",
        };
        var vendorToken = HexOption(
            "--vendor-token",
            "A vendor token accepted on /provision/manage (default: CIK only)."
        );
        var command = new Command("onep", "Run the One Platform and Provisioning emulator.")
        {
            port,
            rootCik,
            seed,
            state,
            vendor,
            vendorToken,
        };
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var options = new OnePlatformEmulatorOptions
                    {
                        Port = parse.GetValue(port),
                        RootCik = parse.GetValue(rootCik),
                        Seed = parse.GetValue(seed),
                        StatePath = parse.GetValue(state)?.FullName,
                        Vendor = parse.GetValue(vendor) ?? "vendor",
                        VendorToken = parse.GetValue(vendorToken),
                    };
                    var emulator = await Start(() => OnePlatformEmulator.StartAsync(options, ct))
                        .ConfigureAwait(false);
                    await using (emulator.ConfigureAwait(false))
                    {
                        var output = context.Output;
                        output.Table(
                            ["What", "Value"],
                            [
                                ["listening", emulator.BaseUri.AbsoluteUri],
                                ["rpc", emulator.RpcUri.AbsoluteUri],
                                ["provisioning", emulator.ProvisionUri.AbsoluteUri],
                                ["vendor", options.Vendor],
                                ["root rid", emulator.RootRid],
                                ["root cik", output.Secret(emulator.RootCik)],
                                ["state", options.StatePath ?? "(memory only)"],
                            ]
                        );
                        await WaitAsync(context, ct).ConfigureAwait(false);
                    }
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Sis(CliHost host)
    {
        var port = PortOption(3001);
        var superUser = new Option<string?>("--super-user")
        {
            Description =
                "NAME:PASSWORD of the start-up super user (default admin with a generated password).",
            Validators =
            {
                r =>
                {
                    var v = r.GetValueOrDefault<string?>();
                    if (
                        v is not null
                        && (v.IndexOf(':', StringComparison.Ordinal) is <= 0 || v.EndsWith(':'))
                    )
                    {
                        r.AddError("--super-user: expected NAME:PASSWORD, both non-empty");
                    }
                },
            },
        };
        var seed = SeedOption();
        var state = StateOption();
        var readOnly = new Option<bool>("--readonly")
        {
            Description = "Refuse every write (as SIS's read-only mode).",
        };
        var noAuth = new Option<bool>("--no-auth") { Description = "Disable authentication." };
        var command = new Command("sis", "Run the SIS emulator.")
        {
            port,
            superUser,
            seed,
            state,
            readOnly,
            noAuth,
        };
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var options = new SisEmulatorOptions
                    {
                        Port = parse.GetValue(port),
                        Seed = parse.GetValue(seed),
                        StatePath = parse.GetValue(state)?.FullName,
                        ReadOnly = parse.GetValue(readOnly),
                        AuthEnabled = !parse.GetValue(noAuth),
                    };
                    if (parse.GetValue(superUser) is { } user)
                    {
                        var colon = user.IndexOf(':', StringComparison.Ordinal);
                        options = options with
                        {
                            SuperUserName = user[..colon],
                            SuperUserPassword = user[(colon + 1)..],
                        };
                    }
                    var emulator = await Start(() => SisEmulator.StartAsync(options, ct))
                        .ConfigureAwait(false);
                    await using (emulator.ConfigureAwait(false))
                    {
                        var output = context.Output;
                        output.Table(
                            ["What", "Value"],
                            [
                                ["listening", emulator.BaseUri.AbsoluteUri],
                                ["api", emulator.ApiUri.AbsoluteUri],
                                ["auth", options.AuthEnabled ? "on" : "off"],
                                ["super user", options.AuthEnabled ? emulator.SuperUserName : "-"],
                                [
                                    "password",
                                    options.AuthEnabled
                                        ? output.Secret(emulator.SuperUserPassword)
                                        : "-",
                                ],
                                ["mode", options.ReadOnly ? "read-only" : "read-write"],
                                ["state", options.StatePath ?? "(memory only)"],
                            ]
                        );
                        await WaitAsync(context, ct).ConfigureAwait(false);
                    }
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static async Task<T> Start<T>(Func<Task<T>> start)
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new CliUsageException(e.Message);
        }
        catch (IOException e)
        {
            throw new CliUsageException($"cannot start the emulator: {e.Message}");
        }
    }

    private static async Task WaitAsync(CliContext context, CancellationToken ct)
    {
        if (!context.Output.Json)
        {
            await context.Host.Error.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
        }
        await context.Host.Out.FlushAsync(ct).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
