using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;
using Functional.Core.OnePlatform;

namespace Functional.Cli.Commands.OnePlatform;

/// <summary>The time-series commands: read (with --follow), write, record, flush and wait.</summary>
internal static partial class OnePlatformCommands
{
    private static Command Read(CliHost host)
    {
        var resources = new Argument<string[]>("resource")
        {
            Description =
                "Dataports or datarules to read (RID or alias); several are read in one batch.",
            Arity = ArgumentArity.OneOrMore,
        };
        var limit = new Option<long>("--limit", "-l")
        {
            Description = "Most points per resource (default 1, the newest).",
            DefaultValueFactory = _ => 1,
            Validators =
            {
                r =>
                {
                    if (r.GetValueOrDefault<long>() < 1)
                    {
                        r.AddError("--limit: must be at least 1");
                    }
                },
            },
        };
        var start = TimeOption("--start", "First second of the window (inclusive).");
        var end = TimeOption("--end", "Last second of the window (inclusive).");
        var sort = new Option<string>("--sort")
        {
            Description = "Order: desc (newest first, the default) or asc.",
            DefaultValueFactory = _ => "desc",
        };
        sort.AcceptOnlyFromAmong("desc", "asc");
        var selection = new Option<string>("--selection")
        {
            Description = "Sampling: all (default), givenwindow or autowindow.",
            DefaultValueFactory = _ => "all",
        };
        selection.AcceptOnlyFromAmong("all", "givenwindow", "autowindow");
        var follow = new Option<bool>("--follow", "-f")
        {
            Description =
                "After the newest point, wait for new points and print each as it arrives (Ctrl+C to stop; one resource).",
        };
        var count = new Option<int?>("--count")
        {
            Description = "With --follow: stop after this many new points.",
            Validators =
            {
                r =>
                {
                    if (r.GetValueOrDefault<int?>() is < 1)
                    {
                        r.AddError("--count: must be at least 1");
                    }
                },
            },
        };
        var command = new Command(
            "read",
            "Read points. Table: Timestamp and one column per resource; --json: [{\"resource\", \"timestamp\", \"value\"}, …]. With --follow, one line (or one JSON object) per new point."
        )
        {
            resources,
            limit,
            start,
            end,
            sort,
            selection,
            follow,
            count,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var names = parse.GetRequiredValue(resources);
                    var options = ReadOptions.Latest.WithLimit(parse.GetValue(limit));
                    if (parse.GetValue(start) is { } s)
                    {
                        options = options.WithStartTime(ParseTime(s, "--start"));
                    }
                    if (parse.GetValue(end) is { } e)
                    {
                        options = options.WithEndTime(ParseTime(e, "--end"));
                    }
                    if (parse.GetValue(sort) == "asc")
                    {
                        options = options.WithSort(SortOrder.Ascending);
                    }
                    options = parse.GetValue(selection) switch
                    {
                        "givenwindow" => options.WithSelection(Selection.GivenWindow),
                        "autowindow" => options.WithSelection(Selection.AutoWindow),
                        _ => options,
                    };
                    if (parse.GetValue(follow))
                    {
                        if (names.Length != 1)
                        {
                            throw new CliUsageException("--follow: follows exactly one resource");
                        }
                        return await FollowAsync(
                                context,
                                target,
                                names[0],
                                parse.GetValue(count),
                                ct
                            )
                            .ConfigureAwait(false);
                    }
                    if (parse.GetValue(count) is not null)
                    {
                        throw new CliUsageException("--count: only with --follow");
                    }
                    var batch = target.Client.Batch(target.Auth);
                    foreach (var name in names)
                    {
                        batch = batch.Read(Resource(name), options);
                    }
                    using var bar = context.Progress("reading", names.Length);
                    var results = await batch.SendAsync(ct).ConfigureAwait(false);
                    bar.Advance(names.Length);
                    var series = results.Select(r => r.GetValue<IReadOnlyList<Point>>()).ToArray();
                    PrintPoints(
                        context,
                        names,
                        series,
                        options.Sort.Match(o => o, () => SortOrder.Descending)
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static void PrintPoints(
        CliContext context,
        string[] names,
        IReadOnlyList<Point>[] series,
        SortOrder order
    )
    {
        if (context.Output.Json)
        {
            var array = new JsonArray();
            for (var i = 0; i < names.Length; i++)
            {
                foreach (var p in series[i])
                {
                    array.Add(PointJson(context, p, names[i]));
                }
            }
            context.Output.WriteJson(array);
            return;
        }
        if (names.Length == 1)
        {
            context.Output.Table(
                ["Timestamp", "Value"],
                series[0]
                    .Select(p =>
                        (IReadOnlyList<string>)
                            [context.Output.Timestamp(p.Timestamp), p.Value.ToString()]
                    )
            );
            return;
        }
        var times = series.SelectMany(s => s.Select(p => p.Timestamp)).Distinct();
        times = order == SortOrder.Ascending ? times.Order() : times.OrderDescending();
        var rows = times.Select(t =>
        {
            var row = new List<string> { context.Output.Timestamp(t) };
            row.AddRange(
                series.Select(s => s.FirstOrDefault(p => p.Timestamp == t)?.Value.ToString() ?? "")
            );
            return (IReadOnlyList<string>)row;
        });
        context.Output.Table(["Timestamp", .. names], rows);
    }

    private static async Task<int> FollowAsync(
        CliContext context,
        OnePlatformTarget target,
        string name,
        int? count,
        CancellationToken ct
    )
    {
        var resource = Resource(name);
        void Print(Point p)
        {
            if (context.Output.Json)
            {
                context.Host.Out.WriteLine(PointJson(context, p, name).ToJsonString());
            }
            else
            {
                context.Output.Line($"{context.Output.Timestamp(p.Timestamp)}  {p.Value}");
            }
            context.Host.Out.Flush();
        }
        var latest = await target
            .Client.ReadAsync(target.Auth, resource, ReadOptions.Latest, ct)
            .ConfigureAwait(false);
        long? since = null;
        if (latest.Count > 0)
        {
            Print(latest[0]);
            since = latest[0].Timestamp;
        }
        var seen = 0;
        try
        {
            while (count is null || seen < count)
            {
                var options = WaitOptions.Default.WithTimeout(
                    WaitOptions.DefaultTimeoutMilliseconds
                );
                if (since is { } s)
                {
                    options = options.WithSince(s);
                }
                var point = await target
                    .Client.WaitAsync(target.Auth, resource, options, ct)
                    .ConfigureAwait(false);
                if (point is null)
                {
                    continue;
                }
                Print(point);
                since = point.Timestamp;
                seen++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C is the normal way to stop following.
        }
        return ExitCodes.Ok;
    }

    private static Command Write(CliHost host)
    {
        var values = new Argument<string[]>("resource-value")
        {
            Description =
                "<resource> <value>, or several <resource>=<value> pairs written together (writegroup, one timestamp).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "write",
            "Write a value now (the server coerces text to the dataport's format). --json: {\"ok\": true, \"written\": n}."
        )
        {
            values,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var args = context.Parse.GetRequiredValue(values);
                    var pairs = new List<(string Name, string Value)>();
                    if (args.Length == 2 && !args[0].Contains('=', StringComparison.Ordinal))
                    {
                        pairs.Add((args[0], args[1]));
                    }
                    else
                    {
                        foreach (var a in args)
                        {
                            var eq = a.IndexOf('=', StringComparison.Ordinal);
                            if (eq <= 0)
                            {
                                throw new CliUsageException(
                                    $"resource-value: '{a}' is not <resource>=<value> (or give exactly <resource> <value>)"
                                );
                            }
                            pairs.Add((a[..eq], a[(eq + 1)..]));
                        }
                    }
                    if (pairs.Count == 1)
                    {
                        await target
                            .Client.WriteAsync(
                                target.Auth,
                                Resource(pairs[0].Name),
                                PointValue.Of(pairs[0].Value),
                                ct
                            )
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await target
                            .Client.WriteGroupAsync(
                                target.Auth,
                                pairs.Select(p => (Resource(p.Name), PointValue.Of(p.Value))),
                                ct
                            )
                            .ConfigureAwait(false);
                    }
                    Done(
                        context,
                        pairs.Count == 1
                            ? $"wrote {pairs[0].Name}"
                            : $"wrote {pairs.Count} resources",
                        new JsonObject { ["written"] = pairs.Count }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Record(CliHost host)
    {
        var resource = RequiredResource("resource", "The dataport to record into (RID or alias).");
        var points = new Argument<string[]>("point")
        {
            Description =
                "Points as timestamp,value (unix seconds, ISO 8601 or -1h; a negative number is seconds before now). None: read timestamp,value lines from standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var legacy = new Option<bool>("--legacy")
        {
            Description =
                "Use the deprecated 'record' procedure instead of 'recordbatch' (no per-point rejections).",
        };
        var command = new Command(
            "record",
            "Record points at given times (recordbatch). Prints the rejected entries; exit 1 when any was rejected. --json: {\"recorded\": n, \"rejected\": [{\"timestamp\", \"status\"}]}."
        )
        {
            resource,
            points,
            legacy,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var given = context.Parse.GetValue(points) ?? [];
                    var entries = new List<(long, PointValue)>();
                    if (given.Length > 0)
                    {
                        for (var i = 0; i < given.Length; i++)
                        {
                            entries.Add(ParseEntry(given[i], $"point[{i}]"));
                        }
                    }
                    else
                    {
                        var text = await context.Host.In.ReadToEndAsync(ct).ConfigureAwait(false);
                        var lineNo = 0;
                        foreach (var raw in text.Split('\n'))
                        {
                            lineNo++;
                            var line = raw.TrimEnd('\r');
                            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                            {
                                continue;
                            }
                            if (
                                entries.Count == 0
                                && line.StartsWith("timestamp,", StringComparison.OrdinalIgnoreCase)
                            )
                            {
                                continue;
                            }
                            entries.Add(ParseEntry(line, $"stdin line {lineNo}"));
                        }
                        if (entries.Count == 0)
                        {
                            throw new CliUsageException(
                                "point: no points given (arguments or timestamp,value lines on standard input)"
                            );
                        }
                    }
                    var id = Resource(context.Parse.GetRequiredValue(resource));
                    var rejected = new List<RejectedEntry>();
                    const int Chunk = 1000;
                    using var bar = context.Progress("recording", entries.Count);
                    for (var i = 0; i < entries.Count; i += Chunk)
                    {
                        var part = entries.Skip(i).Take(Chunk).ToArray();
                        if (context.Parse.GetValue(legacy))
                        {
                            await target
                                .Client.RecordAsync(target.Auth, id, part, ct)
                                .ConfigureAwait(false);
                        }
                        else
                        {
                            rejected.AddRange(
                                await target
                                    .Client.RecordBatchAsync(target.Auth, id, part, ct)
                                    .ConfigureAwait(false)
                            );
                        }
                        bar.Advance(part.Length);
                    }
                    var recorded = entries.Count - rejected.Count;
                    if (context.Output.Json)
                    {
                        var list = new JsonArray();
                        foreach (var r in rejected)
                        {
                            list.Add(
                                new JsonObject
                                {
                                    ["timestamp"] = r.Timestamp,
                                    ["status"] = r.Status,
                                }
                            );
                        }
                        context.Output.WriteJson(
                            new JsonObject { ["recorded"] = recorded, ["rejected"] = list }
                        );
                    }
                    else if (rejected.Count > 0)
                    {
                        context.Output.Table(
                            ["Timestamp", "Status"],
                            rejected.Select(r =>
                                (IReadOnlyList<string>)
                                    [context.Output.Timestamp(r.Timestamp), r.Status]
                            )
                        );
                    }
                    await context
                        .Host.Error.WriteLineAsync(
                            $"fxo: recorded {recorded} point(s)"
                                + (rejected.Count > 0 ? $", {rejected.Count} rejected" : "")
                        )
                        .ConfigureAwait(false);
                    return rejected.Count > 0 ? ExitCodes.ApiError : ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    /// <summary>One <c>timestamp,value</c> entry; the value is the rest after the first comma (surrounding quotes removed).</summary>
    private static (long, PointValue) ParseEntry(string text, string where)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            throw new CliUsageException($"{where}: expected timestamp,value (got '{text}')");
        }
        var ts = text[..comma].Trim();
        var value = text[(comma + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }
        var timestamp = long.TryParse(
            ts,
            NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture,
            out var unix
        )
            ? unix
            : ParseTime(ts, where);
        return (timestamp, PointValue.Of(value));
    }

    private static Command Flush(CliHost host)
    {
        var resource = RequiredResource("resource", "The dataport to flush (RID or alias).");
        var start = TimeOption(
            "--start",
            "Delete only points newer than this (newerthan, strict)."
        );
        var end = TimeOption("--end", "Delete only points older than this (olderthan, strict).");
        var command = new Command(
            "flush",
            "Delete points of a dataport (all, or those strictly between --start and --end)."
        )
        {
            resource,
            start,
            end,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var options = FlushOptions.All;
                    if (context.Parse.GetValue(start) is { } s)
                    {
                        options = options.WithNewerThan(ParseTime(s, "--start"));
                    }
                    if (context.Parse.GetValue(end) is { } e)
                    {
                        options = options.WithOlderThan(ParseTime(e, "--end"));
                    }
                    var name = context.Parse.GetRequiredValue(resource);
                    await target
                        .Client.FlushAsync(target.Auth, Resource(name), options, ct)
                        .ConfigureAwait(false);
                    Done(context, $"flushed {name}");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Wait(CliHost host)
    {
        var resource = RequiredResource("resource", "The dataport to wait on (RID or alias).");
        var within = new Option<double>("--wait-timeout")
        {
            Description = "Seconds the server holds the call (default 30, at most 300).",
            DefaultValueFactory = _ => 30,
            Validators =
            {
                r =>
                {
                    if (r.GetValueOrDefault<double>() is < 0 or > 300)
                    {
                        r.AddError("--wait-timeout: must be between 0 and 300 seconds");
                    }
                },
            },
        };
        var since = TimeOption("--since", "Wait for the first point after this time.");
        var command = new Command(
            "wait",
            "Long-poll for the next point written to a dataport (wait). Prints it; exit 1 when none arrived in time. --json: {\"timestamp\", \"value\"}."
        )
        {
            resource,
            within,
            since,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var options = WaitOptions.Default.WithTimeout(
                        TimeSpan.FromSeconds(context.Parse.GetValue(within))
                    );
                    if (context.Parse.GetValue(since) is { } s)
                    {
                        options = options.WithSince(ParseTime(s, "--since"));
                    }
                    var point = await target
                        .Client.WaitAsync(
                            target.Auth,
                            Resource(context.Parse.GetRequiredValue(resource)),
                            options,
                            ct
                        )
                        .ConfigureAwait(false);
                    if (point is null)
                    {
                        await context
                            .Host.Error.WriteLineAsync(
                                "fxo: no point arrived before the wait expired"
                            )
                            .ConfigureAwait(false);
                        return ExitCodes.ApiError;
                    }
                    if (context.Output.Json)
                    {
                        context.Output.WriteJson(PointJson(context, point));
                    }
                    else
                    {
                        context.Output.Table(
                            ["Timestamp", "Value"],
                            [
                                [context.Output.Timestamp(point.Timestamp), point.Value.ToString()],
                            ]
                        );
                    }
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
