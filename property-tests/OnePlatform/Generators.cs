using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Functional.PropertyTests.OnePlatform;

/// <summary>A read or write call as the test models it, with the arguments it must produce (built independently of Core).</summary>
/// <param name="Procedure">read or write.</param>
/// <param name="Call">The call made by the Core builder.</param>
/// <param name="ExpectedArguments">The arguments array the call must send.</param>
/// <param name="Description">For failure messages.</param>
public sealed record CallSpec(
    string Procedure,
    RpcCall<Unit> Call,
    JsonNode ExpectedArguments,
    string Description
)
{
    public override string ToString() => Description;
}

/// <summary>Generators of valid One Platform inputs and of hostile response bodies.</summary>
public static class Generators
{
    private static readonly char[] HexDigits = "0123456789abcdef".ToCharArray();

    // Declared first: static initializers run in text order and later generators use it.
    private static Gen<long> NonNegative { get; } =
        Gen.OneOf(
            Gen.Choose(0, 2_000_000_000).Select(i => (long)i),
            ArbMap.Default.GeneratorFor<long>().Select(l => l == long.MinValue ? 0 : Math.Abs(l))
        );

    /// <summary>40 lower-case hex characters: a RID, CIK, token or share code.</summary>
    public static Gen<string> Identifier { get; } =
        Gen.ArrayOf(Gen.Elements(HexDigits), 40).Select(cs => new string(cs));

