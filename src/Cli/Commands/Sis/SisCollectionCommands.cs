using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Facade.Sis;

namespace Functional.Cli.Commands.Sis;

/// <summary>
/// <c>fxo sis &lt;collection&gt; list|get|create|update|delete|bulk|history|commit|revision</c> for one
/// <see cref="SisCollection"/>. Entities and tokens take the schema or user as their first argument
/// (<c>fxo sis entities list host</c>, <c>fxo sis tokens get alice &lt;token&gt;</c>).
/// </summary>
/// <remarks>
/// <c>--json</c> prints what the server sent: lists as the array of documents, single documents as the object
/// (tokens masked unless <c>--reveal</c>). Tables show default columns per collection, or <c>--columns</c>.
/// </remarks>
internal static class SisCollectionCommands
{
    /// <summary>The group of <paramref name="collection"/>.</summary>
    public static Command Build(CliHost host, SisCollection collection)
    {
        var group = new Command(collection.Name, Describe(collection));
        group.Subcommands.Add(List(host, collection));
        group.Subcommands.Add(Get(host, collection));
        group.Subcommands.Add(Create(host, collection));
        group.Subcommands.Add(Update(host, collection));
        group.Subcommands.Add(Delete(host, collection));
        group.Subcommands.Add(SisBulkCommands.Build(host, collection));
        if (collection.History)
        {
            group.Subcommands.Add(History(host, collection));
            group.Subcommands.Add(Commit(host, collection));
            group.Subcommands.Add(Revision(host, collection));
        }
        return group;
    }

    private static string Describe(SisCollection c) =>
        c.Name switch
        {
            "schemas" => "Schemas: list, get, create, update, delete, bulk, history.",
            "entities" =>
                "Entities of a schema: list (with --q/--sort/--limit or --all), get, create, update, delete, bulk, history.",
            "hooks" =>
                "Hooks (outbound calls on inserts, updates and deletes): list, get, create, update, delete, bulk, history.",
            "hiera" => "Hiera entries: list, get, create, update, delete, bulk, history.",
            "users" => "Users: list, get, create, update, delete, bulk.",
            _ =>
                "Persistent tokens of a user (tokens are secrets: masked unless --reveal): list, get, create, update, delete, bulk.",
        };

    /// <summary>The parent argument (<c>schema</c> or <c>user</c>), or null for the fixed collections.</summary>
    internal static Argument<string>? ParentArgument(SisCollection c) =>
        c.Parent switch
        {
            null => null,
            "schema" => new Argument<string>("schema") { Description = "The schema's name." },
            _ => new Argument<string>("user") { Description = "The user's name." },
        };

    private static Argument<string> IdArgument(SisCollection c) =>
        new("id")
        {
            Description = c.Name switch
            {
                "entities" => "The entity's _id (or its id_field value when the schema has one).",
                "tokens" => "The token.",
                _ => $"The {c.Noun}'s name.",
            },
        };

    /// <summary>The collection's endpoint for the parsed parent argument.</summary>
    internal static SisEndpointClient Endpoint(
        SisCollection c,
        Targets.SisTarget target,
        ParseResult parse,
        Argument<string>? parent
    ) => c.Endpoint(target.Client, parent is null ? null : parse.GetRequiredValue(parent));

    private static Command NewCommand(
        string name,
        string description,
        Argument<string>? parent,
        params Argument<string>[] arguments
    )
    {
        var command = new Command(name, description);
        if (parent is not null)
        {
            command.Arguments.Add(parent);
        }
        foreach (var a in arguments)
        {
            command.Arguments.Add(a);
        }
        return command;
    }

    private static Option<string?> ColumnsOption() =>
        new("--columns")
        {
            Description =
                "Table columns: dotted field paths, comma separated (e.g. name,_sis.owner,definition.cpu); --json always prints whole documents (see --fields).",
        };

