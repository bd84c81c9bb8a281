using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>Generators of valid and invalid builder arguments, each with its expected JSON or its bad fields.</summary>
public static class BuilderGens
{
    private static readonly char[] Hex = "0123456789abcdef".ToCharArray();

    /// <summary>Renders a node for counterexamples.</summary>
    public static string Show(JsonNode? n) => n is null ? "null" : n.ToJsonString();

    /// <summary>Quotes text for counterexamples, escaping controls and unpaired surrogates (which JSON encoders would hide).</summary>
    private static string Quote(string? s)
    {
        if (s is null)
            return "null";
        var b = new System.Text.StringBuilder("\"");
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                b.Append(c).Append(s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
                b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else if (c is '"' or '\\')
                b.Append('\\').Append(c);
            else
                b.Append(c);
        }
        return b.Append('"').ToString();
    }

    // ---- numbers --------------------------------------------------------------------------------

    /// <summary>Any non-negative long, small and huge ones.</summary>
    public static Gen<long> NonNegative { get; } =
        Gen.Frequency(
            (3, Gen.Choose(0, 1_000_000).Select(i => (long)i)),
            (
                2,
                ArbMap
                    .Default.GeneratorFor<long>()
                    .Select(l => l == long.MinValue ? 0 : Math.Abs(l))
            ),
            (1, Gen.Elements(0L, 1L, long.MaxValue, (long)int.MaxValue + 1, 1L << 53))
        );

    /// <summary>Any negative long.</summary>
    public static Gen<long> Negative { get; } =
        Gen.Frequency(
            (3, Gen.Choose(1, 1_000_000).Select(i => -(long)i)),
            (1, Gen.Elements(-1L, long.MinValue, -(1L << 53) - 1))
        );

    /// <summary>Any long (negative timestamps are offsets before now).</summary>
    public static Gen<long> AnyLong { get; } = Generators.AnyLong;

    public static Gen<Option<long>> Maybe(Gen<long> g) =>
        Gen.Frequency((1, Gen.Constant(Option<long>.None)), (2, g.Select(Some)));

    // ---- text -----------------------------------------------------------------------------------

    private static Gen<string> Control { get; } =
        Gen.Elements(
            "\0",
            "\n",
            "\r",
            "\t",
            "\u0001",
            "\u001b",
            "\u001f",
            "\u007f",
            "\u0085",
            "\u009f"
        );

    /// <summary>Well-formed, printable text (quotes, backslashes, markup, Latin-1, CJK, emoji), possibly empty.</summary>
    public static Gen<string> Printable(int max) => Generators.Text(max);

    /// <summary>Well-formed, printable and not empty.</summary>
    public static Gen<string> PrintableNonEmpty(int max) =>
        from head in Generators.TextElement
        from rest in Generators.Text(max)
        select head + rest;

    /// <summary>Well-formed text that may hold control characters (NUL, newlines, escapes, C1 controls).</summary>
    public static Gen<string> AnyText(int max) =>
        Gen.Choose(0, max)
            .SelectMany(n =>
                Gen.ArrayOf(Gen.Frequency((6, Generators.TextElement), (1, Control)), n)
            )
            .Select(string.Concat);

    /// <summary>Well-formed text with at least one control character.</summary>
    public static Gen<string> WithControl { get; } =
        from a in Printable(6)
        from c in Control
        from b in Printable(6)
        select a + c + b;

    /// <summary>Text with an unpaired surrogate (not well-formed UTF-16).</summary>
    public static Gen<string> LoneSurrogate { get; } =
        from a in Printable(6)
        from s in Gen.Elements("\ud800", "\udbff", "\udc00", "\udfff", "\ud83d")
        from b in Gen.Elements("", "x", "\ud800")
        select a + s + b;

    // ---- identifiers ------------------------------------------------------------------------------

    /// <summary>40 lower-case hex characters.</summary>
    public static Gen<string> Identifier { get; } = Generators.Identifier;

