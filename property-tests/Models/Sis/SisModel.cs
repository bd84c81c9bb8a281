using System.Globalization;
using System.Text.Json;

namespace Functional.PropertyTests.Models.Sis;

/// <summary>An entity as the model stores it: the server's <c>_id</c>, the schema fields present (null = JSON null), whether it came from a bulk insert.</summary>
public sealed class ModelEntity(string id, Dictionary<string, object?> fields, bool bulk)
{
    /// <summary>The <c>_id</c> the server gave it.</summary>
    public string Id { get; } = id;

    /// <summary>The fields present: string, double, bool, or null for a stored JSON null.</summary>
    public Dictionary<string, object?> Fields { get; set; } = fields;

    /// <summary>Inserted by a bulk POST, so <c>_sis._trans_id</c> is stored (spec §2.6.6).</summary>
    public bool Bulk { get; } = bulk;

    /// <summary>The value of <paramref name="field"/>, or null when absent or null.</summary>
    public object? Get(string field) => Fields.GetValueOrDefault(field);
}

/// <summary>What the spec says an operation must fail with.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Code">SIS code.</param>
/// <param name="Exactly">The whole error text, when the spec fixes it.</param>
/// <param name="Prefix">The start of the error text, when the spec fixes only that.</param>
/// <param name="Suffix">The end of the error text, when the spec fixes only that.</param>
/// <param name="Why">The rule (for messages).</param>
public sealed record Failure(
    int Status,
    int Code,
    string? Exactly,
    string? Prefix,
    string? Suffix,
    string Why
)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Status} code {Code} ({Why}"
        + (Exactly is null ? "" : $", \"{Exactly}\"")
        + (Prefix is null ? "" : $", \"{Prefix}…\"")
        + (Suffix is null ? "" : $", \"…{Suffix}\"")
        + ")";
}

/// <summary>
/// The pure model of one entity collection of the test schema, written from spec sis.md (§2.3–§2.8.2): Mongoose
/// casting, the required <c>label</c>, the unique <c>code</c> (missing counts as null, so at most one entity may
/// lack it), Mongo matching and sorting, natural (insertion) order, bulk success/error splits.
/// </summary>
public sealed class SisModel(string schema)
{
    private const string Required = "Bad request: ValidationError: Path `label` is required.";

    /// <summary>The live entities in natural (insertion) order.</summary>
    public List<ModelEntity> Live { get; } = [];

