using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Facade.Sis;

namespace Functional.Cli.Commands.Sis;

/// <summary>
/// <c>fxo sis &lt;collection&gt; bulk create|update|delete</c>: a JSON array from <c>--file</c>, <c>--data</c> or
/// standard input, sent in chunks (<c>--chunk-size</c>, default 100) with a progress bar on a terminal. The result
/// is one row per item (<c>ok</c> or <c>error</c>, id, HTTP status, the server's message), or with <c>--json</c>
/// <c>{"succeeded": n, "failed": n, "success": [documents], "errors": [{"status", "error", "code", "value"}]}</c>.
/// Exit code: 0 when every item succeeded, 1 when at least one failed (the report is printed either way), 2 for
/// bad input (nothing sent), 3 when the server cannot be reached (chunks sent before stay done).
/// </summary>
internal static class SisBulkCommands
{
    private const int DefaultChunk = 100;

    /// <summary>The <c>bulk</c> group of <paramref name="collection"/>.</summary>
    public static Command Build(CliHost host, SisCollection collection)
    {
        var group = new Command(
            "bulk",
            $"Create, update or delete many {collection.Name} from a JSON array, in chunks; reports each item. Exit code 1 when any item failed."
        );
        group.Subcommands.Add(Create(host, collection));
        group.Subcommands.Add(Update(host, collection));
        group.Subcommands.Add(Delete(host, collection));
        return group;
    }

    private static Option<int> ChunkOption() =>
        new("--chunk-size")
        {
            Description = "Items per request (1..10000, default 100).",
            DefaultValueFactory = _ => DefaultChunk,
            Validators = { r => SisCli.Between(r, "--chunk-size", 1, SisPaging.MaxPageSize) },
        };

    private static Command NewCommand(
        SisCollection c,
        string name,
        string description,
        out Argument<string>? parent
    )
    {
        var command = new Command(name, description);
        parent = SisCollectionCommands.ParentArgument(c);
        if (parent is not null)
        {
            command.Arguments.Add(parent);
        }
        return command;
    }

