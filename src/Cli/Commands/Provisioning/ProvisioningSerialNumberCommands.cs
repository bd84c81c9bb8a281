using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;
using Functional.Core.Provisioning;
using static Functional.Cli.Commands.Provisioning.ProvisioningCli;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// <c>fxo provision sn</c>: serial numbers of a model (spec §3.2, §3.3) — list (paged; <c>[{"sn", "status", "rid",
/// "extra"}]</c>), add, remove, info, enable (<c>{"model", "sn", "rid"}</c>), disable, regenerate (alias reenable),
/// remap, log (<c>[{"timestamp", "connection", "entry"}]</c>), groups, ranges list|add|remove.
/// </summary>
internal static class ProvisioningSerialNumberCommands
{
    private static readonly Option<string?> SharedBy = new("--shared-by")
    {
        Description =
            "Address a model another vendor shared with you (X-Exosite-Vendor): only list, enable, disable and regenerate are allowed.",
        Recursive = true,
    };

    /// <summary>The <c>sn</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "sn",
            "Serial numbers of a model: add, enable, disable, regenerate, remap, remove."
        );
        group.Options.Add(SharedBy);
        group.Subcommands.Add(List(host));
        group.Subcommands.Add(Add(host));
        group.Subcommands.Add(Remove(host));
        group.Subcommands.Add(Info(host));
        group.Subcommands.Add(Enable(host));
        group.Subcommands.Add(
            Simple(
                host,
                "disable",
                "Disable a serial number's CIK (re-enable with 'regenerate').",
                "disabled",
                (t, a, m, s, ct) => t.Client.DisableSerialNumberAsync(a, m, s, ct)
            )
        );
        var regenerate = Simple(
            host,
            "regenerate",
            "Open a new activation window: the device client gets a new CIK at its next activation.",
            "regenerated",
            (t, a, m, s, ct) => t.Client.RegenerateSerialNumberAsync(a, m, s, ct)
        );
        regenerate.Aliases.Add("reenable");
        group.Subcommands.Add(regenerate);
        group.Subcommands.Add(Remap(host));
        group.Subcommands.Add(Log(host));
        group.Subcommands.Add(Groups(host));
        group.Subcommands.Add(Ranges(host));
        return group;
    }

    private static ProvisioningAuth Auth(CliContext context, ProvisioningTarget target) =>
        context.Parse.GetValue(SharedBy) is { } vendor
            ? target.Auth.WithSharedVendor(vendor)
            : target.Auth;

    private static string Subject(
        ParseResult p,
        Argument<string> model,
        Argument<string>? sn = null
    ) => ModelSubject(p, model, "sn", sn);

    private static Command List(CliHost host)
    {
        var model = ModelArgument();
        var offset = OffsetOption();
        var limit = LimitOption();
        var status = new Option<bool>("--status")
        {
            Description = "Include each serial number's status.",
        };
        var command = new Command(
            "list",
            "List a model's serial numbers (all of them page by page, or one page with --limit)."
        )
        {
            model,
            offset,
            limit,
            status,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var withStatus = parse.GetValue(status);
                    var options = SerialNumberListOptions.Default.WithStatusColumn(withStatus);
                    if (parse.GetValue(SharedBy) is { } vendor)
                    {
                        options = options.WithSharedBy(vendor);
                    }
                    var rows = await PagedAsync(
                            context,
                            "serial numbers",
                            parse.GetValue(offset),
                            parse.GetValue(limit),
                            page =>
                                target.Client.ListSerialNumbersAsync(
                                    Auth(context, target),
                                    name,
                                    options.WithPage(page),
                                    ct
                                )
                        )
                        .ConfigureAwait(false);
                    if (context.Output.Json)
                    {
                        var array = new JsonArray();
                        foreach (var r in rows)
                        {
                            var o = new JsonObject { ["sn"] = r.SerialNumber };
                            if (withStatus)
                            {
                                o["status"] = ProvisioningCli.Json(r.Status.OrNull());
                            }
                            o["rid"] = ProvisioningCli.Json(r.Rid.OrNull());
                            o["extra"] = r.Extra;
                            array.Add(o);
                        }
                        context.Output.WriteJson(array);
                        return ExitCodes.Ok;
                    }
                    context.Output.Table(
                        withStatus ? ["SN", "Status", "RID", "Extra"] : ["SN", "RID", "Extra"],
                        rows.Select(r =>
                            (IReadOnlyList<string>)(
                                withStatus
                                    ? [r.SerialNumber, r.Status.OrEmpty(), r.Rid.OrEmpty(), r.Extra]
                                    : [r.SerialNumber, r.Rid.OrEmpty(), r.Extra]
                            )
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Argument<string[]> SerialsArgument() =>
        new("sn") { Description = "Serial numbers.", Arity = ArgumentArity.ZeroOrMore };

    private static Option<string?> FileOption(string what) =>
        new("--file", "-f")
        {
            Description = $"Read {what} from this CSV file ('-' for standard input).",
        };

    /// <summary>Serial numbers come as arguments or from <c>--file</c>, not both.</summary>
    private static void OneSource(string[] given, string? path)
    {
        if (path is not null && given.Length > 0)
        {
            throw new CliUsageException(
                "--file: give serial numbers as arguments or in a file, not both"
            );
        }
    }

    /// <summary>
    /// Applies a change to serial numbers given in a CSV file (<paramref name="path"/>, in chunks, with a progress
    /// bar), as one argument, or as several; returns how many were changed.
    /// </summary>
    private static async Task<int> ChangeSerialsAsync<T>(
        CliContext context,
        string[] given,
        string? path,
        Func<IReadOnlyList<string>, T> entry,
        string progress,
        Func<T[], Task> chunk,
        Func<string, Task> one,
        Func<string[], Task> many,
        CancellationToken ct
    )
    {
        if (path is not null)
        {
            var entries = Csv(
                    await ReadTextAsync(context, path, ct).ConfigureAwait(false),
                    "--file"
                )
                .Select(entry)
                .ToList();
            using var bar = context.Progress(progress, entries.Count);
            foreach (var part in entries.Chunk(PageSize))
            {
                await chunk(part).ConfigureAwait(false);
                bar.Advance(part.Length);
            }
            return entries.Count;
        }
        if (given.Length == 1)
        {
            await one(given[0]).ConfigureAwait(false);
            return 1;
        }
        if (given.Length > 1)
        {
            await many(given).ConfigureAwait(false);
            return given.Length;
        }
        throw new CliUsageException("sn: give at least one serial number, or --file");
    }

    /// <summary>The outcome of <see cref="ChangeSerialsAsync"/>: <c>{"model", "count", "done"}</c> or a line.</summary>
    private static void Counted(
        CliContext context,
        string model,
        int count,
        string phrase,
        string done
    ) =>
        Done(
            context,
            $"{count} serial number{(count == 1 ? "" : "s")} {phrase} model '{model}'",
            new JsonObject
            {
                ["model"] = model,
                ["count"] = count,
                ["done"] = done,
            }
        );

    private static Command Add(CliHost host)
    {
        var model = ModelArgument();
        var serials = SerialsArgument();
        var extra = new Option<string?>("--extra")
        {
            Description = "Extra text stored with the serial number (one serial number only).",
        };
        var file = FileOption("lines '<sn>[,<extra>]'");
        var command = new Command(
            "add",
            "Add serial numbers: one (with --extra), several as arguments, or many from a CSV file or standard input (--file)."
        )
        {
            model,
            serials,
            extra,
            file,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var given = parse.GetValue(serials) ?? [];
                    var path = parse.GetValue(file);
                    var text = parse.GetValue(extra);
                    OneSource(given, path);
                    if (text is not null && given.Length != 1)
                    {
                        throw new CliUsageException("--extra: only with exactly one serial number");
                    }
                    var count = await ChangeSerialsAsync(
                            context,
                            given,
                            path,
                            r => new SerialNumberEntry(
                                r[0].Trim(),
                                r.Count > 1 ? string.Join(",", r.Skip(1)) : ""
                            ),
                            "adding serial numbers",
                            chunk =>
                                target.Client.AddSerialNumbersCsvAsync(
                                    target.Auth,
                                    name,
                                    chunk,
                                    ct
                                ),
                            one =>
                                target.Client.AddSerialNumberAsync(
                                    target.Auth,
                                    name,
                                    one,
                                    text,
                                    ct
                                ),
                            many =>
                                target.Client.AddSerialNumbersAsync(target.Auth, name, many, ct),
                            ct
                        )
                        .ConfigureAwait(false);
                    Counted(context, name, count, "added to", "added");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Remove(CliHost host)
    {
        var model = ModelArgument();
        var serials = SerialsArgument();
        var file = FileOption("one serial number per line");
        var command = new Command(
            "remove",
            "Remove serial numbers (and their device clients): as arguments or from a file or standard input (--file)."
        )
        {
            model,
            serials,
            file,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var given = parse.GetValue(serials) ?? [];
                    var path = parse.GetValue(file);
                    OneSource(given, path);
                    var count = await ChangeSerialsAsync(
                            context,
                            given,
                            path,
                            r => r[0].Trim(),
                            "removing serial numbers",
                            chunk =>
                                target.Client.RemoveSerialNumbersCsvAsync(
                                    target.Auth,
                                    name,
                                    chunk,
                                    ct
                                ),
                            one =>
                                target.Client.DeleteSerialNumberAsync(target.Auth, name, one, ct),
                            many =>
                                target.Client.RemoveSerialNumbersAsync(target.Auth, name, many, ct),
                            ct
                        )
                        .ConfigureAwait(false);
                    Counted(context, name, count, "removed from", "removed");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Info(CliHost host)
    {
        var model = ModelArgument();
        var sn = SerialArgument();
        var command = new Command(
            "info",
            "Show a serial number's status, device client RID and extra text (empty when unused)."
        )
        {
            model,
            sn,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, sn),
                async (context, target, ct) =>
                {
                    var rows = await target
                        .Client.GetSerialNumberInfoAsync(
                            target.Auth,
                            context.Parse.GetRequiredValue(model),
                            context.Parse.GetRequiredValue(sn),
                            ct
                        )
                        .ConfigureAwait(false);
                    context.Output.Table(
                        ["Status", "RID", "Extra"],
                        rows.Select(r =>
                            (IReadOnlyList<string>)[r.Status.OrEmpty(), r.Rid.OrEmpty(), r.Extra]
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Enable(CliHost host)
    {
        var model = ModelArgument();
        var sn = SerialArgument();
        var owner = new Option<string?>("--owner")
        {
            Description =
                "RID of the client that will own the device client (the vendor's client or one below it). Default with the embedded emulator: its root client.",
        };
        var command = new Command(
            "enable",
            "Enable a serial number: creates its device client (a clone of the model's template) under --owner and prints its RID."
        )
        {
            model,
            sn,
            owner,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, sn),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var serial = context.Parse.GetRequiredValue(sn);
                    var ownerRid =
                        context.Parse.GetValue(owner)
                        ?? target.Embedded?.RootRid
                        ?? throw new CliUsageException(
                            "--owner: required: the RID of the client that will own the device client"
                        );
                    var rid = await target
                        .Client.EnableSerialNumberAsync(
                            Auth(context, target),
                            name,
                            serial,
                            ownerRid,
                            ct
                        )
                        .ConfigureAwait(false);
                    Fields(
                        context,
                        [("Model", name), ("SN", serial), ("RID", rid)],
                        new JsonObject
                        {
                            ["model"] = name,
                            ["sn"] = serial,
                            ["rid"] = rid,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Simple(
        CliHost host,
        string verb,
        string description,
        string done,
        Func<ProvisioningTarget, ProvisioningAuth, string, string, CancellationToken, Task> call
    )
    {
        var model = ModelArgument();
        var sn = SerialArgument();
        var command = new Command(verb, description) { model, sn };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, sn),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var serial = context.Parse.GetRequiredValue(sn);
                    await call(target, Auth(context, target), name, serial, ct)
                        .ConfigureAwait(false);
                    Done(
                        context,
                        $"serial number '{serial}' of model '{name}' {done}",
                        new JsonObject
                        {
                            ["model"] = name,
                            ["sn"] = serial,
                            ["done"] = done,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Remap(CliHost host)
    {
        var model = ModelArgument();
        var sn = new Argument<string>("sn")
        {
            Description = "The new serial number (it takes over the old one's client).",
        };
        var from = new Option<string>("--from")
        {
            Description = "The old serial number whose client moves to the new one.",
            Required = true,
        };
        var command = new Command(
            "remap",
            "Move the device client of --from to another serial number (the device must then activate again)."
        )
        {
            model,
            sn,
            from,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, sn),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var serial = context.Parse.GetRequiredValue(sn);
                    var old = context.Parse.GetRequiredValue(from);
                    await target
                        .Client.RemapSerialNumberAsync(target.Auth, name, serial, old, ct)
                        .ConfigureAwait(false);
                    Done(
                        context,
                        $"the client of serial number '{old}' now belongs to '{serial}' (model '{name}')",
                        new JsonObject
                        {
                            ["model"] = name,
                            ["sn"] = serial,
                            ["from"] = old,
                            ["done"] = "remapped",
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Log(CliHost host)
    {
        var model = ModelArgument();
        var sn = SerialArgument();
        var command = new Command("log", "Show a serial number's activation log.") { model, sn };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, sn),
                async (context, target, ct) =>
                {
                    var entries = await target
                        .Client.GetActivationLogAsync(
                            target.Auth,
                            context.Parse.GetRequiredValue(model),
                            context.Parse.GetRequiredValue(sn),
                            ct
                        )
                        .ConfigureAwait(false);
                    if (context.Output.Json)
                    {
                        context.Output.WriteJson(
                            new JsonArray(
                                entries
                                    .Select(e =>
                                        (JsonNode)
                                            new JsonObject
                                            {
                                                ["timestamp"] = context.Output.TimestampJson(
                                                    e.Timestamp
                                                ),
                                                ["connection"] = e.ConnectionInfo,
                                                ["entry"] = e.Entry,
                                            }
                                    )
                                    .ToArray()
                            )
                        );
                        return ExitCodes.Ok;
                    }
                    context.Output.Table(
                        ["Timestamp", "Connection", "Entry"],
                        entries.Select(e =>
                            (IReadOnlyList<string>)
                                [context.Output.Timestamp(e.Timestamp), e.ConnectionInfo, e.Entry]
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Groups(CliHost host) =>
        ItemGroups(
            host,
            "List the groups a serial number belongs to.",
            SerialArgument(),
            "sn",
            (target, model, sn, page, ct) =>
                target.Client.ListSerialNumberGroupsAsync(target.Auth, model, sn, page, ct)
        );

    private static Command Ranges(CliHost host)
    {
        var group = new Command(
            "ranges",
            "Serial-number ranges a model accepts without adding each serial number."
        );
        var model = ModelArgument();
        var list = new Command("list", "List a model's serial-number ranges.") { model };
        list.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var ranges = await target
                        .Client.ListSerialNumberRangesAsync(
                            target.Auth,
                            context.Parse.GetRequiredValue(model),
                            ct
                        )
                        .ConfigureAwait(false);
                    context.Output.Table(
                        ["Format", "Length", "Casing", "First", "Last"],
                        ranges.Select(r =>
                            (IReadOnlyList<string>)
                                [
                                    SerialNumberFormats
                                        .WireName(r.Format)
                                        .IfNone(r.Format.ToString()),
                                    r.Length.Match(
                                        n => n.ToString(CultureInfo.InvariantCulture),
                                        () => ""
                                    ),
                                    r.Casing.Bind(SerialNumberFormats.WireName).IfNone(""),
                                    Written(r, r.First),
                                    Written(r, r.Last),
                                ]
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        group.Subcommands.Add(list);
        group.Subcommands.Add(RangeChange(host, "add", "Add a serial-number range to a model."));
        group.Subcommands.Add(
            RangeChange(host, "remove", "Remove a serial-number range from a model.")
        );
        return group;
    }

    private static string Written(SerialNumberRange range, long value) =>
        range
            .SerialNumberOf(value)
            .Match(s => s, _ => value.ToString(CultureInfo.InvariantCulture));

    private static Command RangeChange(CliHost host, string verb, string description)
    {
        var model = ModelArgument();
        var format = new Option<string>("--format")
        {
            Description =
                "How serial numbers are written: base10, base16, mac:48, mac-48 or mac.48.",
            Required = true,
        };
        format.Validators.Add(r =>
        {
            if (SerialNumberFormats.ParseFormat(r.GetValueOrDefault<string>() ?? "").IsNone)
            {
                r.AddError(
                    $"--format: '{r.GetValueOrDefault<string>()}' is not one of base10, base16, mac:48, mac-48, mac.48"
                );
            }
        });
        var first = new Option<string>("--first")
        {
            Description =
                "The first serial number, written in the format (e.g. 0100, 00ff, 01:02:03:04:05:00).",
            Required = true,
        };
        var last = new Option<string>("--last")
        {
            Description = "The last serial number, written in the format.",
            Required = true,
        };
        var length = new Option<int?>("--length")
        {
            Description = "Digits of base10/base16 serial numbers (zero-padded).",
        };
        var casing = new Option<string?>("--casing")
        {
            Description = "Hex digit case: upper or lower.",
        };
        casing.Validators.Add(r =>
        {
            if (
                r.GetValueOrDefault<string?>() is { } c
                && SerialNumberFormats.ParseCasing(c).IsNone
            )
            {
                r.AddError($"--casing: '{c}' is not upper or lower");
            }
        });
        var command = new Command(verb, description) { model, format, first, last, length, casing };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var f = SerialNumberFormats
                        .ParseFormat(parse.GetRequiredValue(format))
                        .IfNone(() => throw new CliUsageException("--format: unknown format"));
                    long Value(Option<string> option, string what) =>
                        SerialNumberRange
                            .ValueOf(f, parse.GetRequiredValue(option), what)
                            .Match(
                                v => v,
                                e =>
                                    throw new CliUsageException(
                                        string.Join("; ", e.Map(x => x.Message))
                                    )
                            );
                    var range = new SerialNumberRange(
                        f,
                        parse.GetValue(length) is { } n
                            ? LanguageExt.Prelude.Some(n)
                            : LanguageExt.Prelude.None,
                        parse.GetValue(casing) is { } c
                            ? SerialNumberFormats.ParseCasing(c)
                            : LanguageExt.Prelude.None,
                        Value(first, "--first"),
                        Value(last, "--last")
                    );
                    if (verb == "add")
                    {
                        await target
                            .Client.AddSerialNumberRangesAsync(target.Auth, name, [range], ct)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await target
                            .Client.RemoveSerialNumberRangesAsync(target.Auth, name, [range], ct)
                            .ConfigureAwait(false);
                    }
                    var done = verb == "add" ? "added" : "removed";
                    Done(
                        context,
                        $"range {parse.GetValue(first)}..{parse.GetValue(last)} {done} ({(verb == "add" ? "to" : "from")} model '{name}')",
                        new JsonObject
                        {
                            ["model"] = name,
                            ["first"] = range.First,
                            ["last"] = range.Last,
                            ["done"] = done,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