    /// <summary>One printable text element: ASCII (quotes, backslashes, markup included), Latin-1, CJK, or an emoji (a surrogate pair).</summary>
    public static Gen<string> TextElement { get; } =
        Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
            (2, Gen.Elements("\"", "\\", "/", "<", "&", "'", " ", "\u2028")),
            (2, Gen.Choose(0xA0, 0x24F).Select(c => ((char)c).ToString())),
            (2, Gen.Choose(0x4E00, 0x9FFF).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(0x1F300, 0x1FAFF).Select(char.ConvertFromUtf32))
        );

    /// <summary>Well-formed Unicode text of up to <paramref name="max"/> elements.</summary>
    public static Gen<string> Text(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(TextElement, n)).Select(string.Concat);

    /// <summary>An alias: any well-formed text without control characters, unicode included (may be empty: the caller itself).</summary>
    public static Gen<string> Alias { get; } = Text(24);

    /// <summary>A resource id in any of its three forms, with the JSON it must be sent as.</summary>
    public static Gen<(ResourceId Id, JsonNode Json)> Resource { get; } =
        Gen.OneOf(
            Identifier.Select(rid => (ResourceId.Rid(rid), (JsonNode)JsonValue.Create(rid))),
            Alias.Select(a => (ResourceId.Alias(a), (JsonNode)new JsonObject { ["alias"] = a })),
            Gen.Constant((ResourceId.Self, (JsonNode)new JsonObject { ["alias"] = "" }))
        );

    /// <summary>Any long, biased towards small and extreme values.</summary>
    public static Gen<long> AnyLong { get; } =
        Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<long>()),
            (1, Gen.Elements(0L, 1L, -1L, long.MinValue, long.MaxValue, 1L << 53, -(1L << 53) - 1))
        );

    /// <summary>Any finite double, including extremes, subnormals and negative zero.</summary>
    public static Gen<double> FiniteDouble { get; } =
        Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite)),
            (
                1,
                Gen.Elements(
                    0.0,
                    -0.0,
                    double.Epsilon,
                    double.MaxValue,
                    double.MinValue,
                    0.1,
                    1e-300,
                    123456789.125
                )
            )
        );

    /// <summary>A point value (long, finite double or text) with the JSON it must be sent as.</summary>
    public static Gen<(PointValue Value, JsonNode Json)> Value { get; } =
        Gen.OneOf(
            AnyLong.Select(n => (PointValue.Of(n), (JsonNode)JsonValue.Create(n))),
            FiniteDouble.Select(d => (PointValue.Of(d), (JsonNode)JsonValue.Create(d))),
            Text(40).Select(s => (PointValue.Of(s), (JsonNode)JsonValue.Create(s)))
        );

    private static Gen<Option<long>> Maybe(Gen<long> gen) =>
        Gen.Frequency((1, Gen.Constant(Option<long>.None)), (2, gen.Select(Some)));

    /// <summary>Valid read options with the JSON object they must be sent as.</summary>
    public static Gen<(ReadOptions Options, JsonNode Json)> Options { get; } =
        from start in Maybe(NonNegative)
        from length in Maybe(NonNegative)
        from sort in Gen.Elements<SortOrder?>(null, SortOrder.Ascending, SortOrder.Descending)
        from limit in Maybe(NonNegative)
        from selection in Gen.Elements<Selection?>(
            null,
            Selection.All,
            Selection.GivenWindow,
            Selection.AutoWindow
        )
        select Build(
            start,
            start.IsSome ? length.Map(l => SafeAdd((long)start, l)) : length,
            sort,
            limit,
            selection
        );

    private static long SafeAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static (ReadOptions, JsonNode) Build(
        Option<long> start,
        Option<long> end,
        SortOrder? sort,
        Option<long> limit,
        Selection? selection
    )
    {
        var options = ReadOptions.Latest;
        var json = new JsonObject();
        start.IfSome(v =>
        {
            options = options.WithStartTime(v);
            json["starttime"] = v;
        });
        end.IfSome(v =>
        {
            options = options.WithEndTime(v);
            json["endtime"] = v;
        });
        if (sort is { } s)
        {
            options = options.WithSort(s);
            json["sort"] = s == SortOrder.Ascending ? "asc" : "desc";
        }
        limit.IfSome(v =>
        {
            options = options.WithLimit(v);
            json["limit"] = v;
        });
        if (selection is { } sel)
        {
            options = options.WithSelection(sel);
            json["selection"] = sel switch
            {
                Selection.GivenWindow => "givenwindow",
                Selection.AutoWindow => "autowindow",
                _ => "all",
            };
        }
        return (options, json);
    }

    private static RpcCall<Unit> Valid<T>(Validation<ApiError, RpcCall<T>> v) =>
        v.Match(
            c => c.Map(_ => unit),
            e =>
                throw new InvalidOperationException(
                    "generated an invalid call: " + string.Join("; ", e)
                )
        );

    /// <summary>A valid read or write (either argument form) with its expected arguments.</summary>
    public static Gen<CallSpec> Call { get; } =
        Gen.OneOf(
            from r in Resource
            from o in Options
            select new CallSpec(
                "read",
                Valid(TimeSeries.Read(r.Id, o.Options)),
                new JsonArray(r.Json.DeepClone(), o.Json.DeepClone()),
                $"read {r.Json.ToJsonString()} {o.Json.ToJsonString()}"
            ),
            from r in Resource
            from v in Value
            from pyonep in Gen.Elements(false, true)
            select new CallSpec(
                "write",
                Valid(
                    TimeSeries.Write(
                        r.Id,
                        v.Value,
                        pyonep ? ArgumentForm.Pyonep : ArgumentForm.Documented
                    )
                ),
                pyonep
                    ? new JsonArray(r.Json.DeepClone(), v.Json.DeepClone(), new JsonObject())
                    : new JsonArray(r.Json.DeepClone(), v.Json.DeepClone()),
                $"write {r.Json.ToJsonString()} {v.Json.ToJsonString()}{(pyonep ? " (pyonep)" : "")}"
            )
        );

    /// <summary>Any start id that leaves room for <c>10_000</c> calls.</summary>
    public static Gen<long> StartId { get; } =
        Gen.Frequency(
            (3, Gen.Choose(0, 1000).Select(i => (long)i)),
            (1, NonNegative.Select(l => Math.Min(l, long.MaxValue - 10_000))),
            (1, Gen.Constant(long.MaxValue - 10_000))
        );

    /// <summary>Any auth form with valid identifiers.</summary>
    public static Gen<Auth> Auth { get; } =
        Gen.OneOf(
            Identifier.Select(Core.OnePlatform.Auth.Cik),
            from c in Identifier
            from r in Identifier
            select Core.OnePlatform.Auth.CikAsClient(c, r),
            from c in Identifier
            from r in Identifier
            select Core.OnePlatform.Auth.CikAsOwnerOf(c, r),
            Identifier.Select(Core.OnePlatform.Auth.Token),
            from t in Identifier
            from r in Identifier
            select Core.OnePlatform.Auth.TokenAsClient(t, r)
        );

    // ---- hostile bodies -----------------------------------------------------------------------

    private static readonly string[] Keys =
    [
        "id",
        "status",
        "result",
        "error",
        "code",
        "message",
        "context",
        "x",
    ];

    /// <summary>JSON string literals, some of them hostile: escaped unpaired surrogates, NUL, digits that look like ids.</summary>
    private static Gen<string> StringLiteral { get; } =
        Gen.OneOf(
            Gen.Elements(
                "\"ok\"",
                "\"invalid\"",
                "\"\"",
                "\"0\"",
                "\"1\"",
                "\"-1\"",
                "\"+2\"",
                "\"99999999999999999999\"",
                "\"\\ud800\"",
                "\"\\udc00x\"",
                "\"\\ud83d\\ude00\"",
                "\"\\u0000\"",
                "\"auth\""
            ),
            Text(6).Select(s => System.Text.Json.JsonSerializer.Serialize(s))
        );

    private static Gen<string> NumberLiteral { get; } =
        Gen.OneOf(
            Gen.Choose(-3, 30).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Elements(
                "1.5",
                "-0",
                "1e400",
                "-1e400",
                "1E2",
                "0.0",
                "9223372036854775808",
                "-9223372036854775809",
                "3.0"
            )
        );

    private static Gen<string> Leaf { get; } =
        Gen.Frequency(
            (3, StringLiteral),
            (3, NumberLiteral),
            (1, Gen.Elements("true", "false", "null"))
        );

    /// <summary>A random JSON value whose objects use the envelope's keys.</summary>
    public static Gen<string> JsonValueText { get; } = Gen.Sized(size => Tree(Math.Min(size, 12)));

    private static Gen<string> Tree(int size) =>
        size <= 0
            ? Leaf
            : Gen.Frequency(
                (3, Leaf),
                (
                    2,
                    Gen.Choose(0, 4)
                        .SelectMany(n => Gen.ArrayOf(Tree(size / 2), n))
                        .Select(items => "[" + string.Join(",", items) + "]")
                ),
                (
                    3,
                    Gen.Choose(0, 4)
                        .SelectMany(n =>
                            Gen.ArrayOf(
                                from k in Gen.Elements(Keys)
                                from v in Tree(size / 2)
                                select $"\"{k}\":{v}",
                                n
                            )
                        )
                        .Select(members => "{" + string.Join(",", members) + "}")
                )
            );

    /// <summary>An answer element for one of the first ids, with random status, result and error.</summary>
    private static Gen<string> AnswerElement { get; } =
        from id in Gen.OneOf(
            Gen.Choose(0, 6).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            StringLiteral,
            NumberLiteral
        )
        from status in Gen.OneOf(Gen.Constant("\"ok\""), JsonValueText)
        from result in Gen.OneOf(
            Gen.Constant(""),
            JsonValueText.Select(v => ",\"result\":" + v),
            Gen.Constant(",\"result\":[[1,2],[3,\"\\ud800\"]]")
        )
        from error in Gen.OneOf(Gen.Constant(""), JsonValueText.Select(v => ",\"error\":" + v))
        select $"{{\"id\":{id},\"status\":{status}{result}{error}}}";

    /// <summary>Bodies that are, or nearly are, One Platform answers.</summary>
    public static Gen<byte[]> JsonishBody { get; } =
        Gen.OneOf(
                Gen.Choose(0, 6)
                    .SelectMany(n => Gen.ArrayOf(AnswerElement, n))
                    .Select(es => "[" + string.Join(",", es) + "]"),
                JsonValueText.Select(v => "{\"error\":" + v + "}"),
                JsonValueText
            )
            .Select(Encoding.UTF8.GetBytes)
            .SelectMany(Mutate);

    /// <summary>Sometimes corrupts a body: a byte replaced by one that is not UTF-8, truncated, or a BOM in front.</summary>
    private static Gen<byte[]> Mutate(byte[] body) =>
        Gen.Frequency(
            (4, Gen.Constant(body)),
            (
                1,
                from at in Gen.Choose(0, Math.Max(0, body.Length - 1))
                from b in Gen.Elements<byte>(0xFF, 0xC3, 0x80, 0xED, 0x00, (byte)'"', (byte)'\\')
                select body.Length == 0
                    ? [b]
                    : body.Take(at).Append(b).Concat(body.Skip(at + 1)).ToArray()
            ),
            (1, Gen.Choose(0, body.Length).Select(n => body.Take(n).ToArray())),
            (
                1,
                Gen.Constant(
                    new byte[] { 0xEF, 0xBB, 0xBF }
                        .Concat(body)
                        .ToArray()
                )
            )
        );

    /// <summary>Any bytes at all.</summary>
    public static Gen<byte[]> AnyBytes { get; } = ArbMap.Default.GeneratorFor<byte[]>();

    /// <summary>Any status code, common ones more often.</summary>
    public static Gen<int> Status { get; } =
        Gen.Frequency((3, Gen.Elements(200, 401, 404, 500, 502, 503)), (1, Gen.Choose(100, 599)));
}
