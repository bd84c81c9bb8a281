using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;

namespace Functional.PropertyTests.Sis;

/// <summary>
/// A filter built with Core's factories and the Mongo document it must mean, built here without Core's writer.
/// </summary>
/// <param name="Filter">The filter made by <see cref="SisFilter"/>'s factories.</param>
/// <param name="Expected">The document the server must see (a fresh copy is made wherever it is reused).</param>
/// <param name="Description">How it was built, for failure messages.</param>
/// <param name="Children">The filters it was combined from (for shrinking).</param>
public sealed record FilterCase(
    SisFilter Filter,
    JsonObject Expected,
    string Description,
    FilterCase[] Children
)
{
    /// <summary>The top-level keys of the expected document.</summary>
    public IEnumerable<string> Keys => Expected.Select(p => p.Key);

    /// <summary>A fresh copy of the expected document.</summary>
    public JsonObject Copy() => (JsonObject)Expected.DeepClone();

    public override string ToString() => Description;
}

/// <summary>The <c>populate</c> choice of a query.</summary>
/// <param name="Kind">0: server default, 1: all, 2: none, 3: the paths.</param>
/// <param name="Paths">The reference paths (kind 3).</param>
public sealed record PopulateCase(int Kind, string[] Paths)
{
    public SisPopulate ToPopulate() =>
        Kind switch
        {
            0 => SisPopulate.Default,
            1 => SisPopulate.All,
            2 => SisPopulate.None,
            _ => SisPopulate.Paths(Paths),
        };

    public override string ToString() =>
        Kind switch
        {
            0 => "default",
            1 => "all",
            2 => "none",
            _ => "[" + string.Join(", ", Paths.Select(SisGenerators.Show)) + "]",
        };
}

/// <summary>Everything a list GET can carry.</summary>
public sealed record QueryCase(
    FilterCase Filter,
    int? Limit,
    int? Offset,
    (string Field, bool Descending)[] Sort,
    (string Sign, string Name)[] Fields,
    PopulateCase Populate,
    bool RemoveEmpty,
    bool WithCounts
)
{
    public SisQuery ToQuery()
    {
        var query = SisQuery
            .Where(Filter.Filter)
            .WithSort([.. Sort.Select(s => new SisSort(s.Field, s.Descending))])
            .WithFields([.. Fields.Select(f => f.Sign + f.Name)])
            .WithPopulate(Populate.ToPopulate())
            .WithRemoveEmpty(RemoveEmpty)
            .WithEntityCounts(WithCounts);
        if (Limit is { } l)
            query = query.WithLimit(l);
        if (Offset is { } o)
            query = query.WithOffset(o);
        return query;
    }

    public override string ToString() =>
        $"q={Filter} limit={Limit?.ToString(CultureInfo.InvariantCulture) ?? "-"} offset={Offset?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
        + $" sort=[{string.Join(", ", Sort.Select(s => (s.Descending ? "desc " : "asc ") + SisGenerators.Show(s.Field)))}]"
        + $" fields=[{string.Join(", ", Fields.Select(f => SisGenerators.Show(f.Sign + f.Name)))}]"
        + $" populate={Populate} removeEmpty={RemoveEmpty} withCounts={WithCounts}";
}

/// <summary>What a paging server says in <c>x-total-count</c>.</summary>
public enum CountMode
{
    /// <summary>The number of items (now).</summary>
    Exact,

    /// <summary>No header.</summary>
    Missing,

    /// <summary>More than there are.</summary>
    Higher,

    /// <summary>Fewer than there are.</summary>
    Lower,

    /// <summary>A value that is not a count (<c>12abc</c>, <c>-3</c>...).</summary>
    Garbage,
}

/// <summary>How the collection changes after every answer.</summary>
public enum Change
{
    None,
    ShrinkFront,
    ShrinkBack,
    ShrinkRandom,
    GrowEnd,
    GrowFront,
}

