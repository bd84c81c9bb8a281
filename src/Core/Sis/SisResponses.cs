using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Core.Errors;
using Functional.Core.Http;
using JsonText = Functional.Core.OnePlatform.Json;

namespace Functional.Core.Sis;

/// <summary>
/// Parsers of SIS answers. Any 2xx status with a JSON body is a success; any other status becomes
/// <see cref="ApiError.Sis"/> with the server's <c>error</c> text and <c>code</c> (1000 not found, 1001 bad request,
/// 1002 internal, 1003 invalid data, 1004 unauthorized), and a body that is not JSON — success or failure, e.g.
/// Express's HTML <c>Cannot GET ...</c> page — becomes <see cref="ApiError.Sis"/> with sispy's message
/// <c>Failed to decode JSON from the response: </c> and the body's first 256 characters. No parser ever throws:
/// invalid UTF-8, truncated or too deeply nested JSON, huge numbers and wrong types all give an
/// <see cref="ApiError"/>. Every element a result keeps is a clone that stays valid forever.
/// </summary>
public static class SisResponses
{
    /// <summary>The prefix of the error text when a body is not JSON (sispy's wording).</summary>
    public const string DecodeFailurePrefix = "Failed to decode JSON from the response: ";

    /// <summary>How many characters of a non-JSON body the decode error text quotes.</summary>
    public const int DecodeFailureQuoteLength = 256;