    /// <summary>Strings that are not identifiers: wrong length, upper case, non-hex, unicode, blanks (never null).</summary>
    public static Gen<string> BadIdentifier { get; } =
        Gen.OneOf(
            Gen.Choose(0, 80)
                .Where(n => n != 40)
                .SelectMany(n => Gen.ArrayOf(Gen.Elements(Hex), n))
                .Select(cs => new string(cs)),
            from id in Identifier
            from at in Gen.Choose(0, 39)
            from c in Gen.Elements("A", "F", "g", "z", " ", "é", "\0", "-", "😀", "\ud800", "٣")
            select id[..at] + c + id[(at + 1)..],
            Identifier.Select(id => id.ToUpperInvariant()).Where(id => id.Any(char.IsLetter)),
            Identifier.Select(id => " " + id[1..]),
            Identifier.Select(id => id + "\n")
        );

    /// <summary>A bad identifier or null.</summary>
    public static Gen<string?> BadOrNullIdentifier { get; } =
        Gen.Frequency((5, BadIdentifier.Select(s => (string?)s)), (1, Gen.Constant<string?>(null)));

    /// <summary>An identifier argument (RID, code) of the given field.</summary>
    public static Gen<Arg<string>> IdArg { get; } =
        Identifier.Select(id => Arg.Ok(id, (JsonNode?)JsonValue.Create(id), id));

    public static Gen<Arg<string>> BadIdArg(string field) =>
        BadOrNullIdentifier.Select(s => Arg.Bad(s!, Quote(s), field));

    // ---- resources --------------------------------------------------------------------------------

    /// <summary>A resource id in any valid form: RID, hostile alias, the caller itself (three spellings).</summary>
    public static Gen<Arg<ResourceId>> Resource { get; } =
        Gen.Frequency(
            (8, Generators.Resource.Select(r => Arg.Ok(r.Id, (JsonNode?)r.Json, Show(r.Json)))),
            (
                1,
                Gen.Elements(ResourceId.Self, ResourceId.Alias(""))
                    .Select(r => Arg.Ok(r, (JsonNode?)new JsonObject { ["alias"] = "" }, "self"))
            )
        );

    /// <summary>A valid resource that is not the caller itself.</summary>
    public static Gen<Arg<ResourceId>> NotSelf { get; } =
        Resource.Where(r => r.Value is not ResourceId.Caller);

    /// <summary>The caller itself.</summary>
    public static Gen<Arg<ResourceId>> Self { get; } =
        Gen.Constant(Arg.Ok(ResourceId.Self, (JsonNode?)new JsonObject { ["alias"] = "" }, "self"));

    /// <summary>An invalid resource id for <paramref name="field"/>: null, a bad RID, a null alias, an alias with a control character or an unpaired surrogate.</summary>
    public static Gen<Arg<ResourceId>> BadResource(string field) =>
        Gen.OneOf(
            Gen.Constant(Arg.Bad<ResourceId>(null!, "null", field)),
            BadOrNullIdentifier.Select(s => Arg.Bad(ResourceId.Rid(s!), "rid " + Quote(s), field)),
            Gen.Constant(Arg.Bad(ResourceId.Alias(null!), "alias null", field)),
            WithControl.Select(a => Arg.Bad(ResourceId.Alias(a), "alias " + Quote(a), field)),
            LoneSurrogate.Select(a =>
                Arg.Bad(ResourceId.Alias(a), "alias with a lone surrogate", field)
            )
        );

    /// <summary>A valid resource that is not the caller, or an invalid one (the caller included).</summary>
    public static Gen<Arg<ResourceId>> BadNotSelf(string field) =>
        Gen.Frequency(
            (4, BadResource(field)),
            (1, Gen.Constant(Arg.Bad(ResourceId.Self, "self", field)))
        );

    // ---- values -------------------------------------------------------------------------------------

    private static readonly string[] OtherJson =
    [
        "true",
        "false",
        "null",
        "[]",
        "{}",
        "[1,\"a\",null,[true]]",
        "{\"k\":[1.5,null],\"é\":{\"x\":\"\\\"\"}}",
    ];

    /// <summary>A valid point value of modest size.</summary>
    public static Gen<Arg<PointValue>> SmallValue { get; } =
        Gen.Frequency(
            (12, Generators.Value.Select(v => Arg.Ok(v.Value, (JsonNode?)v.Json, Show(v.Json)))),
            (
                2,
                AnyText(30)
                    .Select(s => Arg.Ok(PointValue.Of(s), (JsonNode?)JsonValue.Create(s), Quote(s)))
            ),
            (
                2,
                Gen.Elements(OtherJson)
                    .Select(t =>
                    {
                        using var doc = JsonDocument.Parse(t);
                        return Arg.Ok(
                            (PointValue)new PointValue.Other(doc.RootElement.Clone()),
                            JsonNode.Parse(t),
                            t
                        );
                    })
            )
        );

