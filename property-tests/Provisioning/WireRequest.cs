using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Functional.PropertyTests.Provisioning;

/// <summary>One expected query or form pair; <paramref name="IsJson"/> compares the value as a JSON document.</summary>
/// <param name="Name">The decoded name.</param>
/// <param name="Value">The decoded value (JSON text when <paramref name="IsJson"/>).</param>
/// <param name="IsJson">Compare as JSON (object key order ignored) instead of as text.</param>
public sealed record Pair(string Name, string Value, bool IsJson = false)
{
    public override string ToString() => $"{Name}={Wire.Show(Value)}{(IsJson ? " (json)" : "")}";
}

/// <summary>One expected header.</summary>
/// <param name="Name">The header name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Sensitive">Whether it must be marked secret.</param>
public sealed record Header(string Name, string Value, bool Sensitive)
{
    public override string ToString() =>
        $"{Name}: {Wire.Show(Value)}{(Sensitive ? " (secret)" : "")}";
}

/// <summary>The body a request must carry.</summary>
public abstract record Body
{
    private Body() { }

    /// <summary>No body.</summary>
    public static Body None { get; } = new NoBody();

    /// <summary>No body.</summary>
    public sealed record NoBody : Body;

    /// <summary>An <c>application/x-www-form-urlencoded</c> body with these pairs.</summary>
    /// <param name="Pairs">The pairs.</param>
    public sealed record Form(Seq<Pair> Pairs) : Body;

    /// <summary>An <c>application/json</c> body with this document.</summary>
    /// <param name="JsonText">The expected document as JSON text.</param>
    public sealed record Json(string JsonText) : Body;

    /// <summary>Raw bytes whose media type is exactly <paramref name="ContentType"/> and which hold this JSON document.</summary>
    /// <param name="JsonText">The expected document.</param>
    /// <param name="ContentType">The exact media type.</param>
    public sealed record RawJson(string JsonText, string ContentType) : Body;

    /// <summary>A <c>text/csv</c> body with these rows.</summary>
    /// <param name="Rows">The rows of fields.</param>
    public sealed record Csv(Seq<Seq<string>> Rows) : Body;

    /// <summary>Exactly these bytes with this media type.</summary>
    /// <param name="Data">The bytes.</param>
    /// <param name="ContentType">The media type.</param>
    public sealed record Bytes(byte[] Data, string ContentType) : Body;
}

/// <summary>What a builder's request must decode to on the server side.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Segments">The decoded path segments (a trailing '/' gives a last empty segment).</param>
/// <param name="Query">The decoded query pairs.</param>
/// <param name="Body">The body.</param>
/// <param name="Headers">Every header the request carries.</param>
public sealed record Expected(
    string Method,
    Seq<string> Segments,
    Seq<Pair> Query,
    Body Body,
    Seq<Header> Headers
);

/// <summary>A valid builder call with the request it must describe.</summary>
/// <param name="Description">The call, for the counterexample.</param>
/// <param name="Build">Calls the builder: the request, or the builder's errors.</param>
/// <param name="Expect">The request the server must see.</param>
public sealed record ValidCase(
    string Description,
    Func<Validation<ApiError, HttpRequest>> Build,
    Expected Expect
)
{
    public override string ToString() => Description;
}

/// <summary>A builder call with invalid arguments and the exact set of fields its errors must name.</summary>
/// <param name="Description">The call, for the counterexample.</param>
/// <param name="Build">Calls the builder.</param>
/// <param name="Fields">The bad fields (each must be named, and nothing else).</param>
public sealed record InvalidCase(
    string Description,
    Func<Validation<ApiError, HttpRequest>> Build,
    Seq<string> Fields
)
{
    public override string ToString() =>
        $"{Description}  => expected bad fields [{string.Join(", ", Fields)}]";
}

