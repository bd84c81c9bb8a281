using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Cli.Output;
using Functional.Cli.Targets;
using Functional.Core.Errors;
using Functional.Core.Sis;

namespace Functional.Cli.Commands.Sis;

/// <summary>
/// What every <c>sis</c> command shares: the <c>--token</c> option, the query options (<c>--q</c>, <c>--sort</c>,
/// <c>--limit</c>, <c>--offset</c>, <c>--fields</c>, <c>--populate</c>), JSON input (<c>--file</c>, <c>--data</c>,
/// standard input), time arguments, and how documents print (cells, key/value tables, masked tokens).
/// </summary>
internal static class SisCli
{
    /// <summary>The widest a JSON value may be in a list table before it is cut.</summary>
    public const int CellWidth = 60;

    /// <summary><c>--token</c> (recursive on <c>sis</c>).</summary>
    public static Option<string?> Token { get; } =
        new("--token")
        {
            Description =
                "SIS token (x-auth-token). Default: $FXO_SIS_TOKEN, the token stored by 'fxo sis login' for the server, sis.token in the config file; with none, the embedded emulator logs in as its super user.",
            Recursive = true,
        };

    /// <summary>Opens the SIS server named by the global options with the <c>--token</c> of this command line.</summary>
    public static Task<SisTarget> OpenAsync(CliContext context, CancellationToken ct) =>
        context.OpenSisAsync(context.Parse.GetValue(Token), ct);

    // ---- query options -------------------------------------------------------------------------

    /// <summary>The options of a list query, added to a command by <see cref="AddTo"/>.</summary>
    internal sealed class QueryOptions
    {
        public Option<string?> Q { get; } =
            new("--q")
            {
                Description =
                    "MongoDB filter as a JSON object, e.g. '{\"status\":\"up\",\"cpu\":{\"$gt\":2}}'.",
            };

        public Option<string?> Sort { get; } =
            new("--sort")
            {
                Description =
                    "Sort keys, comma separated; '-field' sorts descending (e.g. -cpu,name).",
            };

        public Option<int?> Limit { get; } =
            new("--limit")
            {
                Description =
                    "Return at most this many items (1..10000; the server's default and maximum page is 10000). With --all: the most items in total.",
                Validators = { r => Between(r, "--limit", 1, SisQuery.MaxLimit) },
            };

        public Option<int?> Offset { get; } =
            new("--offset")
            {
                Description = "Skip this many matches (default 0).",
                Validators =
                {
                    r =>
                    {
                        if (r.GetValueOrDefault<int?>() is < 0)
                        {
                            r.AddError("--offset: must not be negative");
                        }
                    },
                },
            };

        public Option<string?> Fields { get; } =
            new("--fields")
            {
                Description =
                    "Return only these fields, comma separated ('-field' excludes one); _id always comes back.",
            };

        public Option<string?>? Populate { get; init; }

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(Q);
            command.Options.Add(Sort);
            command.Options.Add(Limit);
            command.Options.Add(Offset);
            command.Options.Add(Fields);
            if (Populate is not null)
            {
                command.Options.Add(Populate);
            }
        }