    private static Command Create(CliHost host, SisCollection c)
    {
        var command = NewCommand(
            c,
            "create",
            $"Create {c.Name} from a JSON array of objects. Items the server refuses are reported and the others kept (unless --all-or-none).",
            out var parent
        );
        var input = new SisCli.InputOptions();
        input.AddTo(command);
        var chunk = ChunkOption();
        var allOrNone = new Option<bool>("--all-or-none")
        {
            Description =
                "Keep nothing when any item fails: sends every item in one request (all_or_none=true), ignoring --chunk-size.",
        };
        command.Options.Add(chunk);
        command.Options.Add(allOrNone);
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var items = Objects(
                        SisCli.RequireArray(
                            await input.ReadAsync(context, ct).ConfigureAwait(false)
                        )
                    );
                    var atOnce = parse.GetValue(allOrNone);
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var endpoint = SisCollectionCommands.Endpoint(c, target, context.Parse, parent);
                    var report = await RunAsync(
                            context,
                            $"creating {c.Name}",
                            items,
                            atOnce ? items.Count : parse.GetValue(chunk),
                            chunkItems => endpoint.CreateManyAsync(chunkItems, atOnce, ct)
                        )
                        .ConfigureAwait(false);
                    return await PrintAsync(context, c, report, "created").ConfigureAwait(false);
                }
            )
        );
        return command;
    }

    private static Option<string?> FilterOption(string description) =>
        new("--q") { Description = description };

    /// <summary>The <c>--q</c> filter when given (null when not); an empty one is a usage error saying <paramref name="why"/>.</summary>
    private static SisFilter? NonEmptyFilter(string? text, string why)
    {
        var filter = text is null ? null : SisCli.Filter(text, "--q");
        return filter is { IsEmpty: true }
            ? throw new CliUsageException($"--q: must not be empty ({why})")
            : filter;
    }

    private static Command Update(CliHost host, SisCollection c)
    {
        var command = NewCommand(
            c,
            "update",
            $"Update {c.Name} from a JSON array of (partial) objects, each with its {c.IdField}; or, with --q, apply one JSON object to every match.",
            out var parent
        );
        var input = new SisCli.InputOptions();
        input.AddTo(command);
        var chunk = ChunkOption();
        var q = FilterOption(
            "MongoDB filter (JSON object): apply the input object to every matching item (one request)."
        );
        command.Options.Add(chunk);
        command.Options.Add(q);
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var filter = NonEmptyFilter(
                        parse.GetValue(q),
                        "an update of everything needs an explicit filter"
                    );
                    var json = await input.ReadAsync(context, ct).ConfigureAwait(false);
                    IReadOnlyList<JsonElement> items;
                    if (filter is not null)
                    {
                        var partial = SisCli.RequireObject(
                            json,
                            " (with --q the input is one object)"
                        );
                        if (!partial.EnumerateObject().Any())
                        {
                            throw new CliUsageException(
                                "the input object is empty: nothing to change"
                            );
                        }
                        items = [partial];
                    }
                    else
                    {
                        items = Objects(SisCli.RequireArray(json));
                        var missing = items
                            .Select((item, i) => (item, i))
                            .Where(p => SisCli.At(p.item, c.IdField) is null)
                            .Select(p => p.i.ToString(CultureInfo.InvariantCulture))
                            .ToList();
                        if (missing.Count > 0)
                        {
                            throw new CliUsageException(
                                $"items [{string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}] have no {c.IdField}: each item of a bulk update names the {c.Noun} it changes"
                            );
                        }
                    }
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var endpoint = SisCollectionCommands.Endpoint(c, target, context.Parse, parent);
                    var report = filter is not null
                        ? await RunAsync(
                                context,
                                $"updating {c.Name}",
                                items,
                                1,
                                one => endpoint.UpdateBulkAsync(one[0], filter, ct)
                            )
                            .ConfigureAwait(false)
                        : await RunAsync(
                                context,
                                $"updating {c.Name}",
                                items,
                                parse.GetValue(chunk),
                                chunkItems => endpoint.UpdateBulkAsync(chunkItems, ct)
                            )
                            .ConfigureAwait(false);
                    return await PrintAsync(context, c, report, "updated").ConfigureAwait(false);
                }
            )
        );
        return command;
    }

    private static Command Delete(CliHost host, SisCollection c)
    {
        var command = NewCommand(
            c,
            "delete",
            $"Delete {c.Name} named by a JSON array of ids ({c.IdField} values) or of objects with their {c.IdField}; or every match of --q. Ids that match nothing are reported as not found.",
            out var parent
        );
        var input = new SisCli.InputOptions();
        input.AddTo(command);
        var chunk = ChunkOption();
        var q = FilterOption(
            "MongoDB filter (JSON object): delete every match instead of reading ids."
        );
        command.Options.Add(chunk);
        command.Options.Add(q);
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var filter = NonEmptyFilter(
                        parse.GetValue(q),
                        "the server refuses to delete everything"
                    );
                    IReadOnlyList<string> ids = filter is null
                        ? Ids(
                            SisCli.RequireArray(
                                await input.ReadAsync(context, ct).ConfigureAwait(false)
                            ),
                            c.IdField
                        )
                        : [];
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var endpoint = SisCollectionCommands.Endpoint(c, target, context.Parse, parent);
                    Report report;
                    if (filter is not null)
                    {
                        var result = await endpoint
                            .DeleteBulkAsync(filter, ct)
                            .ConfigureAwait(false);
                        report = new Report();
                        report.Add(result);
                    }
                    else
                    {
                        report = await RunAsync(
                                context,
                                $"deleting {c.Name}",
                                ids,
                                parse.GetValue(chunk),
                                async chunkIds =>
                                {
                                    var result = await endpoint
                                        .DeleteBulkAsync(SisFilter.In(c.IdField, chunkIds), ct)
                                        .ConfigureAwait(false);
                                    return WithNotFound(c, chunkIds, result);
                                }
                            )
                            .ConfigureAwait(false);
                    }
                    return await PrintAsync(context, c, report, "deleted").ConfigureAwait(false);
                }
            )
        );
        return command;
    }

    /// <summary>The items when each is a JSON object; else a usage error naming the first few that are not.</summary>
    private static IReadOnlyList<JsonElement> Objects(IReadOnlyList<JsonElement> items)
    {
        var bad = items
            .Select((item, i) => (item, i))
            .Where(p => p.item.ValueKind != JsonValueKind.Object)
            .Select(p => p.i.ToString(CultureInfo.InvariantCulture))
            .ToList();
        return bad.Count == 0
            ? items
            : throw new CliUsageException(
                $"items [{string.Join(", ", bad.Take(10))}{(bad.Count > 10 ? ", …" : "")}] are not JSON objects"
            );
    }

    /// <summary>The ids of a bulk delete: strings, or objects with the id field.</summary>
    private static IReadOnlyList<string> Ids(IReadOnlyList<JsonElement> items, string idField)
    {
        var ids = new List<string>();
        var bad = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var id = items[i].ValueKind switch
            {
                JsonValueKind.String => items[i].GetString(),
                JsonValueKind.Object => SisCli.At(items[i], idField)
                    is { ValueKind: JsonValueKind.String } v
                    ? v.GetString()
                    : null,
                _ => null,
            };
            if (string.IsNullOrEmpty(id))
            {
                bad.Add(i.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                ids.Add(id);
            }
        }
        return bad.Count == 0
            ? ids.Distinct(StringComparer.Ordinal).ToList()
            : throw new CliUsageException(
                $"items [{string.Join(", ", bad.Take(10))}{(bad.Count > 10 ? ", …" : "")}] are neither an id nor an object with a string {idField}"
            );
    }

    /// <summary>Adds a 404 error for each requested id that the delete neither removed nor reported.</summary>
    private static SisBulkResult WithNotFound(
        SisCollection c,
        IReadOnlyList<string> requested,
        SisBulkResult result
    )
    {
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in result.Success)
        {
            AddIds(seen, doc, c.IdField);
        }
        foreach (var e in result.Errors)
        {
            AddIds(seen, e.Value, c.IdField);
        }
        var missing = requested.Where(id => !seen.Contains(id)).ToList();
        if (missing.Count == 0)
        {
            return result;
        }
        var extra = missing.Select(id =>
        {
            var value = new JsonObject { [c.IdField] = id };
            using var doc = JsonDocument.Parse(value.ToJsonString());
            return new SisBulkError(
                404,
                $"{c.Noun} {(c.SecretId ? "(token)" : id)} does not exist (nothing matched)",
                LanguageExt.Option<int>.None,
                doc.RootElement.Clone(),
                LanguageExt.Option<JsonElement>.None
            );
        });
        return result with
        {
            Errors = LanguageExt.Prelude.toSeq(result.Errors.AsEnumerable().Concat(extra).ToList()),
        };
    }

    private static void AddIds(
        System.Collections.Generic.HashSet<string> seen,
        JsonElement doc,
        string idField
    )
    {
        foreach (var field in new[] { idField, "_id", "name" })
        {
            if (SisCli.At(doc, field) is { ValueKind: JsonValueKind.String } v)
            {
                seen.Add(v.GetString()!);
            }
        }
    }

    /// <summary>Sends <paramref name="items"/> in chunks with a progress bar and gathers the results.</summary>
    private static async Task<Report> RunAsync<T>(
        CliContext context,
        string label,
        IReadOnlyList<T> items,
        int chunkSize,
        Func<IReadOnlyList<T>, Task<SisBulkResult>> send
    )
    {
        var report = new Report();
        using var bar = context.Progress(label, items.Count);
        for (var start = 0; start < items.Count; start += chunkSize)
        {
            var chunk = items.Skip(start).Take(chunkSize).ToList();
            report.Add(await send(chunk).ConfigureAwait(false));
            bar.Advance(chunk.Count);
        }
        return report;
    }

    /// <summary>Prints the report; 0 when nothing failed, else 1 with a summary on standard error.</summary>
    private static async Task<int> PrintAsync(
        CliContext context,
        SisCollection c,
        Report report,
        string verb
    )
    {
        var output = context.Output;
        if (output.Json)
        {
            var success = new JsonArray();
            foreach (var doc in report.Success)
            {
                success.Add(JsonNode.Parse(doc.GetRawText()));
            }
            var errors = new JsonArray();
            foreach (var e in report.Errors)
            {
                errors.Add(
                    new JsonObject
                    {
                        ["status"] = e.Status,
                        ["error"] = e.Error,
                        ["code"] = e.Code.Match(
                            code => (JsonNode?)JsonValue.Create(code),
                            () => null
                        ),
                        ["value"] = JsonNode.Parse(e.Value.GetRawText()),
                    }
                );
            }
            output.WriteJson(
                SisCli.Masked(
                    output,
                    new JsonObject
                    {
                        ["succeeded"] = report.Success.Count,
                        ["failed"] = report.Errors.Count,
                        ["success"] = success,
                        ["errors"] = errors,
                    },
                    c.SecretFields
                )
            );
        }
        else
        {
            var secret = c.SecretId;
            string Id(JsonElement item)
            {
                var id = SisCli.Describe(item, c.IdField, c.SecretFields);
                return secret ? output.Secret(id) : id;
            }
            var rows = report
                .Success.Select(doc => (IReadOnlyList<string>)["ok", Id(doc), "", ""])
                .Concat(
                    report.Errors.Select(e =>
                        (IReadOnlyList<string>)
                            [
                                "error",
                                Id(e.Value),
                                e.Status.ToString(CultureInfo.InvariantCulture),
                                e.Error,
                            ]
                    )
                );
            output.Table(["Result", "Id", "Status", "Error"], rows);
        }
        if (report.Errors.Count == 0)
        {
            return ExitCodes.Ok;
        }
        await context
            .Host.Error.WriteLineAsync(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"fxo: {report.Success.Count} {(report.Success.Count == 1 ? c.Noun : c.Name)} {verb}, {report.Errors.Count} failed"
                )
            )
            .ConfigureAwait(false);
        return ExitCodes.ApiError;
    }

    /// <summary>The gathered results of every chunk.</summary>
    private sealed class Report
    {
        public List<JsonElement> Success { get; } = [];

        public List<SisBulkError> Errors { get; } = [];

        public void Add(SisBulkResult result)
        {
            Success.AddRange(result.Success);
            Errors.AddRange(result.Errors);
        }
    }
}
