using System.Globalization;
using System.Text;

namespace Functional.PropertyTests.Parsers;

/// <summary>A response a parser is fed: status, reason, headers and body bytes, shown short and readable.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Reason">The reason phrase.</param>
/// <param name="Headers">Response headers.</param>
/// <param name="Body">The body bytes.</param>
public sealed record HostileResponse(
    int Status,
    string Reason,
    (string Name, string Value)[] Headers,
    byte[] Body
)
{
    /// <summary>The Core response.</summary>
    public HttpResponse ToResponse() =>
        new(
            Status,
            Reason,
            toSeq(Headers.Select(h => new HttpHeader(h.Name, h.Value)).ToArray()),
            Body
        );

    public override string ToString() =>
        $"{Status.ToString(CultureInfo.InvariantCulture)} \"{Reason}\" "
        + $"[{string.Join(", ", Headers.Select(h => h.Name + ": " + h.Value))}] "
        + HostileInput.Show(Body);
}

/// <summary>
/// Generators of hostile response parts: JSON of every shape (wrong types, duplicate keys, huge numbers, escaped
/// lone surrogates), truncated JSON, deep nesting, bytes that are not UTF-8, BOMs, empty and HTML bodies, CSV.
/// </summary>
public static class HostileInput
{
    /// <summary>A body for a failure message: text when short and printable, else its size and first bytes.</summary>
    public static string Show(byte[] body)
    {
        if (body.Length == 0)
            return "(empty body)";
        var text = Encoding.UTF8.GetString(body);
        var shown = text.Length <= 300 ? text : text[..300] + $"… ({body.Length} bytes)";
        return System.Text.Unicode.Utf8.IsValid(body)
            ? shown
            : $"(not UTF-8, {body.Length} bytes) {Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 64)))}";
    }

    private static readonly string[] Keys =
    [
        // One Platform envelope and results
        "id",
        "status",
        "result",
        "error",
        "code",
        "message",
        "context",
        "basic",
        "description",
        "shares",
        "storage",
        "aliases",
        "comments",
        "counts",
        "key",
        "subscribers",
        "tagged",
        "tags",
        "usage",
        "type",
        "modified",
        "created",
        "format",
        "name",
        "retention",
        "count",
        "duration",
        "limits",
        "meta",
        "public",
        "preprocess",
        "subscribe",
        "rule",
        "visibility",
        "locked",
        "client",
        "dataport",
        "datarule",
        "dispatch",
        "share",
        "activator",
        "activated",
        "first",
        "last",
        // SIS
        "_id",
        "success",
        "errors",
        "err",
        "value",
        "username",
        "expires",
        "x",
        "",
    ];