        /// <summary>The query the options describe, checked; problems name the option.</summary>
        public SisQuery Build(ParseResult parse)
        {
            var query = SisQuery.All;
            if (parse.GetValue(Q) is { } q)
            {
                query = query.WithFilter(Filter(q, "--q"));
            }
            if (parse.GetValue(Limit) is { } limit)
            {
                query = query.WithLimit(limit);
            }
            if (parse.GetValue(Offset) is { } offset)
            {
                query = query.WithOffset(offset);
            }
            if (parse.GetValue(Sort) is { } sort)
            {
                query = query.WithSort([
                    .. List(sort, "--sort")
                        .Select(s =>
                            s.StartsWith('-') ? SisSort.Desc(s[1..]) : SisSort.Asc(s.TrimStart('+'))
                        ),
                ]);
            }
            if (parse.GetValue(Fields) is { } fields)
            {
                query = query.WithFields([.. List(fields, "--fields")]);
            }
            if (Populate is not null && parse.GetValue(Populate) is { } populate)
            {
                query = query.WithPopulate(PopulateOf(populate));
            }
            return Checked(query);
        }
    }

    /// <summary><c>--populate</c>: <c>true</c>, <c>false</c> or reference paths.</summary>
    public static Option<string?> PopulateOption() =>
        new("--populate")
        {
            Description =
                "Which references the server replaces by the referenced entities: true (the default: all, one level), false (keep ids), or reference paths, comma separated.",
        };

    /// <summary>The populate choice of <paramref name="text"/>.</summary>
    public static SisPopulate PopulateOf(string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "true" => SisPopulate.All,
            "false" => SisPopulate.None,
            _ => SisPopulate.Paths(List(text, "--populate").ToArray()),
        };

    /// <summary>A JSON object filter from <paramref name="json"/>; a usage error naming <paramref name="option"/> when it is not one.</summary>
    public static SisFilter Filter(string json, string option) =>
        SisFilter
            .Parse(json, option)
            .Match(
                f => f,
                errors =>
                    throw new CliUsageException(
                        string.Join("; ", errors.Select(e => e.Message))
                            + " (give a JSON object such as '{\"name\":\"x\"}')"
                    )
            );

    /// <summary>The items of a comma-separated list (blanks trimmed); an empty item is a usage error.</summary>
    public static IReadOnlyList<string> List(string text, string option)
    {
        var items = text.Split(',').Select(s => s.Trim()).ToList();
        if (items.Exists(s => s.Length == 0 || s is "-" or "+"))
        {
            throw new CliUsageException(
                $"{option}: '{text}' has an empty item (give names separated by commas)"
            );
        }
        return items;
    }

    /// <summary>The query when the Core checks pass; else a usage error naming the option of each problem.</summary>
    public static SisQuery Checked(SisQuery query) =>
        query
            .ToQueryParams("query")
            .Match(
                _ => query,
                errors =>
                    throw new CliUsageException(
                        string.Join(
                            "; ",
                            errors.Select(e =>
                                e is ApiError.InvalidArgument a
                                    ? $"{OptionOf(a.Field)}: {a.Problem}"
                                    : e.Message
                            )
                        )
                    )
            );

    private static string OptionOf(string field)
    {
        var part = field.StartsWith("query.", StringComparison.Ordinal) ? field[6..] : field;
        var head = part.Split('.', '[')[0];
        return head switch
        {
            "filter" => "--q",
            "limit" => "--limit",
            "offset" => "--offset",
            "sort" => "--sort",
            "fields" => "--fields",
            "populate" => "--populate",
            _ => field,
        };
    }

    /// <summary>A validator: the optional int value lies in [min, max].</summary>
    public static void Between(
        System.CommandLine.Parsing.OptionResult r,
        string name,
        int min,
        int max
    )
    {
        if (r.GetValueOrDefault<int?>() is { } v && (v < min || v > max))
        {
            r.AddError($"{name}: must be between {min} and {max}");
        }
    }

    // ---- input -----------------------------------------------------------------------------------

    /// <summary>The options of a command that reads a JSON document.</summary>
    internal sealed class InputOptions
    {
        public Option<string?> File { get; } =
            new("--file", "-f")
            {
                Description = "Read the JSON from this file ('-' for standard input).",
            };

        public Option<string?> Data { get; } =
            new("--data", "-d") { Description = "The JSON itself, as an argument." };

        public void AddTo(Command command)
        {
            command.Options.Add(File);
            command.Options.Add(Data);
        }

        /// <summary>
        /// The JSON from <c>--data</c>, <c>--file</c> or standard input (with neither); <paramref name="empty"/> when
        /// that is blank and the command allows it, else a usage error. Bad JSON is a usage error naming the source.
        /// </summary>
        public async Task<JsonElement> ReadAsync(
            CliContext context,
            CancellationToken ct,
            string? empty = null
        )
        {
            var parse = context.Parse;
            var data = parse.GetValue(Data);
            var file = parse.GetValue(File);
            if (data is not null && file is not null)
            {
                throw new CliUsageException("--data and --file: give only one of them");
            }
            string text;
            string source;
            if (data is not null)
            {
                text = data;
                source = "--data";
            }
            else
            {
                var path = file ?? "-";
                if (path != "-" && !System.IO.File.Exists(path))
                {
                    throw new CliUsageException($"--file: '{path}' does not exist");
                }
                text = await CommandHelpers.ReadTextAsync(context, path, ct).ConfigureAwait(false);
                source = path == "-" ? "standard input" : $"--file {path}";
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                if (empty is not null)
                {
                    text = empty;
                }
                else
                {
                    throw new CliUsageException(
                        $"{source}: no JSON given (use --file <path>, --data '<json>' or standard input)"
                    );
                }
            }
            try
            {
                using var document = JsonDocument.Parse(
                    text,
                    new JsonDocumentOptions { MaxDepth = 256 }
                );
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new CliUsageException($"{source}: not valid JSON ({e.Message})");
            }
        }
    }

    /// <summary>The element when it is a JSON object, else a usage error.</summary>
    public static JsonElement RequireObject(JsonElement element, string hint) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new CliUsageException(
                $"the input must be a JSON object, not {Kind(element)}{hint}"
            );

    /// <summary>The elements when it is a non-empty JSON array, else a usage error.</summary>
    public static IReadOnlyList<JsonElement> RequireArray(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CliUsageException($"the input must be a JSON array, not {Kind(element)}");
        }
        var items = element.EnumerateArray().ToList();
        return items.Count == 0
            ? throw new CliUsageException("the input array is empty: nothing to do")
            : items;
    }

    private static string Kind(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };

    // ---- time ------------------------------------------------------------------------------------

    /// <summary>
    /// A time given as unix seconds, epoch milliseconds (a number of 12 or more digits, as SIS prints its
    /// timestamps), an ISO 8601 time (UTC unless it has an offset) or <c>now</c>.
    /// </summary>
    public static DateTimeOffset Time(string text, string name)
    {
        var t = text.Trim();
        if (t.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return DateTimeOffset.UtcNow;
        }
        if (
            decimal.TryParse(
                t,
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var n
            )
        )
        {
            try
            {
                return n >= 100_000_000_000m
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Ceiling(n))
                    : DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Ceiling(n * 1000));
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
            {
                throw new CliUsageException($"{name}: '{text}' is out of range");
            }
        }
        if (
            DateTimeOffset.TryParse(
                t,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var at
            )
        )
        {
            return at;
        }
        throw new CliUsageException(
            $"{name}: '{text}' is not unix seconds, epoch milliseconds, an ISO 8601 time or 'now'"
        );
    }

    // ---- output ----------------------------------------------------------------------------------

    /// <summary>The value at a dotted path of <paramref name="item"/>, or null.</summary>
    public static JsonElement? At(JsonElement item, string path)
    {
        var current = item;
        foreach (var part in path.Split('.'))
        {
            if (
                current.ValueKind != JsonValueKind.Object
                || !current.TryGetProperty(part, out current)
            )
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>
    /// A table cell: strings as they are, numbers and booleans as JSON, arrays of scalars joined with commas,
    /// other JSON compact (cut at <paramref name="width"/> when given); SIS timestamps (<c>_created_at</c>,
    /// <c>_updated_at</c>, <c>date_modified</c>) as the chosen time format.
    /// </summary>
    public static string Cell(CliOutput output, JsonElement? value, string path, int? width = null)
    {
        if (value is not { } v)
        {
            return "";
        }
        var leaf = path[(path.LastIndexOf('.') + 1)..];
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return "";
            case JsonValueKind.String:
                return v.GetString()!;
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return
                    leaf is "_created_at" or "_updated_at" or "date_modified"
                    && v.TryGetDouble(out var ms)
                    && ms is > -1e14 and < 1e14
                    ? output.Timestamp((long)Math.Floor(ms / 1000))
                    : v.GetRawText();
            case JsonValueKind.Array
                when v.EnumerateArray()
                    .All(e =>
                        e.ValueKind
                            is JsonValueKind.String
                                or JsonValueKind.Number
                                or JsonValueKind.True
                                or JsonValueKind.False
                    ):
                return Cut(
                    string.Join(
                        ",",
                        v.EnumerateArray()
                            .Select(e =>
                                e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()
                            )
                    ),
                    width
                );
            default:
                return Cut(Compact(v), width);
        }
    }

    /// <summary>Compact JSON text.</summary>
    public static string Compact(JsonElement value) => JsonSerializer.Serialize(value, CompactJson);

    private static readonly JsonSerializerOptions CompactJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Cut(string text, int? width) =>
        width is { } w && text.Length > w ? string.Concat(text.AsSpan(0, w - 1), "…") : text;

    /// <summary>
    /// One document as a <c>Field</c>/<c>Value</c> table: its top-level fields in order, <c>_sis</c> spread out as
    /// <c>_sis.&lt;key&gt;</c> rows; <paramref name="secretFields"/> masked.
    /// </summary>
    public static void KeyValue(
        CliOutput output,
        JsonElement document,
        IReadOnlyCollection<string> secretFields
    )
    {
        var rows = new List<(string, string)>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            rows.Add(("value", Cell(output, document, "value")));
        }
        else
        {
            foreach (var p in document.EnumerateObject())
            {
                if (p.Name == "_sis" && p.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var m in p.Value.EnumerateObject())
                    {
                        rows.Add(($"_sis.{m.Name}", Cell(output, m.Value, m.Name)));
                    }
                    continue;
                }
                var text = Cell(output, p.Value, p.Name);
                rows.Add(
                    (p.Name, secretFields.Contains(p.Name) ? Hidden(output, p.Name, text) : text)
                );
            }
        }
        CommandHelpers.FieldTable(output, rows);
    }

    /// <summary>
    /// A secret field as printed: a password (<c>pw</c>) as <c>***</c>, anything else (a token) by
    /// <see cref="CliOutput.Secret"/>; in full with <c>--reveal</c>.
    /// </summary>
    public static string Hidden(CliOutput output, string field, string text) =>
        output.Reveal ? text
        : field == "pw" ? "***"
        : output.Secret(text);

    /// <summary>
    /// A copy of <paramref name="json"/> with <paramref name="secretFields"/> of every object (top level, or each
    /// element of a top-level array, and the <c>success</c> items of a bulk result) masked unless <c>--reveal</c>.
    /// </summary>
    public static JsonNode? Masked(
        CliOutput output,
        JsonNode? json,
        IReadOnlyCollection<string> secretFields
    )
    {
        if (secretFields.Count == 0 || output.Reveal || json is null)
        {
            return json;
        }
        void MaskObject(JsonNode? node)
        {
            if (node is not JsonObject o)
            {
                return;
            }
            foreach (var field in secretFields)
            {
                if (o[field] is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    o[field] = Hidden(output, field, s);
                }
            }
        }
        switch (json)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskObject(item);
                }
                break;
            case JsonObject o:
                MaskObject(o);
                foreach (var key in new[] { "success", "errors" })
                {
                    if (o[key] is JsonArray items)
                    {
                        foreach (var item in items)
                        {
                            MaskObject(item);
                            MaskObject(item?["value"]);
                        }
                    }
                }
                break;
        }
        return json;
    }

    /// <summary>Prints a server document: <c>--json</c> as sent (secrets masked), else as a key/value table.</summary>
    public static void Document(
        CliOutput output,
        JsonElement document,
        IReadOnlyCollection<string> secretFields
    )
    {
        if (output.Json)
        {
            output.WriteJson(Masked(output, JsonNode.Parse(document.GetRawText()), secretFields));
        }
        else
        {
            KeyValue(output, document, secretFields);
        }
    }

    /// <summary>
    /// A short description of an item for a table: its id, else its compact JSON (secret fields as <c>***</c>)
    /// cut short.
    /// </summary>
    public static string Describe(
        JsonElement item,
        string idField,
        IReadOnlyCollection<string> secretFields,
        int width = 40
    )
    {
        foreach (var field in new[] { idField, "_id", "name" })
        {
            if (At(item, field) is { ValueKind: JsonValueKind.String } id)
            {
                return id.GetString()!;
            }
        }
        if (item.ValueKind == JsonValueKind.Object && secretFields.Count > 0)
        {
            var copy = JsonNode.Parse(item.GetRawText())!.AsObject();
            foreach (var field in secretFields.Where(copy.ContainsKey))
            {
                copy[field] = "***";
            }
            return Cut(copy.ToJsonString(), width);
        }
        return Cut(Compact(item), width);
    }
}
