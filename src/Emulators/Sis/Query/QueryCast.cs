using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Query;

/// <summary>
/// Mongoose 4.0's casting of query condition values by schema type (spec §2.4, §2.8.2): query strings only carry
/// strings, so <c>"0"</c> must become 0 on a Number path. Failures are the raw CastError objects Mongoose throws.
/// </summary>
internal static class QueryCast
{
    /// <summary>Casts one condition value to <paramref name="kind"/>; null stays null.</summary>
    public static Outcome<JsonNode?> Value(FieldKind kind, JsonNode? value, string path)
    {
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return Outcome.Ok<JsonNode?>(null);
        }
        return kind switch
        {
            FieldKind.Number => ToNumber(value, path),
            FieldKind.Boolean => Outcome.Ok<JsonNode?>(JsonValue.Create(ToBoolean(value))),
            FieldKind.String => ToStringValue(value, path),
            FieldKind.Date => ToDate(value, path),
            FieldKind.ObjectId => ToObjectId(value, path),
            _ => Outcome.Ok<JsonNode?>(value.DeepClone()),
        };
    }

    /// <summary>The CastError object Mongoose 4.0 throws.</summary>
    public static SisProblem CastError(string kind, JsonNode? value, string path) =>
        SisProblem.Raw(
            new JsonObject
            {
                ["message"] =
                    $"Cast to {kind} failed for value \"{BsonOrder.JsString(value)}\" at path \"{path}\"",
                ["name"] = "CastError",
                ["kind"] = kind,
                ["value"] = value?.DeepClone(),
                ["path"] = path,
            }
        );

    /// <summary>JavaScript <c>Number(string)</c>; null when it is NaN.</summary>
    public static double? JsNumber(string text)
    {
        var s = text.Trim(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\ufeff');
        if (s.Length == 0)
        {
            return 0;
        }
        if (s.Length > 2 && s[0] == '0' && (s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))
        {
            var radix =
                s[1] is 'x' or 'X' ? 16
                : s[1] is 'o' or 'O' ? 8
                : 2;
            double acc = 0;
            foreach (var c in s[2..])
            {
                var digit =
                    char.IsAsciiDigit(c) ? c - '0'
                    : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10
                    : 99;
                if (digit >= radix)
                {
                    return null;
                }
                acc = (acc * radix) + digit;
            }
            return acc;
        }
        var unsigned = s.TrimStart('+', '-');
        if (unsigned == "Infinity")
        {
            return s[0] == '-' ? double.MinValue : double.MaxValue;
        }
        if (
            s.Length - unsigned.Length > 1
            || unsigned.Length == 0
            || !(char.IsAsciiDigit(unsigned[0]) || unsigned[0] == '.')
        )
        {
            return null;
        }
        return double.TryParse(
            s,
            NumberStyles.AllowLeadingSign
                | NumberStyles.AllowDecimalPoint
                | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out var d
        )
            ? d
            : null;
    }

    /// <summary>Mongoose 4.0 Boolean cast: <c>"0"</c>, <c>"false"</c>, <c>0</c>, <c>""</c>, <c>false</c> → false; anything else true.</summary>
    public static bool ToBoolean(JsonNode? value) =>
        value?.GetValueKind() switch
        {
            null or JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.String => value.GetValue<string>() is not ("0" or "false" or ""),
            JsonValueKind.Number => BsonOrder.Number(value) != 0,
            _ => true,
        };

    private static Outcome<JsonNode?> ToNumber(JsonNode value, string path)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                return Outcome.Ok<JsonNode?>(value.DeepClone());
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length == 0)
                {
                    return Outcome.Ok<JsonNode?>(null);
                }
                return JsNumber(text) is { } d
                    ? Outcome.Ok<JsonNode?>(BsonOrder.NumberNode(d))
                    : CastError("number", value, path);
            case JsonValueKind.Object when value["_id"] is { } id:
                return ToNumber(id, path);
            default:
                return CastError("number", value, path);
        }
    }

    private static Outcome<JsonNode?> ToStringValue(JsonNode value, string path) =>
        value.GetValueKind() switch
        {
            JsonValueKind.String => Outcome.Ok<JsonNode?>(value.DeepClone()),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False =>
                Outcome.Ok<JsonNode?>(JsonValue.Create(BsonOrder.JsString(value))),
            JsonValueKind.Object when BsonOrder.String(value["_id"]) is { } id =>
                Outcome.Ok<JsonNode?>(JsonValue.Create(id)),
            _ => CastError("string", value, path),
        };

    private static Outcome<JsonNode?> ToDate(JsonNode value, string path)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                return FromEpoch(BsonOrder.Number(value), value, path);
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length == 0)
                {
                    return Outcome.Ok<JsonNode?>(null);
                }
                if (JsNumber(text) is { } epoch && text.Trim().Length > 0)
                {
                    return FromEpoch(epoch, value, path);
                }
                return ParseDate(text) is { } date
                    ? Outcome.Ok<JsonNode?>(JsonValue.Create(FormatDate(date)))
                    : CastError("date", value, path);
            default:
                return CastError("date", value, path);
        }
    }

    private static Outcome<JsonNode?> FromEpoch(double ms, JsonNode value, string path)
    {
        if (double.IsNaN(ms) || Math.Abs(ms) > 8.64e15)
        {
            return CastError("date", value, path);
        }
        try
        {
            return Outcome.Ok<JsonNode?>(
                JsonValue.Create(
                    FormatDate(DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Truncate(ms)))
                )
            );
        }
        catch (ArgumentOutOfRangeException)
        {
            return CastError("date", value, path);
        }
    }

    /// <summary>Parses a date the way stored documents and query strings write them (ISO 8601 and similar).</summary>
    public static DateTimeOffset? ParseDate(string text) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var date
        )
            ? date
            : null;

    /// <summary>The canonical form of a date: JavaScript's <c>toISOString()</c>.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A stored value at a Date path in canonical form (so ISO strings compare chronologically).</summary>
    public static JsonNode? CanonicalDate(JsonNode? value) =>
        BsonOrder.String(value) is { } text && ParseDate(text) is { } date
            ? JsonValue.Create(FormatDate(date))
            : value;

    private static Outcome<JsonNode?> ToObjectId(JsonNode value, string path)
    {
        if (value is JsonObject obj && obj.TryGetPropertyValue("_id", out var id))
        {
            return ToObjectId(id ?? JsonValue.Create("null"), path);
        }
        return BsonOrder.String(value) is { Length: 24 } hex && hex.All(char.IsAsciiHexDigit)
            ? Outcome.Ok<JsonNode?>(JsonValue.Create(hex.ToLowerInvariant()))
            : CastError("ObjectId", value, path);
    }
}