    private static Command List(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var command = NewCommand(
            "list",
            $"List {c.Name} (one page of at most --limit, or every match page by page with --all), filtered by --q and sorted by --sort.",
            parent
        );
        var query = new SisCli.QueryOptions
        {
            Populate = c.Name == "entities" ? SisCli.PopulateOption() : null,
        };
        query.AddTo(command);
        var all = new Option<bool>("--all")
        {
            Description =
                "Read every match, page by page (--page-size each), with a progress bar on a terminal; --limit then caps the total.",
        };
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Items per request with --all (1..10000, default 1000).",
            DefaultValueFactory = _ => 1000,
            Validators = { r => SisCli.Between(r, "--page-size", 1, SisPaging.MaxPageSize) },
        };
        var columns = ColumnsOption();
        var counts =
            c.Name == "schemas"
                ? new Option<bool>("--counts")
                {
                    Description = "Ask for each schema's entity_count (shown as a column).",
                }
                : null;
        command.Options.Add(all);
        command.Options.Add(pageSize);
        command.Options.Add(columns);
        if (counts is not null)
        {
            command.Options.Add(counts);
        }
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var q = query.Build(parse);
                    if (counts is not null && parse.GetValue(counts))
                    {
                        q = q.WithEntityCounts(true);
                    }
                    var chosen = parse.GetValue(columns) is { } cols
                        ? c.Chosen(SisCli.List(cols, "--columns"))
                        : null;
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var endpoint = Endpoint(c, target, parse, parent);
                    List<JsonElement> items;
                    if (parse.GetValue(all))
                    {
                        items = await ReadAllAsync(
                                context,
                                c,
                                endpoint,
                                q,
                                parse.GetValue(pageSize),
                                ct
                            )
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        var page = await endpoint.FetchPageAsync(q, ct).ConfigureAwait(false);
                        items = [.. page.Items];
                        var total = page.TotalCount.Match(t => (long?)t, () => null);
                        var start = q.Offset.IfNone(0);
                        if (total is { } t && start + items.Count < t)
                        {
                            await context
                                .Host.Error.WriteLineAsync(
                                    string.Create(
                                        CultureInfo.InvariantCulture,
                                        $"fxo: showing {items.Count} of {t} {c.Name} from offset {start}; use --all, --offset or --limit for the rest"
                                    )
                                )
                                .ConfigureAwait(false);
                        }
                    }
                    PrintList(context, c, items, chosen);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static async Task<List<JsonElement>> ReadAllAsync(
        CliContext context,
        SisCollection c,
        SisEndpointClient endpoint,
        SisQuery query,
        int pageSize,
        CancellationToken ct
    )
    {
        long? total = null;
        using (var probe = context.Progress(c.Name, null))
        {
            if (probe.Visible)
            {
                // Only a drawn bar needs the total: one small request for x-total-count.
                var first = await endpoint
                    .FetchPageAsync(query.WithLimit(1), ct)
                    .ConfigureAwait(false);
                total = first.TotalCount.Match(
                    t =>
                        (long?)
                            Math.Max(
                                0,
                                Math.Min(
                                    t - query.Offset.IfNone(0),
                                    query.Limit.Match(l => (long)l, () => long.MaxValue)
                                )
                            ),
                    () => null
                );
            }
        }
        var items = new List<JsonElement>();
        using var bar = context.Progress(c.Name, total);
        await foreach (
            var item in endpoint.FetchAllAsync(query, pageSize, ct).ConfigureAwait(false)
        )
        {
            items.Add(item);
            bar.Advance();
        }
        return items;
    }

