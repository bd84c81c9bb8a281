using System.CommandLine;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;

namespace Functional.Cli.Commands.Emulator;

/// <summary>
/// <c>fxo emulator onep|sis</c>: runs an emulator in the foreground on 127.0.0.1 until Ctrl+C (or SIGTERM), printing
/// its addresses and credentials (secrets masked unless <c>--reveal</c>). <c>--fault RULE</c> (repeatable, the grammar
/// of <see cref="FaultRule.Parse"/>) and <c>--fault-seed</c> turn on fault injection.
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

    private static Option<string[]> FaultOption() =>
        new("--fault")
        {
            Description =
                "Inject a fault (repeatable): KIND:PROBABILITY[:ROUTE]. KIND: latency=DURATION, status=CODE (5xx), "
                + "reset-before, reset-after, truncate, slow=DURATION[,BYTES], garbage; DURATION e.g. 250ms or 2s; "
                + "PROBABILITY 0..1; ROUTE [METHOD ]/path-prefix, a One Platform procedure name, or * (default). "
                + "E.g. reset-after:0.1:/onep:v1/rpc/process",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
            Validators =
            {
                r =>
                {
                    foreach (var text in r.GetValueOrDefault<string[]?>() ?? [])
                    {
                        try
                        {
                            _ = FaultRule.Parse(text);
                        }
                        catch (FormatException e)
                        {
                            r.AddError($"--fault: {e.Message}");
                        }
                    }
                },
            },
        };

    private static Option<int?> FaultSeedOption() =>
        new("--fault-seed")
        {
            Description =
                "Seed of the fault rolls, so runs repeat (default: random). Needs at least one --fault.",
        };

    /// <summary>The fault options from <c>--fault</c> and <c>--fault-seed</c>, or null for none.</summary>
    private static FaultOptions? Faults(string[]? rules, int? seed)
    {
        if (rules is not { Length: > 0 })
        {
            return seed is null
                ? null
                : throw new CliUsageException("--fault-seed: needs at least one --fault");
        }
        return new FaultOptions { Rules = [.. rules.Select(FaultRule.Parse)], Seed = seed };
    }

    /// <summary>The rows describing fault injection, for the start-up table.</summary>
    private static IEnumerable<string[]> FaultRows(FaultOptions? faults) =>
        faults is null
            ? []
            :
            [
                .. faults.Rules.Select(r => new[] { "fault", r.ToString() }),
                [
                    "fault seed",
                    faults.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        ?? "(random)",
                ],
            ];

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
        var fault = FaultOption();
        var faultSeed = FaultSeedOption();
        var command = new Command("onep", "Run the One Platform and Provisioning emulator.")
        {
            port,
            rootCik,
            seed,
            state,
            vendor,
            vendorToken,
            fault,
            faultSeed,
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
                        Faults = Faults(parse.GetValue(fault), parse.GetValue(faultSeed)),
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
                                .. FaultRows(options.Faults),
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
        var fault = FaultOption();
        var faultSeed = FaultSeedOption();
        var command = new Command("sis", "Run the SIS emulator.")
        {
            port,
            superUser,
            seed,
            state,
            readOnly,
            noAuth,
            fault,
            faultSeed,
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
                        Faults = Faults(parse.GetValue(fault), parse.GetValue(faultSeed)),
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
                                .. FaultRows(options.Faults),
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
