using System.Globalization;

namespace Functional.PropertyTests.Provisioning;

/// <summary>One argument of a builder call: its value, how to show it, and the fields it makes bad (none when valid).</summary>
/// <param name="Value">The value passed to the builder (boxed).</param>
/// <param name="Shown">A readable rendering.</param>
/// <param name="Bad">The fields the builder must name for it; empty when the value is valid.</param>
public sealed record Arg(object? Value, string Shown, Seq<string> Bad)
{
    public override string ToString() => Shown;
}

/// <summary>How to generate one argument of a builder: valid values and invalid ones with the fields they break.</summary>
/// <param name="Good">Valid values.</param>
/// <param name="Bad">Invalid values (null when every value is valid).</param>
public sealed record ArgGen(Gen<Arg> Good, Gen<Arg>? Bad)
{
    /// <summary>An argument that has no invalid value.</summary>
    public static ArgGen Always<T>(Gen<T> good, Func<T, string> show) =>
        new(good.Select(v => new Arg(v, show(v), Empty)), null);

    /// <summary>An argument of type <typeparamref name="T"/>.</summary>
    public static ArgGen Of<T>(
        Gen<T> good,
        Gen<(T Value, Seq<string> Fields)> bad,
        Func<T, string> show
    ) =>
        new(
            good.Select(v => new Arg(v, show(v), Empty)),
            bad.Select(b => new Arg(b.Value, show(b.Value), b.Fields))
        );
}

/// <summary>Generic helpers for generated strings and for builder calls with some invalid arguments.</summary>
public static class Args
{
    /// <summary>Pieces that break naive encoders: URL delimiters, escapes, dots, quotes, CSV and header breakers, unicode.</summary>
    public static readonly string[] Nasty =
    [
        "/",
        "?",
        "#",
        "%",
        "+",
        "&",
        "=",
        " ",
        "  ",
        "%2F",
        "%20",
        "%zz",
        "%2E",
        "..",
        ".",
        "~",
        "\\",
        ",",
        "\"",
        "'",
        ";",
        ":",
        "@",
        "[]",
        "{",
        "}",
        "<",
        ">",
        "|",
        "^",
        "`",
        "$",
        "*",
        "é",
        "ß",
        "日本",
        "😀",
        "\u2028",
        "\uFEFF",
        "\u00A0",
        "+1",
        "a=b&c=d",
        "?x=1#y",
        "true",
    ];

    /// <summary>Control characters (allowed in path segments and form values, never in headers).</summary>
    public static readonly string[] Controls =
    [
        "\t",
        "\r\n",
        "\n",
        "\r",
        "\u0000",
        "\u007F",
        "\u0085",
    ];

    private static Gen<string> Word { get; } =
        Gen.Choose(1, 6)
            .SelectMany(n =>
                Gen.ArrayOf(
                    Gen.Elements(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".ToCharArray()
                    ),
                    n
                )
            )
            .Select(cs => new string(cs));

    private static Gen<string> Piece(bool controls) =>
        Gen.Frequency(
            (5, Word),
            (4, Gen.Elements(Nasty)),
            (2, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(0xA0, 0xD7FF).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(0x1F300, 0x1FAFF).Select(char.ConvertFromUtf32)),
            (controls ? 1 : 0, Gen.Elements(Controls))
        );

    /// <summary>Non-empty, well-formed text built from hostile pieces; control characters only when asked.</summary>
    public static Gen<string> Hostile(bool controls = true, int maxPieces = 4) =>
        Gen.Choose(1, maxPieces)
            .SelectMany(n => Gen.ArrayOf(Piece(controls), n))
            .Select(string.Concat);

    /// <summary>A valid path segment: non-empty, not '.' or '..', well-formed (controls allowed).</summary>
    public static Gen<string> Segment { get; } = Hostile().Where(s => s is not ("." or ".."));

    /// <summary>A valid name: non-empty well-formed text (controls allowed).</summary>
    public static Gen<string> Name { get; } = Hostile();

    /// <summary>Valid text: well-formed, possibly empty.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency((1, Gen.Constant("")), (5, Hostile()));

