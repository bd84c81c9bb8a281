using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.PropertyTests.Provisioning;
using static Functional.PropertyTests.Provisioning.Args;

namespace Functional.PropertyTests.Sis.Builders;

/// <summary>A filter built with the factories, with the document it must encode to (built here as a JsonNode).</summary>
/// <param name="Filter">The filter.</param>
/// <param name="Json">The expected document.</param>
/// <param name="Shown">How it was built.</param>
public sealed record FilterSpec(SisFilter Filter, string Json, string Shown)
{
    public override string ToString() => Shown;
}

/// <summary>Generators of SIS builder arguments (valid and invalid) and of their expected wire form.</summary>
public static class SisBuilderGen
{
    // ---- settings and endpoints ---------------------------------------------------------------------------

    /// <summary>Valid settings: a version without '/', spaces or controls; an optional ASCII token; keep-alive on or off.</summary>
    public static Gen<SisSettings> Settings { get; } =
        from version in Gen.Frequency(
            (2, Gen.Elements("1.1", "1", "2.0-beta")),
            (3, Hostile(controls: false).Where(v => !v.Contains('/') && !v.Any(char.IsWhiteSpace)))
        )
        from token in Maybe(HeaderSafe)
        from keep in Gen.Elements(true, false)
        select new SisSettings(version, token, keep);

    /// <summary>Shows settings with the token (test data).</summary>
    public static string ShowSettings(SisSettings? s) =>
        s is null
            ? "null"
            : $"Settings(v{Wire.Show(s.ApiVersion)}, token {Wire.Show(s.AuthToken)}, keepAlive {s.KeepAlive})";

    /// <summary>The headers every request carries for these settings.</summary>
    public static Seq<Header> Headers(SisSettings s) =>
        Seq1(new Header("Accept", "application/json", false))
        + s.AuthToken.Map(t => new Header("x-auth-token", t, true)).ToSeq()
        + (s.KeepAlive ? Seq<Header>() : Seq1(new Header("Connection", "close", false)));

    /// <summary>The path <c>/api/v&lt;version&gt;/…</c> as decoded segments.</summary>
    public static Seq<string> Path(SisSettings s, Seq<string> rest) =>
        Seq("api", "v" + s.ApiVersion) + rest;

    private static Gen<string> EndpointName { get; } =
        Hostile(controls: false).Where(s => s is not ("." or ".."));

    /// <summary>A valid endpoint with its decoded path segments.</summary>
    public static Gen<(SisEndpoint Endpoint, Seq<string> Segments)> Endpoint { get; } =
        Gen.OneOf(
            Gen.Elements(
                (SisEndpoint.Schemas, Seq1("schemas")),
                (SisEndpoint.Hooks, Seq1("hooks")),
                (SisEndpoint.Hiera, Seq1("hiera")),
                (SisEndpoint.Users, Seq1("users")),
                (SisEndpoint.Scripts, Seq1("scripts"))
            ),
            EndpointName.Select(n => (SisEndpoint.Entities(n), Seq("entities", n))),
            EndpointName.Select(n => (SisEndpoint.Tokens(n), Seq("users", n, "tokens")))
        );

    /// <summary>Shows an endpoint.</summary>
    public static string ShowEndpoint(SisEndpoint? e) =>
        e is null ? "null" : $"{e.Kind}({Wire.Show(e.Name)})";

    /// <summary>The settings argument with its invalid values.</summary>
    public static ArgGen SettingsArg { get; } =
        ArgGen.Of<SisSettings>(
            Settings,
            Gen.OneOf(
                Gen.Constant(((SisSettings)null!, Seq1("settings"))),
                from badVersion in Gen.Elements(true, false)
                from badToken in Gen.Elements(true, false)
                where badVersion || badToken
                from version in badVersion
                    ? Gen.Elements<string?>(
                        null,
                        "",
                        "1/1",
                        "1 1",
                        "1\t",
                        "v\u0000",
                        "\u00A0",
                        "\uD800"
                    )
                    : Gen.Constant<string?>("1.1")
                from token in badToken
                    ? Gen.Elements("", "é", "a\r\nb", "\u007F", "tok\u0085", "😀").Select(Some)
                    : Maybe(HeaderSafe)
                from keep in Gen.Elements(true, false)
                select (
                    new SisSettings(version!, token, keep),
                    (badVersion ? Seq1("settings.apiVersion") : Seq<string>())
                        + (badToken ? Seq1("settings.authToken") : Seq<string>())
                )
            ),
            ShowSettings
        );