/// <summary>
/// One paging scenario: the collection (items <c>{"_id":"id-k","n":k}</c>, k = 0..Size-1), the page size, the
/// caller's offset and limit, and how the server behaves.
/// </summary>
public sealed record PagingCase(
    int Size,
    int PageSize,
    int? Offset,
    int? Limit,
    CountMode Count,
    int CountDelta,
    Change Change,
    int ChangeBy,
    int ChangeCap,
    bool IgnoreOffset,
    bool IgnoreLimit,
    int Seed
)
{
    /// <summary>A server that tells the truth about a collection that does not change.</summary>
    public bool Honest => Count is CountMode.Exact or CountMode.Missing && Static && Obeys;

    /// <summary>The collection does not change while it is read.</summary>
    public bool Static => Change == Change.None || ChangeBy == 0 || ChangeCap == 0;

    /// <summary>The server applies offset and limit.</summary>
    public bool Obeys => !IgnoreOffset && !IgnoreLimit;

    /// <summary>The query the caller passes.</summary>
    public SisQuery Query
    {
        get
        {
            var q = SisQuery.All;
            if (Offset is { } o)
                q = q.WithOffset(o);
            if (Limit is { } l)
                q = q.WithLimit(l);
            return q;
        }
    }

    /// <summary>What an honest server's collection read from the caller's offset up to its limit is.</summary>
    public IEnumerable<int> Expected =>
        Enumerable.Range(0, Size).Skip(Offset ?? 0).Take(Limit ?? int.MaxValue);

    public override string ToString() =>
        $"size={Size} page={PageSize} offset={Offset?.ToString(CultureInfo.InvariantCulture) ?? "-"} limit={Limit?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
        + $" count={Count}{(Count is CountMode.Higher or CountMode.Lower ? "(" + CountDelta.ToString(CultureInfo.InvariantCulture) + ")" : "")}"
        + (Static ? "" : $" change={Change} by {ChangeBy} up to {ChangeCap}")
        + (IgnoreOffset ? " ignores-offset" : "")
        + (IgnoreLimit ? " ignores-limit" : "")
        + $" seed={Seed}";
}

/// <summary>
/// An in-memory SIS list endpoint for <see cref="PagingCase"/>: reads <c>offset</c>/<c>limit</c> as SIS does
/// (limit absent, 0 or above 10000 → 10000; <c>offset &gt; count</c> → empty), misbehaves as the case says, and
/// refuses to answer more than <see cref="RequestCap"/> requests (a run that never ends fails instead of hanging).
/// </summary>
public sealed class PagingServer(PagingCase c)
{
    public const int RequestCap = 20_000;

    private readonly Random random = new(c.Seed);
    private int changed;
    private int nextId = c.Size;

    /// <summary>The items now, in natural order.</summary>
    public List<int> Items { get; } = [.. Enumerable.Range(0, c.Size)];

    /// <summary>Every item that ever existed.</summary>
    public int EverExisted => nextId;

    /// <summary>The (offset, limit) of every request, as the server read them (null when absent).</summary>
    public List<(int? Offset, int? Limit)> Requests { get; } = [];

    /// <summary>Answers one list GET whose query pairs are <paramref name="query"/>.</summary>
    public HttpResponse Handle(Seq<QueryParam> query)
    {
        if (Requests.Count >= RequestCap)
            throw new InvalidOperationException(
                $"more than {RequestCap} requests: paging never ends"
            );
        int? Param(string name) =>
            query
                .Find(p => p.Name == name)
                .Map(p => int.Parse(p.Value, CultureInfo.InvariantCulture))
                .Case
                is int v
                ? v
                : null;
        var offset = Param("offset");
        var limit = Param("limit");
        Requests.Add((offset, limit));
        var total = Items.Count;
        var from = c.IgnoreOffset ? 0 : Math.Max(offset ?? 0, 0);
        var take =
            c.IgnoreLimit ? 10_000
            : limit is null or 0 ? 10_000
            : Math.Min(Math.Abs(limit.Value), 10_000);
        var page = total == 0 || from > total ? [] : Items.Skip(from).Take(take).ToList();
        var header = c.Count switch
        {
            CountMode.Exact => total.ToString(CultureInfo.InvariantCulture),
            CountMode.Higher => (total + c.CountDelta).ToString(CultureInfo.InvariantCulture),
            CountMode.Lower => Math.Max(0, total - c.CountDelta)
                .ToString(CultureInfo.InvariantCulture),
            CountMode.Garbage => (c.CountDelta % 3) switch
            {
                0 => "12abc",
                1 => "-3",
                _ => "",
            },
            _ => null,
        };
        ChangeAfterAnswer();
        var body =
            "[" + string.Join(",", page.Select(k => $$"""{"_id":"id-{{k}}","n":{{k}}}""")) + "]";
        var headers = header is null
            ? Seq<HttpHeader>()
            : Seq1(
                new HttpHeader(
                    c.Count == CountMode.Exact ? "x-total-count" : "X-Total-Count",
                    header
                )
            );
        return new HttpResponse(200, "OK", headers, System.Text.Encoding.UTF8.GetBytes(body));
    }