    /// <summary>A header-safe value: printable ASCII, non-empty.</summary>
    public static Gen<string> HeaderSafe { get; } =
        Gen.Choose(1, 24)
            .SelectMany(n => Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c), n))
            .Select(cs => new string(cs));

    /// <summary>40 lower-case hex characters.</summary>
    public static Gen<string> Hex40 { get; } =
        Gen.ArrayOf(Gen.Elements("0123456789abcdef".ToCharArray()), 40)
            .Select(cs => new string(cs));

    /// <summary>A string with an unpaired surrogate somewhere.</summary>
    public static Gen<string> LoneSurrogate { get; } =
        from prefix in Gen.Elements("", "a", "x/y", "é")
        from s in Gen.Elements("\uD800", "\uDFFF", "\uDC00x", "a\uD83D")
        select prefix + s;

    /// <summary>Bad identifiers (RID, CIK, share code): wrong length, upper case, non-hex.</summary>
    public static Gen<string?> BadIdentifier { get; } =
        Gen.OneOf(
            Gen.Constant<string?>(null),
            Gen.Elements<string?>("", "abc", new string('a', 39), new string('a', 41)),
            Hex40.Select(h => (string?)h.ToUpperInvariant()).Where(h => h!.Any(char.IsUpper)),
            Hex40.Select(h => (string?)("g" + h[1..])),
            Hex40.Select(h => (string?)(h[..39] + " "))
        );

    /// <summary>Optional values: None or Some.</summary>
    public static Gen<Option<T>> Maybe<T>(Gen<T> gen) =>
        Gen.Frequency((1, Gen.Constant(Option<T>.None)), (2, gen.Select(v => Some(v))));

    /// <summary>A non-empty list of up to <paramref name="max"/> items.</summary>
    public static Gen<Seq<T>> NonEmpty<T>(Gen<T> gen, int max = 4) =>
        Gen.Choose(1, max).SelectMany(n => Gen.ArrayOf(gen, n)).Select(a => toSeq(a));

    /// <summary>A non-negative int biased to small and extreme values.</summary>
    public static Gen<int> NonNegative { get; } =
        Gen.Frequency(
            (4, Gen.Choose(0, 100)),
            (2, Gen.Choose(0, int.MaxValue)),
            (1, Gen.Elements(0, int.MaxValue))
        );

    /// <summary>A non-negative long biased to small and extreme values.</summary>
    public static Gen<long> NonNegativeLong { get; } =
        Gen.Frequency(
            (3, Gen.Choose(0, 1000).Select(i => (long)i)),
            (
                2,
                ArbMap
                    .Default.GeneratorFor<long>()
                    .Select(l => l == long.MinValue ? 0 : Math.Abs(l))
            ),
            (1, Gen.Elements(0L, long.MaxValue, (long)int.MaxValue + 1))
        );

    /// <summary>Decimal text of a number (invariant), computed here rather than by Core.</summary>
    public static string Dec(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A string argument with its own valid generator and the invalid values that break <paramref name="field"/>.</summary>
    public static ArgGen Str(string field, Gen<string> good, Gen<string?> bad) =>
        ArgGen.Of<string>(good, bad.Select(b => (b!, Seq1(field))), Wire.Show);

    /// <summary>A value that becomes one path segment.</summary>
    public static ArgGen SegmentArg(string field) =>
        Str(
            field,
            Segment,
            Gen.OneOf(
                Gen.Elements<string?>(null, "", ".", ".."),
                LoneSurrogate.Select(s => (string?)s)
            )
        );

    /// <summary>A non-empty name sent in a form or query.</summary>
    public static ArgGen NameArg(string field) =>
        Str(
            field,
            Name,
            Gen.OneOf(Gen.Elements<string?>(null, ""), LoneSurrogate.Select(s => (string?)s))
        );

    /// <summary>Text sent in a form (may be empty).</summary>
    public static ArgGen TextArg(string field) =>
        Str(
            field,
            Text,
            Gen.OneOf(Gen.Constant<string?>(null), LoneSurrogate.Select(s => (string?)s))
        );

    /// <summary>A 40-hex identifier.</summary>
    public static ArgGen IdentifierArg(string field) => Str(field, Hex40, BadIdentifier);

    /// <summary>An optional string: None, Some(valid) or Some(invalid).</summary>
    public static ArgGen OptionArg(string field, Gen<string> good, Gen<string?> bad) =>
        ArgGen.Of<Option<string>>(
            Maybe(good),
            bad.Select(b => (Option<string>.Some(b!), Seq1(field))),
            Wire.Show
        );

    /// <summary>A list of names: bad when empty (the list) or when items are bad (each <c>field[i]</c>).</summary>
    public static ArgGen NamesArg(string field) =>
        ArgGen.Of<Seq<string>>(
            NonEmpty(Name),
            Gen.OneOf(
                Gen.Constant((Seq<string>(), Seq1(field))),
                from items in Gen.Choose(1, 4)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            Gen.Frequency(
                                (2, Name.Select(s => (s, false))),
                                (
                                    1,
                                    Gen.OneOf(
                                            Gen.Elements<string?>(null, ""),
                                            LoneSurrogate.Select(s => (string?)s)
                                        )
                                        .Select(s => (s!, true))
                                )
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
            Wire.Show
        );

    /// <summary>
    /// Builder calls where at least one argument is invalid (half the time exactly one, else any non-empty subset),
    /// with the fields the errors must name.
    /// </summary>
    public static Gen<InvalidCase> Invalid(
        string builder,
        Func<object?[], Validation<ApiError, HttpRequest>> call,
        params ArgGen[] args
    )
    {
        var badable = Enumerable
            .Range(0, args.Length)
            .Where(i => args[i].Bad is not null)
            .ToArray();
        var all = (1 << badable.Length) - 1;
        var masks = Gen.Frequency(
            (1, Gen.Choose(0, badable.Length - 1).Select(i => 1 << i)),
            (1, Gen.Choose(1, all))
        );
        return from mask in masks
            from values in Gen.CollectToArray(
                args.Select(
                    (a, i) =>
                        System.Array.IndexOf(badable, i) is var b
                        && b >= 0
                        && (mask & (1 << b)) != 0
                            ? a.Bad!
                            : a.Good
                )
            )
            select new InvalidCase(
                $"{builder}({string.Join(", ", values.Select(v => v.Shown))})",
                () => call(values.Select(v => v.Value).ToArray()),
                toSeq(values.SelectMany(v => v.Bad))
            );
    }
}