/// <summary>
/// Decodes a described request the way a server would see it on the wire (through <see cref="Uri"/>, like the
/// interpreter) and compares it with an expectation built from the typed inputs. Nothing here uses Core's encoders.
/// </summary>
public static class Wire
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The request of a single-send effect, or the builder's errors.</summary>
    public static Validation<ApiError, HttpRequest> RequestOf<T>(
        Validation<ApiError, HttpEffect<T>> built
    ) =>
        built.Map(effect =>
            effect is HttpEffect<T>.Send send
                ? send.Request
                : throw new Xunit.Sdk.XunitException($"the builder gave {effect}, not one request")
        );

    /// <summary>A C#-like quoted rendering of a string (null shown as null), with control characters escaped.</summary>
    public static string Show(string? s)
    {
        if (s is null)
            return "null";
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c == '"' || c == '\\')
                sb.Append('\\').Append(c);
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\uFEFF')
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Shows an optional string.</summary>
    public static string Show(Option<string> o) => o.Match(s => $"Some({Show(s)})", () => "None");

    /// <summary>Shows a list of strings.</summary>
    public static string Show(Seq<string> xs) => "[" + string.Join(", ", xs.Map(Show)) + "]";

    /// <summary>Runs a valid case: the builder succeeds and its request decodes to exactly the expectation.</summary>
    public static void AssertValid(ValidCase c)
    {
        var built = c.Build();
        var request = built.Match(
            r => r,
            errors =>
                throw new Xunit.Sdk.XunitException(
                    "the builder refused valid arguments: " + string.Join("; ", errors)
                )
        );
        AssertRequest(request, c.Expect);
    }

    /// <summary>Runs an invalid case: the builder fails (never throws) naming exactly the bad fields.</summary>
    public static void AssertInvalid(InvalidCase c)
    {
        var built = c.Build();
        var errors = built.Match(
            r => throw new Xunit.Sdk.XunitException($"the builder accepted bad arguments: {r}"),
            es => es
        );
        var flat = errors.Bind(Flatten).ToList();
        Assert.NotEmpty(flat);
        var named = new List<string>();
        foreach (var e in flat)
        {
            var arg = Assert.IsType<ApiError.InvalidArgument>(e);
            Assert.False(
                string.IsNullOrWhiteSpace(arg.Problem),
                $"{arg.Field} has no problem text"
            );
            named.Add(arg.Field);
        }
        Assert.Equal(
            c.Fields.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToArray(),
            named.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToArray()
        );
        // The effect form fails with the same errors, combined.
        Assert.IsType<HttpEffect<HttpRequest>.Failed>(
            HttpEffect.FromValidation(built.Map(r => HttpEffect.Pure(r)))
        );
    }

    private static Seq<ApiError> Flatten(ApiError e) =>
        e is ApiError.InvalidArguments many ? many.Errors.Bind(Flatten) : Seq1(e);

    /// <summary>Compares a request with the expectation, decoding path, query, body and headers independently.</summary>
    public static void AssertRequest(HttpRequest request, Expected expected)
    {
        Assert.Equal(expected.Method, request.Method);

        // What goes on the wire: the URI the interpreter builds from the path and query.
        var uri = new Uri("http://127.0.0.1:8080" + request.PathAndQuery, UriKind.Absolute);
        Assert.Equal("", uri.Fragment);
        Assert.Equal("127.0.0.1", uri.Host);
        var path = uri.AbsolutePath;
        Assert.StartsWith("/", path, StringComparison.Ordinal);
        var segments = path[1..].Split('/').Select(s => PercentDecode(s, plusIsSpace: false));
        Assert.Equal(expected.Segments.ToArray(), segments.ToArray());
        AssertPairs("query", expected.Query, DecodePairs(uri.Query));

        AssertBody(request.Body, expected.Body);

        var headers = request
            .Headers.Map(h => new Header(h.Name, h.Value, h.Sensitive))
            .OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(h => h.Value, StringComparer.Ordinal)
            .ToArray();
        var wanted = expected
            .Headers.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(h => h.Value, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(wanted, headers);
        foreach (var h in request.Headers)
        {
            Assert.DoesNotContain('\r', h.Value);
            Assert.DoesNotContain('\n', h.Value);
        }

        Assert.Equal(
            expected.Method == "GET" ? RetrySafety.Safe : RetrySafety.Unsafe,
            request.Retry
        );
        Assert.True(request.Timeout.IsNone, "no request-specific timeout");
    }

    private static void AssertBody(HttpBody actual, Body expected)
    {
        switch (expected)
        {
            case Body.NoBody:
                Assert.IsType<HttpBody.Empty>(actual);
                break;
            case Body.Form form:
                var f = Assert.IsType<HttpBody.Form>(actual);
                AssertPairs("form", form.Pairs, DecodePairs(f.Encoded));
                break;
            case Body.Json json:
                var j = Assert.IsType<HttpBody.Json>(actual);
                AssertJson(json.JsonText, StrictUtf8.GetString(j.Utf8.Span));
                break;
            case Body.RawJson rawJson:
                var rj = Assert.IsType<HttpBody.Raw>(actual);
                Assert.Equal(rawJson.ContentType, rj.ContentType);
                AssertJson(rawJson.JsonText, StrictUtf8.GetString(rj.Bytes.Span));
                break;
            case Body.Csv csv:
                var c = Assert.IsType<HttpBody.Raw>(actual);
                Assert.StartsWith("text/csv", c.ContentType, StringComparison.Ordinal);
                var rows = ParseCsv(StrictUtf8.GetString(c.Bytes.Span));
                Assert.Equal(
                    csv.Rows.Map(r => string.Join(" | ", r.Map(Show))).ToArray(),
                    rows.Select(r => string.Join(" | ", r.Select(Show))).ToArray()
                );
                break;
            case Body.Bytes bytes:
                var b = Assert.IsType<HttpBody.Raw>(actual);
                Assert.Equal(bytes.ContentType, b.ContentType);
                Assert.Equal(bytes.Data, b.Bytes.ToArray());
                break;
            default:
                throw new InvalidOperationException("unknown expected body");
        }
    }

    /// <summary>Compares pairs as a server's parser groups them: by name, each name's values in order.</summary>
    private static void AssertPairs(string what, Seq<Pair> expected, List<(string, string)> actual)
    {
        var want = expected.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var got = actual.OrderBy(p => p.Item1, StringComparer.Ordinal).ToArray();
        Assert.True(
            want.Length == got.Length
                && want.Zip(got)
                    .All(x =>
                        x.Item1.Name == x.Item2.Item1
                        && (
                            x.Item1.IsJson
                                ? JsonEquals(x.Item1.Value, x.Item2.Item2)
                                : x.Item1.Value == x.Item2.Item2
                        )
                    ),
            $"{what} differs:\n  expected [{string.Join(", ", want.Select(p => p.ToString()))}]\n  actual   [{string.Join(", ", got.Select(p => $"{p.Item1}={Show(p.Item2)}"))}]"
        );
    }

    /// <summary>Splits <c>a=1&amp;b=2</c> (leading '?' dropped) on '&amp;' and the first '=', '+' meaning space, then %-decodes.</summary>
    public static List<(string, string)> DecodePairs(string text)
    {
        var s = text.StartsWith('?') ? text[1..] : text;
        var result = new List<(string, string)>();
        if (s.Length == 0)
            return result;
        Assert.DoesNotContain('#', s);
        foreach (var part in s.Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"pair \"{part}\" has no name=value");
            result.Add(
                (
                    PercentDecode(part[..eq], plusIsSpace: true),
                    PercentDecode(part[(eq + 1)..], plusIsSpace: true)
                )
            );
        }
        return result;
    }

    /// <summary>Strict %-decoding into UTF-8: a bad escape or invalid UTF-8 fails the test.</summary>
    public static string PercentDecode(string s, bool plusIsSpace)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                Assert.True(
                    i + 2 < s.Length
                        && byte.TryParse(
                            s.AsSpan(i + 1, 2),
                            NumberStyles.AllowHexSpecifier,
                            CultureInfo.InvariantCulture,
                            out _
                        ),
                    $"bad escape in \"{s}\""
                );
                bytes.Add(
                    byte.Parse(
                        s.AsSpan(i + 1, 2),
                        NumberStyles.AllowHexSpecifier,
                        CultureInfo.InvariantCulture
                    )
                );
                i += 2;
            }
            else if (plusIsSpace && c == '+')
                bytes.Add((byte)' ');
            else if (c < 0x80)
                bytes.Add((byte)c);
            else
            {
                var len = char.IsHighSurrogate(c) && i + 1 < s.Length ? 2 : 1;
                bytes.AddRange(StrictUtf8.GetBytes(s.Substring(i, len)));
                i += len - 1;
            }
        }
        return StrictUtf8.GetString(bytes.ToArray());
    }

    /// <summary>RFC 4180 CSV: ',' separates fields, CRLF or LF ends a row, a quoted field may hold anything ("" is a quote).</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0 && !quoted)
            {
                quoted = true;
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "unterminated quoted CSV field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                Assert.True(
                    i == text.Length || text[i] is ',' or '\r' or '\n',
                    "text after a closing quote"
                );
                continue;
            }
            if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                quoted = false;
                i++;
            }
            else if (c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                row.Add(field.ToString());
                rows.Add(row);
                row = [];
                field.Clear();
                quoted = false;
                i += c == '\r' ? 2 : 1;
            }
            else
            {
                Assert.False(quoted, "text after a closing quote");
                Assert.True(
                    c is not ('"' or '\r'),
                    $"unquoted {Show(c.ToString())} in a CSV field"
                );
                field.Append(c);
                i++;
            }
        }
        if (field.Length > 0 || row.Count > 0 || quoted)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Asserts two JSON texts hold the same value (object key order ignored, numbers by value).</summary>
    public static void AssertJson(string expected, string actual) =>
        Assert.True(
            JsonEquals(expected, actual),
            $"JSON differs:\n  expected {expected}\n  actual   {actual}"
        );

    /// <summary>True when two JSON texts hold the same value.</summary>
    public static bool JsonEquals(string expected, string actual)
    {
        try
        {
            using var a = JsonDocument.Parse(expected);
            using var b = JsonDocument.Parse(actual);
            return Same(a.RootElement, b.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Same(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var pa = a.EnumerateObject().ToList();
                var pb = b.EnumerateObject().ToList();
                return pa.Count == pb.Count
                    && pa.Select(p => p.Name).Distinct().Count() == pa.Count
                    && pa.All(p => b.TryGetProperty(p.Name, out var v) && Same(p.Value, v));
            case JsonValueKind.Array:
                var ea = a.EnumerateArray().ToList();
                var eb = b.EnumerateArray().ToList();
                return ea.Count == eb.Count && ea.Zip(eb).All(x => Same(x.Item1, x.Item2));
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Number:
                if (a.TryGetInt64(out var la) && b.TryGetInt64(out var lb))
                    return la == lb;
                return a.GetDouble().Equals(b.GetDouble());
            default:
                return true;
        }
    }
}