    /// <summary>Prints a list: <c>--json</c> as the server's array, else a table of the chosen or default columns.</summary>
    internal static void PrintList(
        CliContext context,
        SisCollection c,
        IReadOnlyList<JsonElement> items,
        IReadOnlyList<SisColumn>? chosen
    )
    {
        var output = context.Output;
        if (output.Json)
        {
            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(JsonNode.Parse(item.GetRawText()));
            }
            output.WriteJson(SisCli.Masked(output, array, c.SecretFields));
            return;
        }
        var columns = chosen ?? c.Columns(items);
        output.Table(
            [.. columns.Select(col => col.Header)],
            items.Select(i =>
                (IReadOnlyList<string>)[.. columns.Select(col => col.Cell(output, i))]
            )
        );
    }

    private static Command Get(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var id = IdArgument(c);
        var command = NewCommand(
            "get",
            c.Name == "hiera"
                ? "Show one hiera entry as the server's Hiera backend sends it ({name: hieradata})."
                : $"Show one {c.Noun} (fields as rows; --json for the document).",
            parent,
            id
        );
        var populate = c.Name == "entities" ? SisCli.PopulateOption() : null;
        if (populate is not null)
        {
            command.Options.Add(populate);
        }
        var counts =
            c.Name == "schemas"
                ? new Option<bool>("--counts") { Description = "Add the schema's entity_count." }
                : null;
        if (counts is not null)
        {
            command.Options.Add(counts);
        }
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var options = SisGetOptions.Default;
                    if (populate is not null && parse.GetValue(populate) is { } p)
                    {
                        options = options.WithPopulate(SisCli.PopulateOf(p));
                        SisCli.Checked(SisQuery.All.WithPopulate(options.Populate));
                    }
                    if (counts is not null && parse.GetValue(counts))
                    {
                        options = options.WithEntityCounts(true);
                    }
                    return await ShowAsync(
                            context,
                            c,
                            parent,
                            endpoint => endpoint.GetAsync(parse.GetRequiredValue(id), options, ct),
                            ct
                        )
                        .ConfigureAwait(false);
                }
            )
        );
        return command;
    }

    /// <summary>
    /// Opens the target, runs <paramref name="call"/> on the collection's endpoint and prints the document it
    /// answers (secret fields masked).
    /// </summary>
    private static async Task<int> ShowAsync(
        CliContext context,
        SisCollection c,
        Argument<string>? parent,
        Func<SisEndpointClient, Task<SisResponse>> call,
        CancellationToken ct
    )
    {
        await using var target = await SisCli.OpenAsync(context, ct).ConfigureAwait(false);
        var response = await call(Endpoint(c, target, context.Parse, parent)).ConfigureAwait(false);
        SisCli.Document(context.Output, response.Json, c.SecretFields);
        return ExitCodes.Ok;
    }

    private static Command Create(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var command = NewCommand(
            "create",
            c.Name == "tokens"
                ? "Create a persistent token for the user from a JSON object ({} or {\"desc\": ...}; empty input means {}). Prints the token masked unless --reveal."
                : $"Create one {c.Noun} from a JSON object (--file, --data or standard input); prints what the server stored. Use 'bulk create' for an array.",
            parent
        );
        var input = new SisCli.InputOptions();
        input.AddTo(command);
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var item = SisCli.RequireObject(
                        await input
                            .ReadAsync(context, ct, c.Name == "tokens" ? "{}" : null)
                            .ConfigureAwait(false),
                        " (use 'bulk create' for an array)"
                    );
                    return await ShowAsync(
                            context,
                            c,
                            parent,
                            endpoint => endpoint.CreateAsync(item, ct),
                            ct
                        )
                        .ConfigureAwait(false);
                }
            )
        );
        return command;
    }

    private static Command Update(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var id = IdArgument(c);
        var command = NewCommand(
            "update",
            c.Name switch
            {
                "entities" =>
                    "Update one entity with a (partial) JSON object: nested objects merge, fields starting with _ are ignored; prints the new entity.",
                "schemas" or "hooks" =>
                    $"Replace one {c.Noun} with a full JSON object (e.g. edited output of 'get --json'); prints the new {c.Noun}.",
                _ => $"Update one {c.Noun} with a JSON object; prints the new {c.Noun}.",
            },
            parent,
            id
        );
        var input = new SisCli.InputOptions();
        input.AddTo(command);
        var upsert = new Option<bool>("--upsert")
        {
            Description = "Create it when it does not exist (its id field must equal the id).",
        };
        command.Options.Add(upsert);
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var content = SisCli.RequireObject(
                        await input.ReadAsync(context, ct).ConfigureAwait(false),
                        " (use 'bulk update' for an array)"
                    );
                    var options = SisUpdateOptions.Default.WithUpsert(parse.GetValue(upsert));
                    return await ShowAsync(
                            context,
                            c,
                            parent,
                            endpoint =>
                                endpoint.UpdateAsync(
                                    parse.GetRequiredValue(id),
                                    content,
                                    options,
                                    ct
                                ),
                            ct
                        )
                        .ConfigureAwait(false);
                }
            )
        );
        return command;
    }

    private static Command Delete(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var id = IdArgument(c);
        var command = NewCommand(
            "delete",
            c.Name == "schemas"
                ? "Delete a schema and every entity of it; prints a confirmation (--json: the deleted schema)."
                : $"Delete one {c.Noun}; prints a confirmation (--json: the deleted {c.Noun}).",
            parent,
            id
        );
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var which = parse.GetRequiredValue(id);
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var response = await Endpoint(c, target, parse, parent)
                        .DeleteAsync(which, ct)
                        .ConfigureAwait(false);
                    if (context.Output.Json)
                    {
                        SisCli.Document(context.Output, response.Json, c.SecretFields);
                    }
                    else
                    {
                        var shown = c.SecretId ? context.Output.Secret(which) : which;
                        context.Output.Line(
                            parent is null
                                ? $"deleted {c.Noun} '{shown}'"
                                : $"deleted {c.Noun} '{shown}' of {c.Parent} '{parse.GetRequiredValue(parent)}'"
                        );
                    }
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command History(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var id = IdArgument(c);
        var command = NewCommand(
            "history",
            $"List the commits of one {c.Noun}, newest first: commit id, action, time, user"
                + (c.Name == "entities" ? " (only when the schema has track_history)." : "."),
            parent,
            id
        );
        var limit = new Option<int?>("--limit")
        {
            Description = "At most this many commits (1..10000).",
            Validators = { r => SisCli.Between(r, "--limit", 1, SisQuery.MaxLimit) },
        };
        var offset = new Option<int?>("--offset")
        {
            Description = "Skip this many commits.",
            Validators = { r => SisCli.Between(r, "--offset", 0, int.MaxValue) },
        };
        command.Options.Add(limit);
        command.Options.Add(offset);
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var query = SisQuery.All;
                    if (parse.GetValue(limit) is { } l)
                    {
                        query = query.WithLimit(l);
                    }
                    if (parse.GetValue(offset) is { } o)
                    {
                        query = query.WithOffset(o);
                    }
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var response = await Endpoint(c, target, parse, parent)
                        .CommitsAsync(parse.GetRequiredValue(id), query, ct)
                        .ConfigureAwait(false);
                    if (context.Output.Json)
                    {
                        context.Output.WriteJson(response.Json);
                        return ExitCodes.Ok;
                    }
                    SisColumn[] columns =
                    [
                        SisColumn.Named("Commit", "_id"),
                        SisColumn.Named("Action", "action"),
                        SisColumn.Named("Time", "date_modified"),
                        new(
                            "Epoch ms",
                            (o, e) => SisCli.Cell(o, SisCli.At(e, "date_modified"), "ms")
                        ),
                        SisColumn.Named("By", "modified_by"),
                    ];
                    PrintList(context, c, [.. response.Items], columns);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Commit(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var id = IdArgument(c);
        var commitId = new Argument<string>("commit-id")
        {
            Description = "The commit's _id (from 'history').",
        };
        var command = NewCommand(
            "commit",
            $"Show one commit of a {c.Noun}: its action, change (commit_data) and the whole {c.Noun} at that commit (value_at).",
            parent,
            id,
            commitId
        );
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var response = await Endpoint(c, target, parse, parent)
                        .CommitAsync(
                            parse.GetRequiredValue(id),
                            parse.GetRequiredValue(commitId),
                            ct
                        )
                        .ConfigureAwait(false);
                    SisCli.Document(context.Output, response.Json, []);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Revision(CliHost host, SisCollection c)
    {
        var parent = ParentArgument(c);
        var id = IdArgument(c);
        var time = new Argument<string>("time")
        {
            Description =
                "When: epoch milliseconds (as SIS prints its timestamps), unix seconds, an ISO 8601 time (UTC unless it has an offset) or 'now'.",
        };
        var command = NewCommand(
            "revision",
            $"Show a {c.Noun} as it was at a time (the deleted {c.Noun} after a delete; not found before it was created).",
            parent,
            id,
            time
        );
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var at = SisCli.Time(parse.GetRequiredValue(time), "time");
                    return await ShowAsync(
                            context,
                            c,
                            parent,
                            endpoint => endpoint.RevisionAsync(parse.GetRequiredValue(id), at, ct),
                            ct
                        )
                        .ConfigureAwait(false);
                }
            )
        );
        return command;
    }
}