    private void ChangeAfterAnswer()
    {
        for (var i = 0; i < c.ChangeBy && changed < c.ChangeCap; i++)
        {
            switch (c.Change)
            {
                case Change.ShrinkFront when Items.Count > 0:
                    Items.RemoveAt(0);
                    break;
                case Change.ShrinkBack when Items.Count > 0:
                    Items.RemoveAt(Items.Count - 1);
                    break;
                case Change.ShrinkRandom when Items.Count > 0:
                    Items.RemoveAt(random.Next(Items.Count));
                    break;
                case Change.GrowEnd:
                    Items.Add(nextId++);
                    break;
                case Change.GrowFront:
                    Items.Insert(0, nextId++);
                    break;
                default:
                    return;
            }
            changed++;
        }
    }
}

/// <summary>Generators of SIS filters, queries and paging scenarios.</summary>
public static class SisGenerators
{
    /// <summary>A string as a JSON literal (escapes show exactly what it holds).</summary>
    public static string Show(string s) => JsonSerializer.Serialize(s);

    // ---- text -----------------------------------------------------------------------------------------

    /// <summary>
    /// One text element: printable ASCII, the characters that matter in a query string or JSON (quotes, '&amp;',
    /// '=', '+', '%', '#', brackets, escapes that look like percent-encoding), control characters, Latin-1,
    /// CJK, an emoji.
    /// </summary>
    public static Gen<string> TextElement { get; } =
        Gen.Frequency(
            (6, Gen.Choose(0x21, 0x7E).Select(c => ((char)c).ToString())),
            (
                4,
                Gen.Elements(
                    "\"",
                    "\\",
                    "&",
                    "=",
                    "+",
                    "%",
                    "#",
                    "?",
                    "[",
                    "]",
                    "[0]",
                    "'",
                    "/",
                    ".",
                    "$",
                    "%20",
                    "%zz",
                    "%2B",
                    "&q=",
                    "\u00e9",
                    "\u2603"
                )
            ),
            (1, Gen.Elements(" ", "\t", "\n", "\u0000", "\u007f", "\u2028")),
            (2, Gen.Choose(0xA1, 0x24F).Select(c => ((char)c).ToString())),
            (2, Gen.Choose(0x4E00, 0x9FFF).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(0x1F300, 0x1FAFF).Select(char.ConvertFromUtf32))
        );

    /// <summary>Well-formed text of <paramref name="min"/> to <paramref name="max"/> elements.</summary>
    public static Gen<string> Text(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(TextElement, n)).Select(string.Concat);

    /// <summary>A field path: 1 to 3 dotted segments of any text, never starting with '$'.</summary>
    public static Gen<string> Path { get; } =
        Gen.Frequency(
                (2, Gen.Elements("name", "num", "a.b", "_sis.owner", "ip.ip_address", "x")),
                (
                    5,
                    Gen.Choose(1, 3)
                        .SelectMany(n => Gen.ArrayOf(Text(1, 5), n))
                        .Select(parts => string.Join(".", parts))
                )
            )
            .Select(p => p.StartsWith('$') ? "f" + p : p);

    // ---- scalar values --------------------------------------------------------------------------------

    /// <summary>Any long, small and extreme ones often.</summary>
    public static Gen<long> AnyLong { get; } =
        Gen.Frequency(
            (3, Gen.Choose(-1000, 1000).Select(i => (long)i)),
            (2, ArbMap.Default.GeneratorFor<long>()),
            (
                1,
                Gen.Elements(
                    long.MinValue,
                    long.MaxValue,
                    1L << 53,
                    (1L << 53) + 1,
                    -(1L << 53) - 1,
                    int.MaxValue + 1L
                )
            )
        );