    /// <summary>The endpoint argument with its invalid values.</summary>
    public static ArgGen EndpointArg { get; } =
        ArgGen.Of<SisEndpoint>(
            Endpoint.Select(e => e.Endpoint),
            Gen.OneOf(
                Gen.Constant(((SisEndpoint)null!, Seq1("endpoint"))),
                from bad in Gen.Elements<string?>(
                    null,
                    "",
                    ".",
                    "..",
                    "a\tb",
                    "x\r\n",
                    "\u0085",
                    "\uD800"
                )
                from tokens in Gen.Elements(true, false)
                select tokens
                    ? (SisEndpoint.Tokens(bad!), Seq1("endpoint.userName"))
                    : (SisEndpoint.Entities(bad!), Seq1("endpoint.schema"))
            ),
            ShowEndpoint
        );

    // ---- JSON values ----------------------------------------------------------------------------------------

    private static Gen<string> Key { get; } =
        Gen.Frequency((4, Hostile()), (1, Gen.Elements("", "$set", "_id", "name", "a.b", "$")));

    /// <summary>A JSON scalar.</summary>
    public static Gen<JsonNode?> Scalar { get; } =
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<long>().Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Elements(0.5, -1.25, 1e300, 3.0, -0.0, 123456.789)
                .Select(d => (JsonNode?)JsonValue.Create(d)),
            Text.Select(s => (JsonNode?)JsonValue.Create(s))
        );

    /// <summary>Any JSON value up to <paramref name="depth"/> levels.</summary>
    public static Gen<JsonNode?> Value(int depth) =>
        depth <= 0
            ? Scalar
            : Gen.Frequency(
                (3, Scalar),
                (
                    1,
                    Gen.Choose(0, 3)
                        .SelectMany(n => Gen.ArrayOf(Value(depth - 1), n))
                        .Select(items => (JsonNode?)new JsonArray(items))
                ),
                (1, ObjectNode(depth - 1).Select(o => (JsonNode?)o))
            );

    /// <summary>A JSON object (distinct keys) up to <paramref name="depth"/> levels below.</summary>
    public static Gen<JsonObject> ObjectNode(int depth, int min = 0) =>
        Gen.Choose(min, 4)
            .SelectMany(n => Gen.ArrayOf(Key.Zip(Value(depth)), n))
            .Select(kvs =>
            {
                var o = new JsonObject();
                foreach (var (k, v) in kvs)
                    o[k] = v;
                return o;
            })
            .Where(o => o.Count >= min);

    /// <summary>The element of a node (what the caller passes in).</summary>
    public static JsonElement Element(JsonNode? node)
    {
        using var doc = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return doc.RootElement.Clone();
    }

    /// <summary>A JSON object as a caller's JsonElement, with its text.</summary>
    public static Gen<(JsonElement Element, string Json)> Object(int min = 0) =>
        ObjectNode(2, min).Select(o => (Element(o), o.ToJsonString()));

    /// <summary>Things that are not a JSON object.</summary>
    public static Gen<JsonElement> NotObject { get; } =
        Gen.OneOf(
            Gen.Constant(default(JsonElement)),
            Gen.Elements("[]", "[{}]", "1", "\"x\"", "null", "true")
                .Select(t => Element(JsonNode.Parse(t)))
        );

    /// <summary>A JSON element argument that must be an object (<paramref name="nonEmpty"/>: with a key).</summary>
    public static ArgGen ObjectArg(string field, bool nonEmpty = false) =>
        ArgGen.Of<JsonElement>(
            Object(nonEmpty ? 1 : 0).Select(o => o.Element),
            Gen.OneOf(NotObject, nonEmpty ? Gen.Constant(Element(new JsonObject())) : NotObject)
                .Select(e => (e, Seq1(field))),
            ShowJson
        );

    /// <summary>A non-empty list of objects; bad when empty or when some items are not objects.</summary>
    public static ArgGen ObjectsArg(string field) =>
        ArgGen.Of<Seq<JsonElement>>(
            NonEmpty(Object().Select(o => o.Element), 3),
            Gen.OneOf(
                Gen.Constant((Seq<JsonElement>(), Seq1(field))),
                from items in Gen.Choose(1, 4)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            Gen.Frequency(
                                (2, Object().Select(o => (o.Element, false))),
                                (1, NotObject.Select(e => (e, true)))
                            ),
                            n
                        )
                    )
                    .Where(a => a.Any(x => x.Item2))
                select (
                    toSeq(items.Select(x => x.Item1)),
                    toSeq(
                        items
                            .Select((x, i) => (x, i))
                            .Where(p => p.x.Item2)
                            .Select(p => $"{field}[{p.i}]")
                    )
                )
            ),
            xs => "[" + string.Join(", ", xs.Map(ShowJson)) + "]"
        );

    /// <summary>Shows an element.</summary>
    public static string ShowJson(JsonElement e) =>
        e.ValueKind == JsonValueKind.Undefined ? "default(JsonElement)" : e.GetRawText();

    // ---- filters ----------------------------------------------------------------------------------------------

    /// <summary>A valid field path: not empty, not starting with '$'.</summary>
    public static Gen<string> FieldPath { get; } = Hostile().Where(p => !p.StartsWith('$'));

    private static string J(JsonNode? n) => n?.ToJsonString() ?? "null";

    private static string Op(string op, string value) =>
        "{" + JsonSerializer.Serialize(op) + ":" + value + "}";

    private static Gen<(SisFilter, string, string)> Condition(string path) =>
        Gen.OneOf(
            // implicit equality and comparisons with each typed overload
            from op in Gen.Elements("", "$ne", "$gt", "$gte", "$lt", "$lte")
            from kind in Gen.Choose(0, 4)
            from s in Text
            from n in ArbMap.Default.GeneratorFor<long>()
            from d in Gen.Elements(0.5, -2.75, 1e-300, 1e300, 42.0, double.Epsilon, -0.0)
            from b in Gen.Elements(true, false)
            from v in Value(2)
            select MakeComparison(path, op, kind, s, n, d, b, v),
            Gen.Constant((SisFilter.Null(path), "null", $"Null({Wire.Show(path)})")),
            Gen.Constant(
                (SisFilter.NotNull(path), Op("$ne", "null"), $"NotNull({Wire.Show(path)})")
            ),
            from nin in Gen.Elements(true, false)
            from kind in Gen.Choose(0, 4)
            from ss in Gen.Choose(0, 3).SelectMany(k => Gen.ArrayOf(Text, k))
            from ns in Gen.Choose(0, 3)
                .SelectMany(k => Gen.ArrayOf(ArbMap.Default.GeneratorFor<long>(), k))
            from vs in Gen.Choose(0, 3).SelectMany(k => Gen.ArrayOf(Value(1), k))
            select MakeIn(path, nin ? "$nin" : "$in", kind, ss, ns, vs),
            from e in Gen.Elements(true, false)
            select (
                SisFilter.Exists(path, e),
                Op("$exists", e ? "true" : "false"),
                $"Exists({Wire.Show(path)}, {e})"
            ),
            from d in ArbMap.Default.GeneratorFor<long>().Where(x => x != 0)
            from r in ArbMap.Default.GeneratorFor<long>()
            select (
                SisFilter.Mod(path, d, r),
                Op("$mod", $"[{Dec(d)},{Dec(r)}]"),
                $"Mod({Wire.Show(path)}, {d}, {r})"
            ),
            from pattern in Text
            from options in Gen.SubListOf("imxs".ToCharArray())
                .Select(cs => new string(cs.ToArray()))
            select (
                SisFilter.Regex(path, pattern, options),
                "{\"$regex\":"
                    + JsonSerializer.Serialize(pattern)
                    + (
                        options.Length > 0
                            ? ",\"$options\":" + JsonSerializer.Serialize(options)
                            : ""
                    )
                    + "}",
                $"Regex({Wire.Show(path)}, {Wire.Show(pattern)}, {Wire.Show(options)})"
            )
        );

    private static (SisFilter, string, string) MakeComparison(
        string path,
        string op,
        int kind,
        string s,
        long n,
        double d,
        bool b,
        JsonNode? v
    )
    {
        var p = Wire.Show(path);
        var name = op.Length == 0 ? "Eq" : op[1..];
        (SisFilter f, string value, string shown) = (op, kind) switch
        {
            ("", 0) => (SisFilter.Eq(path, s), JsonSerializer.Serialize(s), Wire.Show(s)),
            ("", 1) => (SisFilter.Eq(path, n), Dec(n), Dec(n)),
            ("", 2) => (
                SisFilter.Eq(path, d),
                JsonSerializer.Serialize(d),
                d.ToString("R", CultureInfo.InvariantCulture)
            ),
            ("", 3) => (SisFilter.Eq(path, b), b ? "true" : "false", b.ToString()),
            ("", _) => (SisFilter.Eq(path, Element(v)), J(v), J(v)),
            ("$ne", 0) => (SisFilter.Ne(path, s), JsonSerializer.Serialize(s), Wire.Show(s)),
            ("$ne", 1) => (SisFilter.Ne(path, n), Dec(n), Dec(n)),
            ("$ne", 2) => (
                SisFilter.Ne(path, d),
                JsonSerializer.Serialize(d),
                d.ToString("R", CultureInfo.InvariantCulture)
            ),
            ("$ne", 3) => (SisFilter.Ne(path, b), b ? "true" : "false", b.ToString()),
            ("$ne", _) => (SisFilter.Ne(path, Element(v)), J(v), J(v)),
            ("$gt", 0) => (SisFilter.Gt(path, s), JsonSerializer.Serialize(s), Wire.Show(s)),
            ("$gt", 1) => (SisFilter.Gt(path, n), Dec(n), Dec(n)),
            ("$gt", 2) => (
                SisFilter.Gt(path, d),
                JsonSerializer.Serialize(d),
                d.ToString("R", CultureInfo.InvariantCulture)
            ),
            ("$gt", 3) => (SisFilter.Gt(path, b), b ? "true" : "false", b.ToString()),
            ("$gt", _) => (SisFilter.Gt(path, Element(v)), J(v), J(v)),
            ("$gte", 0) => (SisFilter.Gte(path, s), JsonSerializer.Serialize(s), Wire.Show(s)),
            ("$gte", 1) => (SisFilter.Gte(path, n), Dec(n), Dec(n)),
            ("$gte", 2) => (
                SisFilter.Gte(path, d),
                JsonSerializer.Serialize(d),
                d.ToString("R", CultureInfo.InvariantCulture)
            ),
            ("$gte", 3) => (SisFilter.Gte(path, b), b ? "true" : "false", b.ToString()),
            ("$gte", _) => (SisFilter.Gte(path, Element(v)), J(v), J(v)),
            ("$lt", 0) => (SisFilter.Lt(path, s), JsonSerializer.Serialize(s), Wire.Show(s)),
            ("$lt", 1) => (SisFilter.Lt(path, n), Dec(n), Dec(n)),
            ("$lt", 2) => (
                SisFilter.Lt(path, d),
                JsonSerializer.Serialize(d),
                d.ToString("R", CultureInfo.InvariantCulture)
            ),
            ("$lt", 3) => (SisFilter.Lt(path, b), b ? "true" : "false", b.ToString()),
            ("$lt", _) => (SisFilter.Lt(path, Element(v)), J(v), J(v)),
            ("$lte", 0) => (SisFilter.Lte(path, s), JsonSerializer.Serialize(s), Wire.Show(s)),
            ("$lte", 1) => (SisFilter.Lte(path, n), Dec(n), Dec(n)),
            ("$lte", 2) => (
                SisFilter.Lte(path, d),
                JsonSerializer.Serialize(d),
                d.ToString("R", CultureInfo.InvariantCulture)
            ),
            ("$lte", 3) => (SisFilter.Lte(path, b), b ? "true" : "false", b.ToString()),
            _ => (SisFilter.Lte(path, Element(v)), J(v), J(v)),
        };
        // Eq with an object whose keys are all operators is sent as {"$eq": value} (spec: not taken for operators).
        var expected =
            op.Length == 0
                ? kind == 4
                && v is JsonObject o
                && o.Count > 0
                && o.All(kv => kv.Key.StartsWith('$'))
                    ? Op("$eq", value)
                    : value
                : Op(op, value);
        return (f, expected, $"{name}({p}, {shown})");
    }

    private static (SisFilter, string, string) MakeIn(
        string path,
        string op,
        int kind,
        string[] ss,
        long[] ns,
        JsonNode?[] vs
    )
    {
        var name = op == "$in" ? "In" : "Nin";
        var nin = op == "$nin";
        (SisFilter f, string[] items) = kind switch
        {
            0 => (
                nin ? SisFilter.Nin(path, ss) : SisFilter.In(path, ss),
                ss.Select(x => JsonSerializer.Serialize(x)).ToArray()
            ),
            1 => (nin ? SisFilter.Nin(path, ns) : SisFilter.In(path, ns), ns.Select(Dec).ToArray()),
            2 => (
                nin
                    ? SisFilter.Nin(path, ns.Select(x => (int)x))
                    : SisFilter.In(path, ns.Select(x => (int)x)),
                ns.Select(x => Dec((int)x)).ToArray()
            ),
            3 => (
                nin
                    ? SisFilter.Nin(path, ns.Select(x => x / 4.0))
                    : SisFilter.In(path, ns.Select(x => x / 4.0)),
                ns.Select(x => JsonSerializer.Serialize(x / 4.0)).ToArray()
            ),
            _ => (
                nin
                    ? SisFilter.Nin(path, vs.Select(Element))
                    : SisFilter.In(path, vs.Select(Element)),
                vs.Select(J).ToArray()
            ),
        };
        var list = "[" + string.Join(",", items) + "]";
        return (f, Op(op, list), $"{name}({Wire.Show(path)}, {list})");
    }

    /// <summary>One to three conditions on distinct paths, joined with And.</summary>
    private static Gen<(
        SisFilter Filter,
        Seq<(string Key, string Value)> Entries,
        string Shown
    )> Conditions(int max) =>
        from paths in Gen.Choose(1, max)
            .SelectMany(k => Gen.ArrayOf(FieldPath, k))
            .Select(ps => ps.Distinct().ToArray())
        from conds in Gen.CollectToArray(paths.Select(p => Condition(p).Select(c => (p, c))))
        select (
            SisFilter.And(conds.Select(c => c.c.Item1).ToArray()),
            toSeq(conds.Select(c => (c.p, c.c.Item2))),
            string.Join(" & ", conds.Select(c => c.c.Item3))
        );

    private static string ObjectText(Seq<(string Key, string Value)> entries) =>
        "{"
        + string.Join(",", entries.Map(e => JsonSerializer.Serialize(e.Key) + ":" + e.Value))
        + "}";

    /// <summary>A valid, non-empty filter built with the factories (And, Or, Nor, FromJson), with its document.</summary>
    public static Gen<FilterSpec> Filter { get; } =
        Gen.Frequency(
            (
                4,
                Conditions(3).Select(c => new FilterSpec(c.Filter, ObjectText(c.Entries), c.Shown))
            ),
            (
                1,
                from logical in Gen.Elements("$or", "$nor")
                from parts in Gen.Choose(logical == "$or" ? 2 : 1, 3)
                    .SelectMany(k => Gen.ArrayOf(Conditions(2), k))
                from extra in Conditions(2)
                let sub = parts.Select(p => p.Filter).ToArray()
                let lf = logical == "$or" ? SisFilter.Or(sub) : SisFilter.Nor(sub)
                select new FilterSpec(
                    extra.Filter.And(lf),
                    ObjectText(
                        extra.Entries.Add(
                            (
                                logical,
                                "["
                                    + string.Join(",", parts.Select(p => ObjectText(p.Entries)))
                                    + "]"
                            )
                        )
                    ),
                    $"({extra.Shown}) & {logical}[{string.Join("; ", parts.Select(p => p.Shown))}]"
                )
            ),
            (
                1,
                ObjectNode(2, min: 1)
                    .Select(o => new FilterSpec(
                        SisFilter.FromJson(Element(o)),
                        o.ToJsonString(),
                        $"FromJson({o.ToJsonString()})"
                    ))
            )
        );

    /// <summary>Filters whose factories got bad arguments: their Validate must fail.</summary>
    public static Gen<(SisFilter Filter, string Shown)> InvalidFilter { get; } =
        Gen.Elements<Func<(SisFilter, string)>>(
                () => (SisFilter.Eq("", "x"), "Eq(\"\", \"x\")"),
                () => (SisFilter.Eq(null!, 1L), "Eq(null, 1)"),
                () => (SisFilter.Eq("$where", "x"), "Eq(\"$where\", \"x\")"),
                () => (SisFilter.Eq("a\uD800", true), "Eq(lone surrogate path)"),
                () => (SisFilter.Eq("a", (string)null!), "Eq(\"a\", null)"),
                () => (SisFilter.Ne("a", "\uDC00"), "Ne(\"a\", lone surrogate)"),
                () => (SisFilter.Gt("a", double.NaN), "Gt(\"a\", NaN)"),
                () => (SisFilter.Lte("a", double.PositiveInfinity), "Lte(\"a\", +inf)"),
                () => (SisFilter.Eq("a", default(JsonElement)), "Eq(\"a\", default)"),
                () => (SisFilter.In("a", (IEnumerable<string>)null!), "In(\"a\", null)"),
                () => (SisFilter.Nin("a", new[] { "ok", "\uD800" }), "Nin(\"a\", [ok, surrogate])"),
                () => (SisFilter.Mod("a", 0, 1), "Mod(\"a\", 0, 1)"),
                () => (SisFilter.Regex("a", null!), "Regex(\"a\", null)"),
                () => (SisFilter.Regex("a", "x", "q"), "Regex(\"a\", \"x\", \"q\")"),
                () => (SisFilter.Or(), "Or()"),
                () => (SisFilter.Nor(), "Nor()"),
                () => (SisFilter.Or(SisFilter.Eq("a", 1L), null!), "Or(a=1, null)"),
                () => (SisFilter.And((SisFilter[])null!), "And(null)"),
                () => (SisFilter.Eq("a", 1L).And(SisFilter.Gt("", 2L)), "a=1 & Gt(\"\", 2)"),
                () => (SisFilter.Eq("a", 1L).And((SisFilter)null!), "a=1 & null"),
                () => (SisFilter.FromJson(Element(new JsonArray())), "FromJson([])"),
                () => (SisFilter.FromJson(default), "FromJson(default)")
            )
            .Select(f => f());

    /// <summary>A filter argument that must be valid and non-empty (bulk update/delete, CAS).</summary>
    public static ArgGen NonEmptyFilterArg(string field) =>
        ArgGen.Of<SisFilter>(
            Filter.Select(f => f.Filter),
            Gen.OneOf(
                Gen.Constant(((SisFilter)null!, Seq1(field))),
                Gen.Constant((SisFilter.Empty, Seq1(field))),
                InvalidFilter.Select(f => (f.Filter, Seq1(field)))
            ),
            f => f?.ToString() ?? "null"
        );

    // ---- queries and options --------------------------------------------------------------------------------

    private static bool ListItemOk(string s, bool allowSign) =>
        !s.Contains(',')
        && (allowSign || (s[0] != '-' && s[0] != '+'))
        && !s.Any(char.IsWhiteSpace)
        && s is not ("-" or "+");

    /// <summary>A valid sort field.</summary>
    public static Gen<string> SortField { get; } = Hostile().Where(s => ListItemOk(s, false));

    /// <summary>A valid projection item (a sign is allowed).</summary>
    public static Gen<string> FieldItem { get; } =
        Gen.Frequency(
            (3, Hostile().Where(s => ListItemOk(s, true))),
            (1, Hostile().Where(s => ListItemOk(s, false)).Select(s => "-" + s)),
            (1, Hostile().Where(s => ListItemOk(s, false)).Select(s => "+" + s))
        );

    /// <summary>A valid populate path.</summary>
    public static Gen<string> PopulatePath { get; } =
        Hostile().Where(s => ListItemOk(s, false) && s is not ("true" or "false"));

    /// <summary>A valid populate choice with the value it sends.</summary>
    public static Gen<(SisPopulate Populate, Option<string> Value)> Populate { get; } =
        Gen.OneOf(
            Gen.Elements(
                (SisPopulate.Default, Option<string>.None),
                (SisPopulate.All, Some("true")),
                (SisPopulate.None, Some("false"))
            ),
            NonEmpty(PopulatePath, 3)
                .Select(ps => (SisPopulate.Paths(ps), Some(string.Join(",", ps))))
        );

    /// <summary>A valid query with the pairs it must send.</summary>
    public static Gen<(SisQuery Query, Seq<Pair> Pairs, string Shown)> Queries { get; } =
        from filter in Gen.Frequency(
            (1, Gen.Constant(Option<FilterSpec>.None)),
            (3, Filter.Select(Some))
        )
        from limit in Maybe(Gen.Frequency((3, Gen.Choose(1, 10000)), (1, Gen.Elements(1, 10000))))
        from offset in Maybe(NonNegative)
        from sort in Gen.Choose(0, 3)
            .SelectMany(n => Gen.ArrayOf(SortField.Zip(Gen.Elements(true, false)), n))
        from fields in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(FieldItem, n))
        from populate in Populate
        from removeEmpty in Gen.Elements(true, false)
        from withCounts in Gen.Elements(true, false)
        let query = new SisQuery(
            filter.Match(f => f.Filter, () => SisFilter.Empty),
            limit,
            offset,
            toSeq(sort.Select(s => new SisSort(s.Item1, s.Item2))),
            toSeq(fields),
            populate.Populate,
            removeEmpty,
            withCounts
        )
        let pairs = filter.Map(f => new Pair("q", f.Json, IsJson: true)).ToSeq()
            + limit.Map(l => new Pair("limit", Dec(l))).ToSeq()
            + offset.Map(o => new Pair("offset", Dec(o))).ToSeq()
            + (
                sort.Length > 0
                    ? Seq1(
                        new Pair(
                            "sort",
                            string.Join(",", sort.Select(s => (s.Item2 ? "-" : "") + s.Item1))
                        )
                    )
                    : Empty
            )
            + (fields.Length > 0 ? Seq1(new Pair("fields", string.Join(",", fields))) : Empty)
            + populate.Value.Map(v => new Pair("populate", v)).ToSeq()
            + (removeEmpty ? Seq1(new Pair("removeEmpty", "true")) : Empty)
            + (withCounts ? Seq1(new Pair("with_counts", "true")) : Empty)
        select (
            query,
            pairs,
            $"Query(q {filter.Match(f => f.Shown, () => "{}")}, limit {limit}, offset {offset}, sort [{string.Join(",", sort.Select(s => (s.Item2 ? "-" : "") + Wire.Show(s.Item1)))}], fields {Wire.Show(toSeq(fields))}, populate {populate.Value}, removeEmpty {removeEmpty}, withCounts {withCounts})"
        );

    private static readonly string?[] BadSortFields = [null, "", "a,b", "-a", "+a", "  ", "\uD800"];
    private static readonly string?[] BadFieldItems = [null, "", "a,b", "   ", "\uDFFF"];
    private static readonly string?[] BadPopulatePaths =
    [
        null,
        "",
        "a,b",
        "-a",
        "+a",
        " ",
        "true",
        "false",
        "\uD800",
    ];

    /// <summary>A list where some items are bad; gives the items and the indexes of the bad ones.</summary>
    private static Gen<(T[] Items, int[] Bad)> WithBadItems<T>(Gen<T> good, Gen<T> bad) =>
        Gen.Choose(1, 4)
            .SelectMany(n =>
                Gen.ArrayOf(
                    Gen.Frequency(
                        (2, good.Select(g => (g, false))),
                        (1, bad.Select(b => (b, true)))
                    ),
                    n
                )
            )
            .Where(a => a.Any(x => x.Item2))
            .Select(a =>
                (
                    a.Select(x => x.Item1).ToArray(),
                    a.Select((x, i) => (x, i)).Where(p => p.x.Item2).Select(p => p.i).ToArray()
                )
            );

    /// <summary>A populate choice that is bad, with the fields it breaks under <paramref name="field"/>.</summary>
    public static Gen<(SisPopulate Populate, Seq<string> Fields)> BadPopulate(string field) =>
        Gen.OneOf(
            Gen.Constant(((SisPopulate)null!, Seq1(field))),
            Gen.Constant((SisPopulate.Paths(), Seq1(field))),
            Gen.Constant((SisPopulate.Paths(Seq<string>()), Seq1(field))),
            WithBadItems<string?>(
                    PopulatePath.Select(s => (string?)s),
                    Gen.Elements(BadPopulatePaths)
                )
                .Select(x =>
                    (
                        SisPopulate.Paths(x.Items.Select(i => i!).ToArray()),
                        toSeq(x.Bad.Select(i => $"{field}[{i}]"))
                    )
                )
        );

    /// <summary>A query argument: null, or a query with some bad parts and every field they break.</summary>
    public static ArgGen QueryArg(string field) =>
        ArgGen.Of<SisQuery>(
            Queries.Select(q => q.Query),
            Gen.OneOf(
                Gen.Constant(((SisQuery)null!, Seq1(field))),
                from mask in Gen.Choose(1, 63)
                from filter in (mask & 1) != 0
                    ? Gen.OneOf(
                        Gen.Constant(((SisFilter)null!, true)),
                        InvalidFilter.Select(f => (f.Filter, true))
                    )
                    : Gen.Constant((SisFilter.Empty, false))
                from limit in (mask & 2) != 0
                    ? Gen.Elements(0, -1, 10001, int.MaxValue, int.MinValue).Select(Some)
                    : Gen.Constant(Option<int>.None)
                from offset in (mask & 4) != 0
                    ? Gen.Elements(-1, int.MinValue).Select(Some)
                    : Gen.Constant(Option<int>.None)
                from sort in (mask & 8) != 0
                    ? WithBadItems<SisSort?>(
                        SortField.Select(s => (SisSort?)SisSort.Asc(s)),
                        Gen.OneOf(
                            Gen.Constant<SisSort?>(null),
                            Gen.Elements(BadSortFields)
                                .Zip(Gen.Elements(true, false))
                                .Select(x => (SisSort?)new SisSort(x.Item1!, x.Item2))
                        )
                    )
                    : Gen.Constant(
                        (Items: System.Array.Empty<SisSort?>(), Bad: System.Array.Empty<int>())
                    )
                from fields in (mask & 16) != 0
                    ? WithBadItems<string?>(
                        FieldItem.Select(s => (string?)s),
                        Gen.Elements(BadFieldItems)
                    )
                    : Gen.Constant(
                        (Items: System.Array.Empty<string?>(), Bad: System.Array.Empty<int>())
                    )
                from populate in (mask & 32) != 0
                    ? BadPopulate($"{field}.populate")
                    : Gen.Constant((SisPopulate.Default, Seq<string>()))
                select (
                    new SisQuery(
                        filter.Item1,
                        limit,
                        offset,
                        toSeq(sort.Items.Select(x => x!)),
                        toSeq(fields.Items.Select(x => x!)),
                        populate.Item1,
                        false,
                        false
                    ),
                    (filter.Item2 ? Seq1($"{field}.filter") : Seq<string>())
                        + (limit.IsSome ? Seq1($"{field}.limit") : Seq<string>())
                        + (offset.IsSome ? Seq1($"{field}.offset") : Seq<string>())
                        + toSeq(
                            sort.Bad.Select(i =>
                                sort.Items[i] is null
                                    ? $"{field}.sort[{i}]"
                                    : $"{field}.sort[{i}].field"
                            )
                        )
                        + toSeq(fields.Bad.Select(i => $"{field}.fields[{i}]"))
                        + populate.Item2
                )
            ),
            ShowQuery
        );

    /// <summary>Shows a query.</summary>
    public static string ShowQuery(SisQuery? q) =>
        q is null
            ? "null"
            : $"Query(q {q.Filter?.ToString() ?? "null"}, limit {q.Limit}, offset {q.Offset}, sort [{string.Join(",", q.Sort.Map(s => s is null ? "null" : (s.Descending ? "-" : "") + Wire.Show(s.Field)))}], fields [{string.Join(",", q.Fields.Map(Wire.Show))}], populate {q.Populate?.ToString() ?? "null"})";

    /// <summary>Valid get options with their pairs.</summary>
    public static Gen<(SisGetOptions Options, Seq<Pair> Pairs)> GetOptions { get; } =
        from p in Populate
        from r in Gen.Elements(true, false)
        from w in Gen.Elements(true, false)
        select (
            new SisGetOptions(p.Populate, r, w),
            p.Value.Map(v => new Pair("populate", v)).ToSeq()
                + (r ? Seq1(new Pair("removeEmpty", "true")) : Empty)
                + (w ? Seq1(new Pair("with_counts", "true")) : Empty)
        );

    /// <summary>Get options argument.</summary>
    public static ArgGen GetOptionsArg { get; } =
        ArgGen.Of<SisGetOptions>(
            GetOptions.Select(o => o.Options),
            Gen.OneOf(
                Gen.Constant(((SisGetOptions)null!, Seq1("options"))),
                BadPopulate("options.populate")
                    .Select(p => (new SisGetOptions(p.Populate, true, false), p.Fields))
            ),
            o =>
                o is null
                    ? "null"
                    : $"GetOptions({o.Populate?.ToString() ?? "null"}, {o.RemoveEmpty}, {o.WithCounts})"
        );

    /// <summary>Valid update options with their pairs.</summary>
    public static Gen<(
        SisUpdateOptions Options,
        Seq<Pair> Pairs,
        string Shown
    )> UpdateOptions { get; } =
        from upsert in Gen.Elements(true, false)
        from cas in Maybe(Filter)
        from force in Gen.Elements(true, false)
        select (
            new SisUpdateOptions(upsert, cas.Map(c => c.Filter), force),
            (upsert ? Seq1(new Pair("upsert", "true")) : Empty)
                + cas.Map(c => new Pair("cas", c.Json, IsJson: true)).ToSeq()
                + (force ? Seq1(new Pair("forceMixed", "true")) : Empty),
            $"UpdateOptions(upsert {upsert}, cas {cas.Match(c => c.Shown, () => "-")}, forceMixed {force})"
        );

    /// <summary>Update options argument.</summary>
    public static ArgGen UpdateOptionsArg { get; } =
        ArgGen.Of<SisUpdateOptions>(
            UpdateOptions.Select(o => o.Options),
            Gen.OneOf(
                Gen.Constant(((SisUpdateOptions)null!, Seq1("options"))),
                Gen.OneOf(Gen.Constant((SisFilter.Empty, "{}")), InvalidFilter)
                    .Select(f =>
                        (new SisUpdateOptions(true, Some(f.Item1), false), Seq1("options.cas"))
                    )
            ),
            o =>
                o is null
                    ? "null"
                    : $"UpdateOptions({o.Upsert}, {o.Cas.Map(c => c.ToString())}, {o.ForceMixed})"
        );

    /// <summary>Any instant (UTC or with an offset).</summary>
    public static Gen<DateTimeOffset> Instants { get; } =
        Gen.OneOf(
            Gen.Elements(
                DateTimeOffset.UnixEpoch,
                DateTimeOffset.MinValue,
                DateTimeOffset.MaxValue,
                DateTimeOffset.UnixEpoch.AddTicks(-1),
                DateTimeOffset.UnixEpoch.AddTicks(9999),
                DateTimeOffset.UnixEpoch.AddTicks(-10001)
            ),
            from ticks in ArbMap.Default.GeneratorFor<long>()
            from minutes in Gen.Choose(-14 * 60, 14 * 60)
            let t = Math.Abs(ticks % (DateTime.MaxValue.Ticks - 2 * TimeSpan.TicksPerDay))
                + TimeSpan.TicksPerDay
            select new DateTimeOffset(t, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(minutes))
        );

    /// <summary>The epoch milliseconds of an instant, computed from ticks (floor), as decimal text.</summary>
    public static string EpochMillis(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var ms = ticks / TimeSpan.TicksPerMillisecond;
        if (ticks % TimeSpan.TicksPerMillisecond < 0)
            ms--;
        return Dec(ms);
    }

    /// <summary>A Basic header value for user and password.</summary>
    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}