    /// <summary>JSON string literals, many hostile: lone surrogates, NUL, control escapes, ids, 40-hex.</summary>
    public static Gen<string> StringLiteral { get; } =
        Gen.Frequency(
            (
                4,
                Gen.Elements(
                    "\"ok\"",
                    "\"invalid\"",
                    "\"expire\"",
                    "\"\"",
                    "\"0\"",
                    "\"1\"",
                    "\"-1\"",
                    "\"+1\"",
                    "\"1e3\"",
                    "\"99999999999999999999\"",
                    "\"\\ud800\"",
                    "\"\\udc00x\"",
                    "\"a\\ud800b\"",
                    "\"\\ud83d\\ude00\"",
                    "\"\\u0000\"",
                    "\"\\n\\r\\t\"",
                    "\"null\"",
                    "\"true\"",
                    "\"auth\"",
                    "\"client\"",
                    "\"dataport\"",
                    "\"integer\"",
                    "\"float\"",
                    "\"string\"",
                    "\"0123456789abcdef0123456789abcdef01234567\"",
                    "\"0123456789ABCDEF0123456789ABCDEF01234567\""
                )
            ),
            (
                2,
                Gen.Choose(0, 12)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            Gen.OneOf(
                                Gen.Choose(0x20, 0x7E).Select(c => (char)c),
                                Gen.Elements('é', '中', '\u2028', '\u00A0')
                            ),
                            n
                        )
                    )
                    .Select(cs => System.Text.Json.JsonSerializer.Serialize(new string(cs)))
            ),
            (1, Gen.Choose(200, 3000).Select(n => "\"" + new string('x', n) + "\""))
        );

    /// <summary>JSON numbers, many extreme: 1e400, 2^64, -0, long.MinValue - 1, fractions, exponents.</summary>
    public static Gen<string> NumberLiteral { get; } =
        Gen.OneOf(
            Gen.Choose(-3, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Elements(
                "0",
                "-0",
                "-0.0",
                "0.0",
                "1.5",
                "-1.5",
                "3.0",
                "1E2",
                "1e-7",
                "1e308",
                "1e400",
                "-1e400",
                "1e-400",
                "4e18",
                "9.3e18",
                "18446744073709551616",
                "18446744073709551615",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "2147483647",
                "2147483648",
                "-2147483649",
                "123456789012345678901234567890",
                "0.1",
                "1.7976931348623157e308"
            )
        );

    private static Gen<string> Leaf { get; } =
        Gen.Frequency(
            (4, StringLiteral),
            (4, NumberLiteral),
            (2, Gen.Elements("true", "false", "null"))
        );

    /// <summary>A random JSON value of any shape whose objects use the keys the parsers look for (and repeat them).</summary>
    public static Gen<string> Json { get; } = Gen.Sized(size => Tree(Math.Min(size, 10)));

    /// <summary>Random JSON that is an object (the shape most parsers want, with anything inside).</summary>
    public static Gen<string> JsonObject { get; } =
        Gen.Sized(size => Object(Math.Max(Math.Min(size, 10), 2)));

    private static Gen<string> Tree(int size) =>
        size <= 0 ? Leaf : Gen.Frequency((3, Leaf), (2, Array(size)), (3, Object(size)));

    private static Gen<string> Array(int size) =>
        Gen.Choose(0, 4)
            .SelectMany(n => Gen.ArrayOf(Tree(size / 2), n))
            .Select(items => "[" + string.Join(",", items) + "]");

    private static Gen<string> Object(int size) =>
        Gen.Choose(0, 5)
            .SelectMany(n =>
                Gen.ArrayOf(
                    from k in Gen.Elements(Keys)
                    from v in Tree(size / 2)
                    select System.Text.Json.JsonSerializer.Serialize(k) + ":" + v,
                    n
                )
            )
            .Select(members => "{" + string.Join(",", members) + "}");

    /// <summary>Nesting far deeper than any parser's limit (up to 10,000 levels), of arrays or objects.</summary>
    public static Gen<string> DeepJson { get; } =
        from depth in Gen.Elements(63, 64, 65, 255, 256, 257, 1000, 10_000)
        from objects in Gen.Elements(false, true)
        select objects
            ? string.Concat(Enumerable.Repeat("{\"result\":", depth)) + "1" + new string('}', depth)
            : new string('[', depth) + "1" + new string(']', depth);

    /// <summary>Bodies that are not JSON at all: HTML error pages, plain text, CSV, whitespace.</summary>
    public static Gen<string> NotJson { get; } =
        Gen.Elements(
            "",
            " ",
            "\r\n",
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
            "<html><body>Cannot GET /api/v1.1/x</body></html>",
            "Internal Server Error",
            "Forbidden\n",
            "not json",
            "{",
            "[",
            "}",
            "]",
            "{\"a\":}",
            "[1,]",
            "{'a':1}",
            "NaN",
            "Infinity",
            "undefined",
            "// comment\n{}",
            "\"unterminated",
            "a,b,c\r\n1,2,3\r\n",
            "\"quoted, field\",x\r\n\"open",
            "sn1\nsn2\n",
            ",,,\n\n,",
            "\"a\"\"b\",c\n"
        );

    /// <summary>CSV-like text: rows of random fields, quoted or not, with numbers, booleans and junk.</summary>
    public static Gen<string> Csv { get; } =
        from rows in Gen.Choose(0, 5)
            .SelectMany(n =>
                Gen.ArrayOf(
                    Gen.Choose(1, 6)
                        .SelectMany(m =>
                            Gen.ArrayOf(
                                Gen.Frequency(
                                    (
                                        3,
                                        Gen.Elements(
                                            "",
                                            "0",
                                            "1",
                                            "-1",
                                            "true",
                                            "false",
                                            "sn",
                                            "activated",
                                            "notactivated",
                                            "expired",
                                            "base10",
                                            "base16",
                                            "mac:48",
                                            "upper",
                                            "lower",
                                            "0123456789abcdef0123456789abcdef01234567",
                                            "99999999999999999999",
                                            "1e400",
                                            "text/plain",
                                            "application/octet-stream"
                                        )
                                    ),
                                    (
                                        1,
                                        Gen.Elements(
                                            "\"a,b\"",
                                            "\"a\"\"b\"",
                                            "\"x\ny\"",
                                            "\"open",
                                            "a\"b",
                                            "é中"
                                        )
                                    )
                                ),
                                m
                            )
                        )
                        .Select(fields => string.Join(",", fields)),
                    n
                )
            )
        from eol in Gen.Elements("\n", "\r\n", "\r")
        select string.Join(eol, rows);

    /// <summary>Sometimes corrupts a body: a byte that is not UTF-8, truncation, a BOM, or a duplicated key.</summary>
    public static Gen<byte[]> Mutate(byte[] body) =>
        Gen.Frequency(
            (5, Gen.Constant(body)),
            (
                1,
                from at in Gen.Choose(0, Math.Max(0, body.Length - 1))
                from b in Gen.Elements<byte>(
                    0xFF,
                    0xFE,
                    0xC3,
                    0x80,
                    0xED,
                    0xF0,
                    0x00,
                    (byte)'"',
                    (byte)'\\'
                )
                select body.Length == 0
                    ? [b]
                    : body.Take(at).Append(b).Concat(body.Skip(at + 1)).ToArray()
            ),
            (2, Gen.Choose(0, body.Length).Select(n => body.Take(n).ToArray())),
            (
                1,
                Gen.Constant(
                    new byte[] { 0xEF, 0xBB, 0xBF }
                        .Concat(body)
                        .ToArray()
                )
            ),
            (
                1,
                Gen.Constant(
                    new byte[] { 0xFF, 0xFE }
                        .Concat(body)
                        .ToArray()
                )
            )
        );

    /// <summary>Any bytes at all.</summary>
    public static Gen<byte[]> AnyBytes { get; } = ArbMap.Default.GeneratorFor<byte[]>();

    /// <summary>A body of the given text, UTF-8 encoded, sometimes mutated.</summary>
    public static Gen<byte[]> Body(Gen<string> text) =>
        text.Select(Encoding.UTF8.GetBytes).SelectMany(Mutate);

    /// <summary>Any status: common ones more often, then any three-digit code, then nonsense.</summary>
    public static Gen<int> Status { get; } =
        Gen.Frequency(
            (
                4,
                Gen.Elements(
                    200,
                    201,
                    204,
                    205,
                    206,
                    299,
                    301,
                    400,
                    401,
                    403,
                    404,
                    409,
                    500,
                    502,
                    503
                )
            ),
            (2, Gen.Choose(100, 599)),
            (1, Gen.Elements(0, -1, 99, 600, 999, int.MaxValue, int.MinValue))
        );

    /// <summary>A 2xx status.</summary>
    public static Gen<int> Success { get; } =
        Gen.Frequency((3, Gen.Elements(200, 201, 204, 205)), (1, Gen.Choose(200, 299)));

    /// <summary>A status that is not 2xx.</summary>
    public static Gen<int> Failure { get; } =
        Gen.OneOf(Gen.Choose(100, 199), Gen.Choose(300, 599), Gen.Elements(0, 600, 999));

    /// <summary>Random headers, including the ones parsers read, with hostile values.</summary>
    public static Gen<(string Name, string Value)[]> Headers { get; } =
        Gen.Choose(0, 4)
            .SelectMany(n =>
                Gen.ArrayOf(
                    from name in Gen.Elements(
                        "x-total-count",
                        "X-Total-Count",
                        "Content-Type",
                        "Content-Range",
                        "Content-Length",
                        "Content-Disposition",
                        "ETag",
                        "x-other"
                    )
                    from value in Gen.Elements(
                        "",
                        "0",
                        "5",
                        "-1",
                        " 7 ",
                        "1e3",
                        "99999999999999999999",
                        "abc",
                        "application/json",
                        "text/csv; charset=utf-8",
                        "bytes 0-9/100",
                        "bytes */100",
                        "bytes 5-2/1",
                        "bytes 0-99999999999999999999/1",
                        "attachment; filename=\"x.bin\"",
                        "\"etag\""
                    )
                    select (name, value),
                    n
                )
            );

    /// <summary>A reason phrase.</summary>
    public static Gen<string> Reason { get; } =
        Gen.Elements("", "OK", "Not Found", "Bad Gateway", "é");

    /// <summary>A whole hostile response around the given bodies.</summary>
    public static Gen<HostileResponse> Response(Gen<int> status, Gen<byte[]> body) =>
        from s in status
        from r in Reason
        from h in Headers
        from b in body
        select new HostileResponse(s, r, h, b);
}