    /// <summary>The ids of every entity created so far, by creation index (deleted ones included).</summary>
    public List<string> Created { get; } = [];

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["label"] = "String",
        ["code"] = "String",
        ["note"] = "String",
        ["num"] = "Number",
        ["flag"] = "Boolean",
    };

    // ---- casting (spec §2.8.2 "Casting table") --------------------------------------------------

    /// <summary>Casts <paramref name="value"/> for <paramref name="field"/>'s type; false on a CastError.</summary>
    public static bool TryCast(string field, JsonElement value, out object? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
            return true;
        switch (Types[field])
        {
            case "String":
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        result = value.GetString();
                        return true;
                    case JsonValueKind.Number:
                        result = NumberText(value.GetDouble());
                        return true;
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        result = value.GetBoolean() ? "true" : "false";
                        return true;
                    case JsonValueKind.Array:
                        var parts = new List<string>();
                        foreach (var e in value.EnumerateArray())
                        {
                            if (!TryCast(field, e, out var p))
                                return false;
                            parts.Add(p as string ?? "");
                        }
                        result = string.Join(",", parts);
                        return true;
                    default:
                        return false; // objects
                }
            case "Number":
                switch (value.ValueKind)
                {
                    case JsonValueKind.Number:
                        result = value.GetDouble();
                        return true;
                    case JsonValueKind.String:
                        return TryNumber(value.GetString()!, out result);
                    default:
                        return false; // booleans, arrays, objects
                }
            default: // Boolean: "false", "0", 0, "" are false, every other value is true
                result = value.ValueKind switch
                {
                    JsonValueKind.False => false,
                    JsonValueKind.String => value.GetString() is not ("false" or "0" or ""),
                    JsonValueKind.Number => value.GetDouble() != 0,
                    _ => true,
                };
                return true;
        }
    }

    /// <summary>A numeric string as Mongoose reads it: trimmed, empty → null, else a number or a CastError.</summary>
    public static bool TryNumber(string text, out object? result)
    {
        result = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return true;
        if (
            double.TryParse(
                trimmed,
                NumberStyles.Float | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out var d
            )
        )
        {
            result = d;
            return true;
        }
        return false;
    }

    private static string NumberText(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    // ---- plans ----------------------------------------------------------------------------------

    /// <summary>Checks a POST body up to (not including) the unique index: §2.6.1 and §2.8.2 "Create validation".</summary>
    public static Either<Failure, Dictionary<string, object?>> Validate(Body body)
    {
        if (body.Fields.All(f => f.Name == "_sis"))
            return new Failure(
                400,
                1001,
                "Bad request: entity cannot be empty",
                null,
                null,
                "empty entity"
            );
        var reserved = body.Fields.FirstOrDefault(f => f.Name.StartsWith('_') && f.Name != "_sis");
        if (reserved is not null)
            return new Failure(
                400,
                1001,
                null,
                null,
                $"{reserved.Name} is a reserved field",
                "reserved key"
            );
        return Cast(new Dictionary<string, object?>(StringComparer.Ordinal), body);
    }

    /// <summary>Casts the schema fields of <paramref name="body"/> onto <paramref name="start"/> (unknown keys dropped), then checks `label`.</summary>
    private static Either<Failure, Dictionary<string, object?>> Cast(
        Dictionary<string, object?> start,
        Body body
    )
    {
        var fields = new Dictionary<string, object?>(start, StringComparer.Ordinal);
        var castFailed = false;
        foreach (var f in body.Fields.Where(f => Types.ContainsKey(f.Name)))
        {
            using var doc = JsonDocument.Parse(f.Json);
            if (TryCast(f.Name, doc.RootElement, out var v))
                fields[f.Name] = v;
            else
                castFailed = true;
        }
        if (castFailed)
            return new Failure(400, 1001, null, "Bad request: ", null, "CastError");
        if (fields.GetValueOrDefault("label") is null)
            return new Failure(400, 1001, Required, null, null, "label is required");
        return fields;
    }

    /// <summary>True when another live entity (not <paramref name="self"/>) has the same `code` (absent = null).</summary>
    private bool Taken(object? code, ModelEntity? self, IEnumerable<ModelEntity>? more = null) =>
        Live.Concat(more ?? []).Any(e => e != self && Same(e.Get("code"), code));

    private static bool Same(object? a, object? b) =>
        (a, b) switch
        {
            (null, null) => true,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            _ => false,
        };

    /// <summary>POST one entity: validation (400), then the unique index (500 E11000, §2.6.1).</summary>
    public Either<Failure, Dictionary<string, object?>> PlanCreate(Body body) =>
        Validate(body)
            .Bind(fields =>
                Taken(fields.GetValueOrDefault("code"), null)
                    ? Left<Failure, Dictionary<string, object?>>(
                        new Failure(500, 1002, null, "Internal error", null, "duplicate code")
                    )
                    : Right<Failure, Dictionary<string, object?>>(fields)
            );

    /// <summary>Stores a created entity under the id the server gave it.</summary>
    public ModelEntity Insert(Dictionary<string, object?> fields, string id, bool bulk)
    {
        var entity = new ModelEntity(id, fields, bulk);
        Live.Add(entity);
        Created.Add(id);
        return entity;
    }

    /// <summary>One planned outcome of a bulk item: the fields to insert, or its failure; Index is the item's position.</summary>
    public sealed record BulkPlan(
        List<(int Index, Dictionary<string, object?> Fields)> Success,
        List<(int Index, Failure Failure)> Errors
    );

    /// <summary>POST an array (§2.6.6): per-item validation, then an unordered insert where duplicates fail with 400 "Insert failed"; all_or_none keeps nothing.</summary>
    public BulkPlan PlanCreateMany(Body[] items, bool allOrNone)
    {
        var pre = items.Select(Validate).ToArray();
        var errors = new List<(int, Failure)>();
        for (var i = 0; i < pre.Length; i++)
        {
            var index = i;
            pre[i].IfLeft(f => errors.Add((index, f)));
        }
        if (allOrNone && errors.Count > 0)
            return new BulkPlan([], errors);
        var success = new List<(int, Dictionary<string, object?>)>();
        var inserted = new List<ModelEntity>();
        var insertFailed = new List<(int, Failure)>();
        for (var i = 0; i < pre.Length; i++)
        {
            if (pre[i].Case is not Dictionary<string, object?> fields)
                continue;
            if (Taken(fields.GetValueOrDefault("code"), null, inserted))
            {
                insertFailed.Add(
                    (
                        i,
                        new Failure(
                            400,
                            1001,
                            "Bad request: Insert failed",
                            null,
                            null,
                            "duplicate code at insert"
                        )
                    )
                );
                continue;
            }
            inserted.Add(new ModelEntity("", fields, true));
            success.Add((i, fields));
        }
        if (allOrNone && insertFailed.Count > 0)
            return new BulkPlan([], insertFailed);
        errors.AddRange(insertFailed);
        return new BulkPlan(success, errors);
    }

    /// <summary>The live entity with this id.</summary>
    public ModelEntity? Find(string id) => Live.Find(e => e.Id == id);

    /// <summary>404 for an id no live entity has (§2.3: a malformed ObjectId is a CastError, also 404).</summary>
    public Failure NotFound(string id) =>
        IsObjectId(id)
            ? new Failure(404, 1000, $"{schema} {id} does not exist", null, null, "no such entity")
            : new Failure(404, 1000, null, null, null, "malformed id");

    private static bool IsObjectId(string id) =>
        id.Length == 24 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>
    /// PUT a partial body onto an entity (§2.6.2 and §2.8.2 "Update"): 404 first; `_` keys other than _sis dropped
    /// and the rest must not be empty (400); plain fields replace; cast/required (400); unique index (500, as for a
    /// single insert — E11000 from the save).
    /// </summary>
    public Either<Failure, Dictionary<string, object?>> PlanUpdate(ModelEntity entity, Body body)
    {
        var kept = body.Fields.Where(f => !f.Name.StartsWith('_') || f.Name == "_sis").ToArray();
        if (kept.Length == 0)
            return new Failure(400, 1001, null, "Bad request: ", null, "empty update");
        return Cast(entity.Fields, new Body(kept))
            .Bind(fields =>
                Taken(fields.GetValueOrDefault("code"), entity)
                    ? Left<Failure, Dictionary<string, object?>>(
                        new Failure(500, 1002, null, "Internal error", null, "duplicate code")
                    )
                    : Right<Failure, Dictionary<string, object?>>(fields)
            );
    }

    /// <summary>Removes an entity.</summary>
    public void Remove(ModelEntity entity) => Live.Remove(entity);

    // ---- queries (§2.4, §2.5) --------------------------------------------------------------------

    /// <summary>The live entities matching <paramref name="where"/> (null = all), in natural order.</summary>
    public List<ModelEntity> Matches(Cond? where) =>
        where is null ? [.. Live] : Live.Where(e => Matches(where, e)).ToList();

    /// <summary>Mongo semantics on the typed fields; query values are cast by the path's type.</summary>
    public static bool Matches(Cond cond, ModelEntity e) =>
        cond switch
        {
            Cond.Eq eq => EqualTo(e.Get(eq.Field), QueryValue(eq.Field, eq.Value)),
            Cond.Cmp cmp => Compare(e.Get(cmp.Field), QueryValue(cmp.Field, cmp.Value)) is { } c
                && cmp.Op switch
                {
                    "$gt" => c > 0,
                    "$gte" => c >= 0,
                    "$lt" => c < 0,
                    _ => c <= 0,
                },
            Cond.In @in => @in.Values.Any(v => EqualTo(e.Get(@in.Field), QueryValue(@in.Field, v))),
            Cond.Ne ne => !EqualTo(e.Get(ne.Field), QueryValue(ne.Field, ne.Value)),
            Cond.Nin nin => !nin.Values.Any(v =>
                EqualTo(e.Get(nin.Field), QueryValue(nin.Field, v))
            ),
            Cond.AnyOf or => Matches(or.Left, e) || Matches(or.Right, e),
            Cond.Exists ex => e.Fields.ContainsKey(ex.Field) == ex.Present,
            Cond.Both both => Matches(both.Left, e) && Matches(both.Right, e),
            _ => throw new InvalidOperationException(cond.ToString()),
        };

    private static object? QueryValue(string field, object value) =>
        (Types[field], value) switch
        {
            ("Number", long l) => (double)l,
            ("Number", string s) => TryNumber(s, out var d) ? d : s,
            ("String", long l) => l.ToString(CultureInfo.InvariantCulture),
            ("Boolean", string s) => s is not ("false" or "0" or ""),
            _ => value,
        };

    private static bool EqualTo(object? stored, object? query) => Compare(stored, query) == 0;

    /// <summary>Compares two values of the same BSON type; null when the types differ (no match).</summary>
    private static int? Compare(object? stored, object? query) =>
        (stored, query) switch
        {
            (double a, double b) => a.CompareTo(b),
            (string a, string b) => Math.Sign(string.CompareOrdinal(a, b)),
            (bool a, bool b) => a.CompareTo(b),
            _ => null,
        };

    /// <summary>Mongo sort order: missing and null first, then numbers, strings, booleans.</summary>
    public static int SortCompare(ModelEntity a, ModelEntity b, SortKeys sort)
    {
        foreach (var (field, descending) in sort.Keys)
        {
            var c = Order(a.Get(field), b.Get(field));
            if (c != 0)
                return descending ? -c : c;
        }
        return 0;
    }

    private static int Order(object? a, object? b)
    {
        static int Rank(object? v) =>
            v switch
            {
                null => 0,
                double => 1,
                string => 2,
                _ => 3,
            };
        var r = Rank(a).CompareTo(Rank(b));
        return r != 0 ? r : Compare(a, b) ?? 0;
    }

    /// <summary>The matches sorted (stable: ties keep natural order, though the code tie-breaker leaves none).</summary>
    public List<ModelEntity> Sorted(Cond? where, SortKey? sort)
    {
        var matches = Matches(where);
        if (sort is null)
            return matches;
        var keys = new SortKeys(sort.ToSorts().Select(s => (s.Field, s.Descending)).ToArray());
        return matches
            .Select((e, i) => (e, i))
            .OrderBy(
                x => x,
                Comparer<(ModelEntity e, int i)>.Create(
                    (x, y) =>
                        SortCompare(x.e, y.e, keys) is var c and not 0 ? c : x.i.CompareTo(y.i)
                )
            )
            .Select(x => x.e)
            .ToList();
    }

    // ---- how documents are compared -------------------------------------------------------------

    /// <summary>The observable part of a model entity: _id, _v (always 0: no array path ever changes), the fields, and "trans" for a bulk insert.</summary>
    public static string Canon(ModelEntity e)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["_id"] = JsonSerializer.Serialize(e.Id),
            ["_v"] = "0",
        };
        foreach (var (k, v) in e.Fields)
            parts[k] = Text(v);
        if (e.Bulk)
            parts["_sis._trans_id"] = "present";
        return Join(parts);
    }

    /// <summary>The same view of a document the server returned (every top-level key but _sis, plus _sis._trans_id presence).</summary>
    public static string Canon(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object)
            return doc.GetRawText();
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.EnumerateObject())
        {
            if (p.Name == "_sis")
            {
                if (
                    p.Value.ValueKind == JsonValueKind.Object
                    && p.Value.TryGetProperty("_trans_id", out _)
                )
                    parts["_sis._trans_id"] = "present";
                continue;
            }
            parts[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => JsonSerializer.Serialize(p.Value.GetString()),
                JsonValueKind.Number => NumberText(p.Value.GetDouble()),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "null",
                _ => p.Value.GetRawText(),
            };
        }
        return Join(parts);
    }

    private static string Text(object? v) =>
        v switch
        {
            null => "null",
            string s => JsonSerializer.Serialize(s),
            double d => NumberText(d),
            bool b => b ? "true" : "false",
            _ => v.ToString() ?? "",
        };

    private static string Join(SortedDictionary<string, string> parts) =>
        "{" + string.Join(", ", parts.Select(kv => $"{kv.Key}: {kv.Value}")) + "}";
}

/// <summary>Sort keys as (field, descending) pairs.</summary>
/// <param name="Keys">The keys in order.</param>
public sealed record SortKeys((string Field, bool Descending)[] Keys);