    /// <summary>Any finite double: fractional, negative, tiny, huge, negative zero.</summary>
    public static Gen<double> AnyDouble { get; } =
        Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite)),
            (2, Gen.Choose(-100000, 100000).Select(i => i / 64.0)),
            (
                1,
                Gen.Elements(
                    0.1,
                    -0.0,
                    -2.5,
                    1e300,
                    -1e-300,
                    double.Epsilon,
                    double.MaxValue,
                    double.MinValue,
                    123456789.125,
                    9007199254740993.0
                )
            )
        );

    /// <summary>A value of one of the types the factories take, and its JSON.</summary>
    public abstract record Scalar(JsonNode? Json, string Show)
    {
        public sealed record Str(string V) : Scalar(JsonValue.Create(V), SisGenerators.Show(V));

        public sealed record Long(long V)
            : Scalar(JsonValue.Create(V), V.ToString(CultureInfo.InvariantCulture) + "L");

        public sealed record Dbl(double V)
            : Scalar(JsonValue.Create(V), V.ToString("R", CultureInfo.InvariantCulture) + "d");

        public sealed record Bool(bool V) : Scalar(JsonValue.Create(V), V ? "true" : "false");

        /// <summary>Any JSON value, passed as a <see cref="JsonElement"/>.</summary>
        public sealed record Elem(JsonNode? V)
            : Scalar(V?.DeepClone(), "json " + (V?.ToJsonString() ?? "null"));

        public override string ToString() => Show;
    }

    /// <summary>A JSON value: scalars, arrays, documents (keys all plain, or all operators).</summary>
    public static Gen<JsonNode?> JsonValueGen(int depth) =>
        depth <= 0
            ? JsonLeaf
            : Gen.Frequency<JsonNode?>(
                (3, JsonLeaf),
                (
                    1,
                    Gen.Choose(0, 3)
                        .SelectMany(n => Gen.ArrayOf(JsonValueGen(depth - 1), n))
                        .Select(items => (JsonNode?)new JsonArray([.. items]))
                ),
                (
                    2,
                    from n in Gen.Choose(0, 3)
                    from operators in Gen.Elements(false, false, true)
                    from keys in Gen.ArrayOf(Text(0, 4), n)
                    from values in Gen.ArrayOf(JsonValueGen(depth - 1), n)
                    select (JsonNode?)DocumentOf(operators, keys, values)
                )
            );

    /// <summary>A document of distinct keys: every key an operator (<c>$…</c>), or none.</summary>
    private static JsonObject DocumentOf(bool operators, string[] keys, JsonNode?[] values)
    {
        var doc = new JsonObject();
        for (var i = 0; i < keys.Length; i++)
        {
            var key =
                operators ? "$" + keys[i]
                : keys[i].StartsWith('$') ? "k" + keys[i]
                : keys[i];
            if (!doc.ContainsKey(key))
                doc[key] = values[i];
        }
        return doc;
    }

    private static Gen<JsonNode?> JsonLeaf { get; } =
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            AnyLong.Select(l => (JsonNode?)JsonValue.Create(l)),
            AnyDouble.Select(d => (JsonNode?)JsonValue.Create(d)),
            Text(0, 6).Select(s => (JsonNode?)JsonValue.Create(s))
        );

    /// <summary>A scalar of a simple type (string, long, double, bool).</summary>
    public static Gen<Scalar> Simple { get; } =
        Gen.Frequency(
            (3, Text(0, 8).Select(s => (Scalar)new Scalar.Str(s))),
            (2, AnyLong.Select(l => (Scalar)new Scalar.Long(l))),
            (2, AnyDouble.Select(d => (Scalar)new Scalar.Dbl(d))),
            (1, Gen.Elements(true, false).Select(b => (Scalar)new Scalar.Bool(b)))
        );

    /// <summary>A scalar of any type, JSON values included.</summary>
    public static Gen<Scalar> AnyScalar { get; } =
        Gen.Frequency((4, Simple), (1, JsonValueGen(2).Select(v => (Scalar)new Scalar.Elem(v))));

    private static JsonElement ElementOf(JsonNode? node) =>
        JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement.Clone();

    /// <summary>The factories of one comparison operator, by value type.</summary>
    private sealed record Factories(
        Func<string, string, SisFilter> S,
        Func<string, long, SisFilter> L,
        Func<string, double, SisFilter> D,
        Func<string, bool, SisFilter> B,
        Func<string, JsonElement, SisFilter> E
    )
    {
        public SisFilter Apply(string path, Scalar v) =>
            v switch
            {
                Scalar.Str s => S(path, s.V),
                Scalar.Long l => L(path, l.V),
                Scalar.Dbl d => D(path, d.V),
                Scalar.Bool b => B(path, b.V),
                Scalar.Elem e => E(path, ElementOf(e.V)),
                _ => throw new InvalidOperationException(),
            };
    }

    private static readonly (string Op, string Name, Factories F)[] Comparisons =
    [
        ("", "Eq", new(SisFilter.Eq, SisFilter.Eq, SisFilter.Eq, SisFilter.Eq, SisFilter.Eq)),
        ("$ne", "Ne", new(SisFilter.Ne, SisFilter.Ne, SisFilter.Ne, SisFilter.Ne, SisFilter.Ne)),
        ("$gt", "Gt", new(SisFilter.Gt, SisFilter.Gt, SisFilter.Gt, SisFilter.Gt, SisFilter.Gt)),
        (
            "$gte",
            "Gte",
            new(SisFilter.Gte, SisFilter.Gte, SisFilter.Gte, SisFilter.Gte, SisFilter.Gte)
        ),
        ("$lt", "Lt", new(SisFilter.Lt, SisFilter.Lt, SisFilter.Lt, SisFilter.Lt, SisFilter.Lt)),
        (
            "$lte",
            "Lte",
            new(SisFilter.Lte, SisFilter.Lte, SisFilter.Lte, SisFilter.Lte, SisFilter.Lte)
        ),
    ];

    private static bool IsOperatorDocument(JsonNode? v) =>
        v is JsonObject o && o.Count > 0 && o.All(p => p.Key.StartsWith('$'));

    private static JsonObject Doc(string key, JsonNode? value) => new() { [key] = value };

    private static FilterCase Leaf(SisFilter filter, JsonObject expected, string description) =>
        new(filter, expected, description, []);

    // ---- filters ----------------------------------------------------------------------------------------

    /// <summary>A comparison: <c>{p: v}</c> or <c>{p: {op: v}}</c> (an operator document compared for equality goes under <c>$eq</c>).</summary>
    private static Gen<FilterCase> Comparison { get; } =
        from c in Gen.Elements(Comparisons)
        from path in Path
        from value in AnyScalar
        select Leaf(
            c.F.Apply(path, value),
            c.Op.Length == 0
                ? IsOperatorDocument(value.Json)
                    ? Doc(path, Doc("$eq", value.Json?.DeepClone()))
                    : Doc(path, value.Json?.DeepClone())
                : Doc(path, Doc(c.Op, value.Json?.DeepClone())),
            $"{c.Name}({Show(path)}, {value})"
        );

    /// <summary><c>$in</c>/<c>$nin</c> of 0..4 values of one type.</summary>
    private static Gen<FilterCase> Membership { get; } =
        from nin in Gen.Elements(false, true)
        from path in Path
        from kind in Gen.Choose(0, 4)
        from n in Gen.Choose(0, 4)
        from values in kind switch
        {
            0 => Gen.ArrayOf(Text(0, 6), n)
                .Select(vs => vs.Select(v => (Scalar)new Scalar.Str(v)).ToArray()),
            1 => Gen.ArrayOf(AnyLong, n)
                .Select(vs => vs.Select(v => (Scalar)new Scalar.Long(v)).ToArray()),
            2 => Gen.ArrayOf(ArbMap.Default.GeneratorFor<int>(), n)
                .Select(vs => vs.Select(v => (Scalar)new Scalar.Long(v)).ToArray()),
            3 => Gen.ArrayOf(AnyDouble, n)
                .Select(vs => vs.Select(v => (Scalar)new Scalar.Dbl(v)).ToArray()),
            _ => Gen.ArrayOf(JsonValueGen(1), n)
                .Select(vs => vs.Select(v => (Scalar)new Scalar.Elem(v)).ToArray()),
        }
        let op = nin ? "$nin" : "$in"
        select Leaf(
            kind switch
            {
                0 => nin
                    ? SisFilter.Nin(path, values.Select(v => ((Scalar.Str)v).V))
                    : SisFilter.In(path, values.Select(v => ((Scalar.Str)v).V)),
                1 => nin
                    ? SisFilter.Nin(path, values.Select(v => ((Scalar.Long)v).V))
                    : SisFilter.In(path, values.Select(v => ((Scalar.Long)v).V)),
                2 => nin
                    ? SisFilter.Nin(path, values.Select(v => (int)((Scalar.Long)v).V))
                    : SisFilter.In(path, values.Select(v => (int)((Scalar.Long)v).V)),
                3 => nin
                    ? SisFilter.Nin(path, values.Select(v => ((Scalar.Dbl)v).V))
                    : SisFilter.In(path, values.Select(v => ((Scalar.Dbl)v).V)),
                _ => nin
                    ? SisFilter.Nin(path, values.Select(v => ElementOf(((Scalar.Elem)v).V)))
                    : SisFilter.In(path, values.Select(v => ElementOf(((Scalar.Elem)v).V))),
            },
            Doc(path, Doc(op, new JsonArray([.. values.Select(v => v.Json?.DeepClone())]))),
            $"{(nin ? "Nin" : "In")}({Show(path)}, [{string.Join(", ", values.Select(v => v.Show))}])"
        );

    /// <summary>Null, NotNull, Exists, Regex, Mod.</summary>
    private static Gen<FilterCase> Special { get; } =
        Gen.OneOf(
            Path.Select(p => Leaf(SisFilter.Null(p), Doc(p, null), $"Null({Show(p)})")),
            Path.Select(p =>
                Leaf(SisFilter.NotNull(p), Doc(p, Doc("$ne", null)), $"NotNull({Show(p)})")
            ),
            from p in Path
            from b in Gen.Elements(true, false)
            select Leaf(
                SisFilter.Exists(p, b),
                Doc(p, Doc("$exists", b)),
                $"Exists({Show(p)}, {(b ? "true" : "false")})"
            ),
            from p in Path
            from pattern in Text(0, 8)
            from options in Gen.Choose(0, 3)
                .SelectMany(n => Gen.ArrayOf(Gen.Elements('i', 'm', 'x', 's'), n))
                .Select(cs => new string(cs))
            select Leaf(
                SisFilter.Regex(p, pattern, options),
                Doc(
                    p,
                    options.Length == 0
                        ? Doc("$regex", pattern)
                        : new JsonObject { ["$regex"] = pattern, ["$options"] = options }
                ),
                $"Regex({Show(p)}, {Show(pattern)}, {Show(options)})"
            ),
            from p in Path
            from d in AnyLong.Where(d => d != 0)
            from r in AnyLong
            select Leaf(
                SisFilter.Mod(p, d, r),
                Doc(p, Doc("$mod", new JsonArray(d, r))),
                $"Mod({Show(p)}, {d}, {r})"
            )
        );

    /// <summary><c>$not</c> has no factory: the document is taken as it is (<see cref="SisFilter.FromJson"/>).</summary>
    private static Gen<FilterCase> Not { get; } =
        from p in Path
        from inner in Gen.OneOf(
            from op in Gen.Elements("$gt", "$gte", "$lt", "$lte", "$eq", "$ne", "$in")
            from v in Simple
            select Doc(op, op == "$in" ? new JsonArray(v.Json?.DeepClone()) : v.Json?.DeepClone()),
            Text(0, 6).Select(pattern => Doc("$regex", pattern))
        )
        let expected = Doc(p, Doc("$not", inner))
        select Leaf(
            SisFilter.FromJson(ElementOf(expected)),
            expected,
            $"FromJson({expected.ToJsonString()})"
        );

    /// <summary>Two conditions on one path that And merges into one operator document.</summary>
    private static Gen<FilterCase> Range { get; } =
        from p in Path
        from a in AnyLong
        from b in AnyDouble
        select Leaf(
            SisFilter.Gt(p, a).And(SisFilter.Lte(p, b)),
            Doc(p, new JsonObject { ["$gt"] = a, ["$lte"] = b }),
            $"Gt({Show(p)}, {a}).And(Lte({Show(p)}, {b.ToString("R", CultureInfo.InvariantCulture)}))"
        );

    /// <summary>Two different equalities on one path: the second goes into <c>$and</c>; the same one twice is kept once.</summary>
    private static Gen<FilterCase> Clash { get; } =
        from p in Path
        from a in Text(0, 5)
        from b in Text(0, 5)
        select Leaf(
            SisFilter.Eq(p, a).And(SisFilter.Eq(p, b)),
            a == b ? Doc(p, a) : new JsonObject { [p] = a, ["$and"] = new JsonArray(Doc(p, b)) },
            $"Eq({Show(p)}, {Show(a)}).And(Eq({Show(p)}, {Show(b)}))"
        );

    private static Gen<FilterCase> LeafFilter { get; } =
        Gen.Frequency(
            (6, Comparison),
            (2, Membership),
            (3, Special),
            (1, Not),
            (1, Range),
            (1, Clash)
        );

    /// <summary>Any filter up to <paramref name="depth"/> levels of And / Or / Nor.</summary>
    public static Gen<FilterCase> Filter(int depth) =>
        depth <= 0
            ? LeafFilter
            : Gen.Frequency(
                (3, LeafFilter),
                (
                    2,
                    Gen.Choose(0, 4)
                        .SelectMany(n => Gen.ArrayOf(Filter(depth - 1), n))
                        .Select(AndOf)
                ),
                (
                    1,
                    from n in Gen.Choose(1, 3)
                    from children in Gen.ArrayOf(Filter(depth - 1), n)
                    from nor in Gen.Elements(false, true)
                    select Logical(nor, children)
                )
            );

    /// <summary>And of the children whose keys do not clash with an earlier child's (clashes have their own cases).</summary>
    private static FilterCase AndOf(FilterCase[] all)
    {
        var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        var children = new List<FilterCase>();
        foreach (var child in all)
        {
            if (child.Keys.Any(keys.Contains))
                continue;
            keys.UnionWith(child.Keys);
            children.Add(child);
        }
        var expected = new JsonObject();
        foreach (var child in children)
        foreach (var (key, value) in child.Expected)
            expected[key] = value?.DeepClone();
        return new FilterCase(
            SisFilter.And([.. children.Select(c => c.Filter)]),
            expected,
            $"And({string.Join(", ", children.Select(c => c.Description))})",
            [.. children]
        );
    }

    private static FilterCase Logical(bool nor, FilterCase[] children) =>
        new(
            nor
                ? SisFilter.Nor([.. children.Select(c => c.Filter)])
                : SisFilter.Or([.. children.Select(c => c.Filter)]),
            !nor && children.Length == 1
                ? children[0].Copy()
                : Doc(
                    nor ? "$nor" : "$or",
                    new JsonArray([.. children.Select(c => (JsonNode)c.Copy())])
                ),
            $"{(nor ? "Nor" : "Or")}({string.Join(", ", children.Select(c => c.Description))})",
            children
        );

    /// <summary>Any filter, nested up to three levels.</summary>
    public static Gen<FilterCase> AnyFilter { get; } = Filter(3);

    // ---- list names (sort keys, fields, populate paths) --------------------------------------------------

    /// <summary>
    /// A name as the server reads it back unchanged: no ',' (the separator), no whitespace (the server trims
    /// names and splits fields on spaces; Core refuses whitespace in every list name), no leading '+'/'-' (a sign).
    /// </summary>
    public static Gen<string> ListName(bool noSpace) =>
        Gen.Frequency(
                (1, Gen.Elements("name", "num", "a.b.c", "_sis._updated_at", "_id")),
                (4, Text(1, 6))
            )
            .Select(s => s.Replace(",", "", StringComparison.Ordinal))
            .Select(s => noSpace ? s.Replace(" ", "", StringComparison.Ordinal) : s)
            .Where(s =>
                s.Length > 0
                && !s.Any(char.IsWhiteSpace)
                && s[0] is not ('+' or '-')
                && s is not ("true" or "false")
            );

    /// <summary>Everything a list GET can carry, with names that are read back unchanged.</summary>
    public static Gen<QueryCase> Query { get; } =
        QueryOf(ListName(noSpace: false), ListName(noSpace: true));

    /// <summary>A query whose sort, fields and populate names come from the given generators.</summary>
    public static Gen<QueryCase> QueryOf(Gen<string> names, Gen<string> fieldNames) =>
        from filter in Gen.Frequency((1, Gen.Constant(AndOf([]))), (8, AnyFilter))
        from limit in Gen.Frequency(
            (1, Gen.Constant<int?>(null)),
            (2, Gen.Choose(1, 10000).Select(i => (int?)i)),
            (1, Gen.Elements<int?>(1, 10000))
        )
        from offset in Gen.Frequency(
            (1, Gen.Constant<int?>(null)),
            (2, Gen.Choose(0, 5000).Select(i => (int?)i)),
            (1, Gen.Elements<int?>(0, int.MaxValue))
        )
        from sort in Gen.Choose(0, 3)
            .SelectMany(n =>
                Gen.ArrayOf(from f in names from d in Gen.Elements(false, true) select (f, d), n)
            )
        from fields in Gen.Choose(0, 3)
            .SelectMany(n =>
                Gen.ArrayOf(
                    from s in Gen.Elements("", "", "+", "-")
                    from f in fieldNames
                    select (s, f),
                    n
                )
            )
        from populate in Gen.Frequency(
            (2, Gen.Choose(0, 2).Select(k => new PopulateCase(k, []))),
            (
                1,
                Gen.Choose(1, 3)
                    .SelectMany(n => Gen.ArrayOf(names, n))
                    .Select(ps => new PopulateCase(3, ps))
            )
        )
        from removeEmpty in Gen.Elements(false, true)
        from withCounts in Gen.Elements(false, true)
        select new QueryCase(
            filter,
            limit,
            offset,
            sort,
            fields,
            populate,
            removeEmpty,
            withCounts
        );

    /// <summary>Shrinks a query: plainer parts first, then the filter's own parts.</summary>
    public static IEnumerable<QueryCase> ShrinkQuery(QueryCase q)
    {
        if (q.Sort.Length > 0)
            yield return q with
            {
                Sort = [],
            };
        if (q.Fields.Length > 0)
            yield return q with
            {
                Fields = [],
            };
        if (q.Populate.Kind != 0)
            yield return q with
            {
                Populate = new PopulateCase(0, []),
            };
        if (q.Limit is not null)
            yield return q with
            {
                Limit = null,
            };
        if (q.Offset is not null)
            yield return q with
            {
                Offset = null,
            };
        if (q.RemoveEmpty)
            yield return q with
            {
                RemoveEmpty = false,
            };
        if (q.WithCounts)
            yield return q with
            {
                WithCounts = false,
            };
        foreach (var child in q.Filter.Children)
            yield return q with
            {
                Filter = child,
            };
    }

    // ---- paging ---------------------------------------------------------------------------------------

    /// <summary>
    /// Collections of 0..~2000 items (mostly small), page sizes from 1 to beyond the collection (kept at or above
    /// size/60 so that a run stays cheap), the caller's offset and limit, and every server behaviour.
    /// </summary>
    public static Gen<PagingCase> Paging { get; } =
        from size in Gen.Frequency(
            (3, Gen.Choose(0, 12)),
            (4, Gen.Choose(0, 120)),
            (1, Gen.Choose(0, 2000))
        )
        from pageSize in Gen.Frequency(
                (3, Gen.Choose(1, 12)),
                (2, Gen.Choose(1, size + 5)),
                (1, Gen.Elements(size, size + 1, Math.Max(1, size - 1), 1000, 10000))
            )
            .Select(p => Math.Clamp(Math.Max(p, size / 60), 1, 10000))
        from offset in Gen.Frequency(
            (3, Gen.Constant<int?>(null)),
            (2, Gen.Choose(0, size + 3).Select(o => (int?)o)),
            (1, Gen.Elements<int?>(0, 1, int.MaxValue - 5))
        )
        from limit in Gen.Frequency(
            (3, Gen.Constant<int?>(null)),
            (2, Gen.Choose(1, size + 5).Select(l => (int?)Math.Min(l, 10000))),
            (1, Gen.Elements<int?>(1, 10000))
        )
        from count in Gen.Frequency(
            (4, Gen.Constant(CountMode.Exact)),
            (2, Gen.Constant(CountMode.Missing)),
            (1, Gen.Constant(CountMode.Higher)),
            (1, Gen.Constant(CountMode.Lower)),
            (1, Gen.Constant(CountMode.Garbage))
        )
        from delta in Gen.Choose(1, 50)
        from change in Gen.Frequency(
            (5, Gen.Constant(Change.None)),
            (1, Gen.Elements(Change.ShrinkFront, Change.ShrinkBack, Change.ShrinkRandom)),
            (1, Gen.Elements(Change.GrowEnd, Change.GrowFront))
        )
        from changeBy in Gen.Choose(1, 20)
        from changeCap in Gen.Choose(0, 300)
        from ignoreOffset in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from ignoreLimit in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new PagingCase(
            size,
            // A server that ignores limit sends the whole rest every time: keep those runs to a few pages.
            ignoreLimit ? Math.Clamp(Math.Max(pageSize, size / 5), 1, 10000) : pageSize,
            offset,
            limit,
            count,
            delta,
            change,
            changeBy,
            changeCap,
            ignoreOffset,
            ignoreLimit,
            seed
        );

    /// <summary>Shrinks towards a smaller, honest, plain case.</summary>
    public static IEnumerable<PagingCase> ShrinkPaging(PagingCase c)
    {
        if (c.Size > 0)
        {
            yield return c with
            {
                Size = c.Size / 2,
            };
            yield return c with
            {
                Size = c.Size - 1,
            };
        }
        if (c.IgnoreOffset)
            yield return c with
            {
                IgnoreOffset = false,
            };
        if (c.IgnoreLimit)
            yield return c with
            {
                IgnoreLimit = false,
            };
        if (!c.Static)
            yield return c with
            {
                Change = Change.None,
            };
        if (c.Count != CountMode.Exact)
            yield return c with
            {
                Count = CountMode.Exact,
            };
        if (c.Offset is not null)
            yield return c with
            {
                Offset = null,
            };
        if (c.Limit is not null)
            yield return c with
            {
                Limit = null,
            };
        if (c.PageSize > 1)
            yield return c with
            {
                PageSize = c.PageSize / 2,
            };
    }
}
