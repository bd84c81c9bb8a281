using System.Text.Json;
using Functional.Cli.Output;
using Functional.Facade.Sis;

namespace Functional.Cli.Commands.Sis;

/// <summary>One column of a list table: its header and how a document fills it.</summary>
/// <param name="Header">The header text.</param>
/// <param name="Cell">The cell of one document.</param>
internal sealed record SisColumn(string Header, Func<CliOutput, JsonElement, string> Cell)
{
    /// <summary>The value at a dotted path, headed by the path (<c>--columns</c>).</summary>
    public static SisColumn Path(string path, bool secret = false) =>
        new(
            path,
            (o, e) =>
            {
                var text = SisCli.Cell(o, SisCli.At(e, path), path, SisCli.CellWidth);
                return secret && text.Length > 0 ? SisCli.Hidden(o, path, text) : text;
            }
        );

    /// <summary>The value at a dotted path under another header.</summary>
    public static SisColumn Named(string header, string path) =>
        new(header, (o, e) => SisCli.Cell(o, SisCli.At(e, path), path, SisCli.CellWidth));
}

/// <summary>
/// One SIS collection as the CLI shows it: its command name, what its items are called, whether it lives under a
/// schema or user (<c>entities &lt;schema&gt;</c>, <c>tokens &lt;user&gt;</c>), its id field, whether it keeps
/// history, which fields are secrets, and its default table columns.
/// </summary>
/// <param name="Name">The command name (<c>schemas</c>).</param>
/// <param name="Noun">One item (<c>schema</c>).</param>
/// <param name="Parent">The name of the parent argument (<c>schema</c>, <c>user</c>), or null.</param>
/// <param name="IdField">The field that holds an item's id (<c>name</c>, or <c>_id</c> for entities).</param>
/// <param name="History">Whether the server keeps commits (history, commit, revision).</param>
/// <param name="SecretFields">Fields printed masked unless <c>--reveal</c> (a token's <c>name</c>, a user's <c>pw</c> echoed in a bulk error).</param>
/// <param name="Endpoint">The facade collection for a client and the parent value.</param>
/// <param name="Columns">The default columns for a page of items.</param>
internal sealed record SisCollection(
    string Name,
    string Noun,
    string? Parent,
    string IdField,
    bool History,
    IReadOnlyCollection<string> SecretFields,
    Func<SisClient, string?, SisEndpointClient> Endpoint,
    Func<IReadOnlyList<JsonElement>, IReadOnlyList<SisColumn>> Columns
)
{
    /// <summary>How many fields of an entity the default table shows after <c>_id</c>.</summary>
    public const int EntityFields = 4;

    /// <summary>Every collection the <c>sis</c> group manages.</summary>
    public static IReadOnlyList<SisCollection> All { get; } =
    [
        new(
            "schemas",
            "schema",
            null,
            "name",
            true,
            [],
            (c, _) => c.Schemas,
            items =>
            {
                List<SisColumn> columns =
                [
                    SisColumn.Named("Name", "name"),
                    SisColumn.Named("Owner", "_sis.owner"),
                    new(
                        "Fields",
                        (_, e) =>
                            SisCli.At(e, "definition") is { ValueKind: JsonValueKind.Object } d
                                ? d.EnumerateObject()
                                    .Count()
                                    .ToString(System.Globalization.CultureInfo.InvariantCulture)
                                : ""
                    ),
                    SisColumn.Named("Id Field", "id_field"),
                    SisColumn.Named("Updated", "_sis._updated_at"),
                ];
                if (items.Any(i => SisCli.At(i, "entity_count") is not null))
                {
                    columns.Insert(3, SisColumn.Named("Entities", "entity_count"));
                }
                return columns;
            }
        ),
        new(
            "entities",
            "entity",
            "schema",
            "_id",
            true,
            [],
            (c, schema) => c.Entities(schema!),
            items =>
                [
                    SisColumn.Named("_id", "_id"),
                    .. items
                        .Where(i => i.ValueKind == JsonValueKind.Object)
                        .SelectMany(i => i.EnumerateObject().Select(p => p.Name))
                        .Where(n => !n.StartsWith('_'))
                        .Distinct(StringComparer.Ordinal)
                        .Take(EntityFields)
                        .Select(n => SisColumn.Named(n, n)),
                ]
        ),
        new(
            "hooks",
            "hook",
            null,
            "name",
            true,
            [],
            (c, _) => c.Hooks,
            _ =>
                [
                    SisColumn.Named("Name", "name"),
                    SisColumn.Named("Entity Type", "entity_type"),
                    SisColumn.Named("Events", "events"),
                    SisColumn.Named("Action", "target.action"),
                    SisColumn.Named("URL", "target.url"),
                    SisColumn.Named("Owner", "_sis.owner"),
                ]
        ),
        new(
            "hiera",
            "hiera entry",
            null,
            "name",
            true,
            [],
            (c, _) => c.Hiera,
            _ =>
                [
                    SisColumn.Named("Name", "name"),
                    SisColumn.Named("Hieradata", "hieradata"),
                    SisColumn.Named("Owner", "_sis.owner"),
                ]
        ),
        new(
            "users",
            "user",
            null,
            "name",
            false,
            ["pw"],
            (c, _) => c.Users,
            _ =>
                [
                    SisColumn.Named("Name", "name"),
                    SisColumn.Named("Email", "email"),
                    SisColumn.Named("Super", "super_user"),
                    new(
                        "Roles",
                        (_, e) =>
                            SisCli.At(e, "roles") is { ValueKind: JsonValueKind.Object } roles
                                ? string.Join(
                                    ",",
                                    roles.EnumerateObject().Select(r => $"{r.Name}:{r.Value}")
                                )
                                : ""
                    ),
                ]
        ),
        new(
            "tokens",
            "token",
            "user",
            "name",
            false,
            ["name"],
            (c, user) => c.Tokens(user!),
            _ =>
                [
                    SisColumn.Path("name", secret: true) with
                    {
                        Header = "Token",
                    },
                    SisColumn.Named("User", "username"),
                    SisColumn.Named("Description", "desc"),
                    new(
                        "Expires",
                        (o, e) =>
                            SisCli.At(e, "expires") is { ValueKind: JsonValueKind.Number } left
                            && left.TryGetDouble(out var ms)
                                ? o.Timestamp(
                                    DateTimeOffset.UtcNow.AddMilliseconds(ms).ToUnixTimeSeconds()
                                )
                                : "never"
                    ),
                ]
        ),
    ];

    /// <summary>Whether an item's id is itself a secret (a token).</summary>
    public bool SecretId => SecretFields.Contains(IdField);

    /// <summary>The columns named by <c>--columns</c> (dotted paths), secret fields masked.</summary>
    public IReadOnlyList<SisColumn> Chosen(IReadOnlyList<string> paths) =>
        [.. paths.Select(p => SisColumn.Path(p, SecretFields.Contains(p)))];
}