    /// <summary>The deepest nesting a body may have; deeper bodies are reported as not JSON.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>
    /// Any 2xx answer whose body is a JSON object or array: its status, body, headers and <c>x-total-count</c>
    /// (read case-insensitively; absent or not a non-negative integer gives None). Another status gives
    /// <see cref="Failure"/>; a body that is not JSON gives the decode error; a JSON scalar (a string, number,
    /// boolean or null) gives <see cref="ApiError.MalformedResponse"/>.
    /// </summary>
    public static Either<ApiError, SisResponse> Json(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccess)
            return Failure(response);
        return Decode(response)
            .Bind(root =>
                root.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                    ? Right<ApiError, SisResponse>(
                        new SisResponse(
                            response.Status,
                            root,
                            response.Headers,
                            TotalCountOf(response)
                        )
                    )
                    : Malformed<SisResponse>("a JSON object or array", root)
            );
    }

    /// <summary>Like <see cref="Json"/>, but the body must be a JSON object (a single document).</summary>
    public static Either<ApiError, SisResponse> Object(HttpResponse response) =>
        Json(response)
            .Bind(r =>
                r.Json.ValueKind == JsonValueKind.Object
                    ? Right<ApiError, SisResponse>(r)
                    : Malformed<SisResponse>("a JSON object", r.Json)
            );

    /// <summary>Like <see cref="Json"/>, but the body must be a JSON array (a list).</summary>
    public static Either<ApiError, SisResponse> Array(HttpResponse response) =>
        Json(response)
            .Bind(r =>
                r.Json.ValueKind == JsonValueKind.Array
                    ? Right<ApiError, SisResponse>(r)
                    : Malformed<SisResponse>("a JSON array", r.Json)
            );

    /// <summary>
    /// A bulk answer <c>{"success": [...], "errors": [{"err": [status, {"error", "code"}, (detail)], "value": item}]}</c>.
    /// Both arrays are required. An <c>err</c> that is not the usual array (a raw server error object) still gives
    /// an entry: status 500, its <c>message</c> or JSON text as the error, and the object as the detail.
    /// </summary>
    public static Either<ApiError, SisBulkResult> Bulk(HttpResponse response) =>
        Object(response).Bind(r => ParseBulk(r.Json));

    /// <summary>
    /// A token object <c>{"name", "username", ["expires"], ...}</c>; <c>expires</c> is the number of milliseconds the
    /// token has left (negative counts as zero; absent or null: a token that does not expire).
    /// </summary>
    public static Either<ApiError, SisToken> Token(HttpResponse response) =>
        Object(response).Bind(r => ParseToken(r.Json));

    /// <summary>
    /// The error an unsuccessful answer stands for: <see cref="ApiError.Sis"/> with the body's <c>error</c> text
    /// (or, for a JSON body without it such as a raw 500 error object, the reason phrase or <c>HTTP &lt;status&gt;</c>),
    /// its integer <c>code</c> when sent, the status and the whole body as text. A body that is not JSON gives
    /// sispy's text <c>Failed to decode JSON from the response: </c> followed by its first 256 characters.
    /// </summary>
    public static ApiError Failure(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = response.BodyText;
        return Parse(response.Body)
            .Match(
                Right: root =>
                {
                    var fallback =
                        response.Reason.Length > 0
                            ? response.Reason
                            : $"HTTP {response.Status.ToString(CultureInfo.InvariantCulture)}";
                    var error =
                        root.ValueKind == JsonValueKind.Object
                        && root.TryGetProperty("error", out var e)
                            ? TextOf(e).IfNone(fallback)
                            : fallback;
                    var code =
                        root.ValueKind == JsonValueKind.Object
                        && root.TryGetProperty("code", out var c)
                            ? IntOf(c)
                            : None;
                    return (ApiError)
                        new ApiError.Sis(new SisError(error, code, response.Status, body));
                },
                Left: _ => DecodeFailure(response.Status, body)
            );
    }

    /// <summary>The <c>x-total-count</c> header (any case) as a non-negative integer; None when absent or invalid.</summary>
    public static Option<long> TotalCountOf(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response
            .Header("x-total-count")
            .Bind(v =>
                long.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? Some(n)
                    : None
            );
    }

    private static Either<ApiError, JsonElement> Decode(HttpResponse response) =>
        Parse(response.Body)
            .MapLeft(_ => (ApiError)DecodeFailure(response.Status, response.BodyText));

    /// <summary>
    /// Parses the whole body into a cloned root element; Left when it is not JSON. A leading UTF-8 byte order mark
    /// is skipped, and invalid UTF-8 is replaced with U+FFFD first (as sispy decodes); a body with an escaped unpaired
    /// surrogate (<c>"\ud800"</c>) is refused. So every string of the result can be read without an exception.
    /// </summary>
    private static Either<Unit, JsonElement> Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8))
            body = body[3..];
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body.Span)); // U+FFFD, as sispy decodes
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            // An escaped unpaired surrogate ("\ud800") is valid JSON that no string read can decode: refuse it here
            // rather than let a kept element throw later. Only bodies with a \u escape need the walk.
            if (body.Span.IndexOf("\\u"u8) >= 0 && !AllStringsDecode(document.RootElement))
                return unit;
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return unit;
        }
        catch (ArgumentException)
        {
            return unit;
        }
    }

    /// <summary>True when every property name and string value under <paramref name="root"/> can be decoded.</summary>
    private static bool AllStringsDecode(JsonElement root)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        try
        {
            while (pending.Count > 0)
            {
                var e = pending.Pop();
                switch (e.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = e.GetString();
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in e.EnumerateArray())
                            pending.Push(item);
                        break;
                    case JsonValueKind.Object:
                        foreach (var property in e.EnumerateObject())
                        {
                            _ = property.Name;
                            pending.Push(property.Value);
                        }
                        break;
                }
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ApiError.Sis DecodeFailure(int status, string body) =>
        new(new SisError(DecodeFailurePrefix + Quote(body), None, status, body));

    /// <summary>The first 256 characters (Unicode scalar values, so no surrogate pair is cut) of the text.</summary>
    private static string Quote(string text)
    {
        if (text.Length <= DecodeFailureQuoteLength)
            return text;
        var sb = new StringBuilder(DecodeFailureQuoteLength + 8);
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count++ == DecodeFailureQuoteLength)
                break;
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    private static Either<ApiError, SisBulkResult> ParseBulk(JsonElement root)
    {
        if (!root.TryGetProperty("success", out var success))
            return Malformed<SisBulkResult>(
                "a bulk result with a \"success\" array",
                "there is no \"success\""
            );
        if (success.ValueKind != JsonValueKind.Array)
            return Malformed<SisBulkResult>("a \"success\" array", success);
        if (!root.TryGetProperty("errors", out var errors))
            return Malformed<SisBulkResult>(
                "a bulk result with an \"errors\" array",
                "there is no \"errors\""
            );
        if (errors.ValueKind != JsonValueKind.Array)
            return Malformed<SisBulkResult>("an \"errors\" array", errors);

        var failed = new List<SisBulkError>();
        var index = 0;
        foreach (var entry in errors.EnumerateArray())
        {
            var parsed = ParseBulkError(entry, index++);
            if (parsed.IsLeft)
                return parsed.Map(_ => (SisBulkResult)null!);
            parsed.IfRight(failed.Add);
        }
        return new SisBulkResult(toSeq(success.EnumerateArray().ToArray()), toSeq(failed));
    }

    private static Either<ApiError, SisBulkError> ParseBulkError(JsonElement entry, int index)
    {
        var what = $"errors[{index.ToString(CultureInfo.InvariantCulture)}]";
        if (entry.ValueKind != JsonValueKind.Object)
            return Malformed<SisBulkError>($"{what} as an object", entry);
        if (!entry.TryGetProperty("err", out var err))
            return Malformed<SisBulkError>($"{what} with an \"err\"", "there is no \"err\"");
        var value = entry.TryGetProperty("value", out var v) ? v : JsonText.Null;
        switch (err.ValueKind)
        {
            case JsonValueKind.Array:
            {
                var parts = err.EnumerateArray().ToArray();
                var status = 0;
                if (
                    parts.Length == 0
                    || parts[0].ValueKind != JsonValueKind.Number
                    || !parts[0].TryGetInt32(out status)
                )
                    return Malformed<SisBulkError>(
                        $"{what}.err as [status, {{error, code}}, (detail)]",
                        parts.Length == 0
                            ? "it is empty"
                            : $"its status is {JsonText.Describe(parts[0])}"
                    );
                var (error, code) =
                    parts.Length > 1 ? ErrorAndCode(parts[1]) : ("", Option<int>.None);
                var detail = parts.Length > 2 ? Some(parts[2]) : None;
                return new SisBulkError(status, error, code, value, detail);
            }
            case JsonValueKind.Object:
            {
                var (error, code) = ErrorAndCode(err);
                return new SisBulkError(500, error, code, value, Some(err));
            }
            default:
                return Malformed<SisBulkError>($"{what}.err as an array or object", err);
        }
    }

    /// <summary>The text and code of <c>{error, code}</c> (or of a raw error object's <c>message</c>, or of a bare string).</summary>
    private static (string Error, Option<int> Code) ErrorAndCode(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return (TextOf(e).IfNone(""), None);
        var error =
            e.TryGetProperty("error", out var text) ? TextOf(text)
            : e.TryGetProperty("message", out var message) ? TextOf(message)
            : None;
        var code = e.TryGetProperty("code", out var c) ? IntOf(c) : None;
        return (error.IfNone(() => JsonText.RawTextOf(e)), code);
    }

    private static Either<ApiError, SisToken> ParseToken(JsonElement root)
    {
        var name = root.TryGetProperty("name", out var n) ? JsonText.StringOf(n) : None;
        var user = root.TryGetProperty("username", out var u) ? JsonText.StringOf(u) : None;
        var expires = root.TryGetProperty("expires", out var x)
            ? ExpiresOf(x)
            : Right<ApiError, Option<TimeSpan>>(None);
        if (name.IsNone)
            return Malformed<SisToken>(
                "a token with a string \"name\"",
                root.TryGetProperty("name", out var bad)
                    ? $"\"name\" is {JsonText.Describe(bad)}"
                    : "there is no \"name\""
            );
        if (user.IsNone)
            return Malformed<SisToken>(
                "a token with a string \"username\"",
                root.TryGetProperty("username", out var bad)
                    ? $"\"username\" is {JsonText.Describe(bad)}"
                    : "there is no \"username\""
            );
        return expires.Map(e => new SisToken(name.IfNone(""), user.IfNone(""), e, root));
    }

    private static Either<ApiError, Option<TimeSpan>> ExpiresOf(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null)
            return Right<ApiError, Option<TimeSpan>>(None);
        if (
            e.ValueKind != JsonValueKind.Number
            || !e.TryGetDouble(out var ms)
            || !double.IsFinite(ms)
        )
            return Malformed<Option<TimeSpan>>(
                "\"expires\" as the milliseconds the token has left",
                e
            );
        if (ms <= 0)
            return Some(TimeSpan.Zero);
        var ticks = ms * TimeSpan.TicksPerMillisecond;
        return ticks >= 9.2e18 // long.MaxValue is about 9.22e18 ticks (29 000 years)
            ? Some(TimeSpan.MaxValue)
            : Some(TimeSpan.FromTicks((long)ticks));
    }

    /// <summary>A string's text, or the JSON text of any other value (null gives None).</summary>
    private static Option<string> TextOf(JsonElement e) =>
        e.ValueKind switch
        {
            JsonValueKind.String => JsonText.StringOf(e),
            JsonValueKind.Null or JsonValueKind.Undefined => None,
            _ => Some(JsonText.RawTextOf(e)),
        };

    /// <summary>An integer that fits in 32 bits (also written as <c>1001.0</c>); None otherwise.</summary>
    private static Option<int> IntOf(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number)
            return None;
        if (e.TryGetInt32(out var i))
            return i;
        return
            e.TryGetDouble(out var d)
            && double.IsFinite(d)
            && d == Math.Floor(d)
            && d is >= int.MinValue and <= int.MaxValue
            ? Some((int)d)
            : None;
    }

    private static Either<ApiError, T> Malformed<T>(string expected, JsonElement found) =>
        Left<ApiError, T>(
            new ApiError.MalformedResponse(expected, $"found {JsonText.Describe(found)}")
        );

    private static Either<ApiError, T> Malformed<T>(string expected, string detail) =>
        Left<ApiError, T>(new ApiError.MalformedResponse(expected, detail));
}