    private static Gen<Arg<PointValue>> HugeValue { get; } =
        Gen.Elements(
                new string('a', PointValue.MaxStringBytes),
                string.Concat(Enumerable.Repeat("é", PointValue.MaxStringBytes / 2)),
                string.Concat(Enumerable.Repeat("😀", PointValue.MaxStringBytes / 4))
            )
            .Select(s =>
                Arg.Ok(
                    PointValue.Of(s),
                    (JsonNode?)JsonValue.Create(s),
                    $"text of {s.Length} chars at the limit"
                )
            );

    /// <summary>A valid point value: any long, any finite double, hostile text, text at the size limit (rarely), other JSON.</summary>
    public static Gen<Arg<PointValue>> Value { get; } =
        Gen.Frequency((30, SmallValue), (1, HugeValue));

    /// <summary>An invalid point value: null, NaN, infinities, null text, an unpaired surrogate, text over 64 KB, no JSON value.</summary>
    public static Gen<Arg<PointValue>> BadValue(string field) =>
        Gen.Frequency((20, SmallBadValue(field)), (1, HugeBadValue(field)));

    public static Gen<Arg<PointValue>> SmallBadValue(string field) =>
        Gen.OneOf(
            Gen.Constant(Arg.Bad<PointValue>(null!, "null", field)),
            Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)
                .Select(d =>
                    Arg.Bad(PointValue.Of(d), d.ToString(CultureInfo.InvariantCulture), field)
                ),
            Gen.Constant(Arg.Bad(PointValue.Of((string)null!), "text null", field)),
            LoneSurrogate.Select(s =>
                Arg.Bad(PointValue.Of(s), "text with a lone surrogate", field)
            ),
            Gen.Constant(
                Arg.Bad((PointValue)new PointValue.Other(default), "undefined JSON", field)
            )
        );

    private static Gen<Arg<PointValue>> HugeBadValue(string field) =>
        Gen.Elements(
                new string('a', PointValue.MaxStringBytes + 1),
                string.Concat(Enumerable.Repeat("é", PointValue.MaxStringBytes / 2)) + "a",
                string.Concat(Enumerable.Repeat("😀", (PointValue.MaxStringBytes / 4) + 1))
            )
            .Select(s =>
                Arg.Bad(PointValue.Of(s), $"text of {s.Length} chars over the limit", field)
            );

    // ---- times --------------------------------------------------------------------------------------

    private const long UnixEpochTicks = 621_355_968_000_000_000L;

    /// <summary>Floor of <c>a / b</c> for b &gt; 0.</summary>
    public static long FloorDiv(long a, long b) => (a / b) - ((a % b) < 0 ? 1 : 0);

    /// <summary>Any representable time (any offset) with its Unix second, computed from ticks.</summary>
    public static Gen<(DateTimeOffset Time, long Unix)> Time { get; } =
        from ticks in Gen.Frequency(
            (
                3,
                Gen.Choose(0, int.MaxValue)
                    .Select(s => UnixEpochTicks + (s * 10_000_000L) + (s % 7))
            ),
            (
                2,
                ArbMap
                    .Default.GeneratorFor<long>()
                    .Select(l =>
                        (long)(
                            (ulong)l
                            % (ulong)(DateTimeOffset.MaxValue.Ticks - (2 * TimeSpan.TicksPerDay))
                        ) + TimeSpan.TicksPerDay
                    )
            ),
            (
                1,
                Gen.Elements(
                    UnixEpochTicks,
                    UnixEpochTicks - 1,
                    UnixEpochTicks + 1,
                    UnixEpochTicks - 10_000_000,
                    TimeSpan.TicksPerDay,
                    DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerDay
                )
            )
        )
        from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
        let time = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(
            TimeSpan.FromMinutes(offsetMinutes)
        )
        select (time, FloorDiv(ticks - UnixEpochTicks, 10_000_000));

    // ---- enums --------------------------------------------------------------------------------------

    /// <summary>A value outside the enum's members.</summary>
    public static Gen<E> Undefined<E>()
        where E : struct, Enum =>
        Gen.Elements(-1, 99, int.MinValue, int.MaxValue, Enum.GetValues<E>().Length)
            .Select(i => (E)Enum.ToObject(typeof(E), i));

    public static Gen<Arg<E>> BadEnum<E>(string field)
        where E : struct, Enum =>
        Undefined<E>()
            .Select(e =>
                Arg.Bad(
                    e,
                    $"({typeof(E).Name}){Convert.ToInt32(e, CultureInfo.InvariantCulture)}",
                    field
                )
            );

    public static Gen<Arg<E>> EnumArg<E>(Func<E, string> wire)
        where E : struct, Enum =>
        Gen.Elements(Enum.GetValues<E>())
            .Select(e => Arg.Ok(e, (JsonNode?)JsonValue.Create(wire(e)), wire(e)));

    /// <summary>A form: documented or pyonep (no JSON of its own).</summary>
    public static Gen<ArgumentForm> Form { get; } =
        Gen.Elements(ArgumentForm.Documented, ArgumentForm.Pyonep);

    // ---- JSON extras --------------------------------------------------------------------------------

    private static readonly string[] ExtraJson =
    [
        "0",
        "-5",
        "1.25",
        "\"infinity\"",
        "\"x\\\"y\"",
        "true",
        "null",
        "[]",
        "{\"a\":[1,{\"b\":null}]}",
        "9223372036854775807",
    ];

    /// <summary>An extra JSON value (element given to the builder, node expected back).</summary>
    public static Gen<(JsonElement Element, JsonNode? Node, string Text)> ExtraValue { get; } =
        Gen.Elements(ExtraJson)
            .Select(t =>
            {
                using var doc = JsonDocument.Parse(t);
                return (doc.RootElement.Clone(), JsonNode.Parse(t), t);
            });

    /// <summary>
    /// Extra members whose keys avoid <paramref name="typed"/>: legacy keys and hostile unicode keys.
    /// </summary>
    public static Gen<(string Key, JsonElement Element, JsonNode? Node, string Text)[]> Extras(
        IReadOnlyList<string> typed
    ) =>
        Gen.Choose(0, 3)
            .SelectMany(n =>
                Gen.ArrayOf(
                    from key in Gen.OneOf(
                        Gen.Elements(
                            "writeinterval",
                            "visibility",
                            "io",
                            "legacy",
                            "Name",
                            "FORMAT"
                        ),
                        PrintableNonEmpty(8)
                    )
                    from v in ExtraValue
                    select (Key: key, v.Element, v.Node, v.Text),
                    n
                )
            )
            .Select(xs =>
                xs.Where(x => !typed.Contains(x.Key))
                    .DistinctBy(x => x.Key, StringComparer.Ordinal)
                    .ToArray()
            );

    /// <summary>Adds the extras to the expected object.</summary>
    public static void AddTo(
        JsonObject o,
        IEnumerable<(string Key, JsonElement Element, JsonNode? Node, string Text)> extras
    )
    {
        foreach (var x in extras)
            o[x.Key] = x.Node?.DeepClone();
    }

    public static string ShowExtras(
        IEnumerable<(string Key, JsonElement Element, JsonNode? Node, string Text)> extras
    ) => string.Concat(extras.Select(x => $" +{Quote(x.Key)}:{x.Text}"));

    /// <summary>
    /// A bad extra member of an object at <paramref name="field"/>: an empty key (names the object), a typed key,
    /// or an undefined value (both name <c>field.key</c>).
    /// </summary>
    public static Gen<(string Key, JsonElement Element, string Bad, string Shown)> BadExtra(
        string field,
        IReadOnlyList<string> typed
    ) =>
        Gen.OneOf(
            new[]
            {
                ExtraValue.Select(v => ("", v.Element, field, "extra \"\"")),
                from key in PrintableNonEmpty(6).Where(k => !typed.Contains(k))
                select (
                    key,
                    default(JsonElement),
                    $"{field}.{key}",
                    $"extra {Quote(key)} undefined"
                ),
            }
                .Concat(
                    typed.Count == 0
                        ? []
                        : new[]
                        {
                            from key in Gen.Elements(typed.ToArray())
                            from v in ExtraValue
                            select (key, v.Element, $"{field}.{key}", $"extra typed {key}"),
                        }
                )
                .ToArray()
        );

    public static string Q(string? s) => Quote(s);
}
