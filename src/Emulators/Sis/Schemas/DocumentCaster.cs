using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Functional.Emulators.Sis.Schemas;

/// <summary>
/// Mongoose 4.0-style casting and validation of documents against a <see cref="SchemaDefinition"/> (spec §2.8.2, §2.7):
/// strict mode (unknown fields dropped), the casting table, defaults (arrays → <c>[]</c>, also nested), setters
/// (trim/lowercase/uppercase) before validators (required, enum, min/max, match), empty nested objects omitted.
/// </summary>
internal static partial class DocumentCaster
{
    private static readonly string[] Passthrough = ["_id", "_v", "_sis"];

    /// <summary>
    /// Casts and validates <paramref name="input"/>. <c>_id</c>, <c>_v</c> and <c>_sis</c> are copied untouched (their
    /// shape is the caller's job); other unknown keys are dropped. Every cast or validator failure is reported at once
    /// as a 400 <c>"Bad request: ValidationError: &lt;msgs joined by ", "&gt;"</c> (one message per path, cast errors first).
    /// <paramref name="newObjectId"/>, when given, supplies the <c>_id</c> of sub-documents (arrays of sub-documents)
    /// that have none, as Mongoose does.
    /// </summary>
    /// <param name="definition">The schema.</param>
    /// <param name="input">The document; left unchanged unless <paramref name="consumeInput"/>.</param>
    /// <param name="newObjectId">Makes the <c>_id</c> of new sub-documents.</param>
    /// <param name="consumeInput">
    /// True when <paramref name="input"/> is a throwaway copy: <c>_id</c>, <c>_v</c> and <c>_sis</c> are then moved
    /// into the output instead of copied (the output is the same).
    /// </param>
    public static Outcome<JsonObject> Cast(
        SchemaDefinition definition,
        JsonObject input,
        Func<string>? newObjectId = null,
        bool consumeInput = false
    )
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var output = CastLevel(definition.Root.Fields, input, "", "", errors, newObjectId);
        if (consumeInput)
        {
            // the same keys in the same (input) order as the copying loop below
            var reserved = new List<string>(3);
            foreach (var (key, _) in input)
            {
                if (Passthrough.Contains(key))
                {
                    reserved.Add(key);
                }
            }
            foreach (var key in reserved)
            {
                input.Remove(key, out var value);
                output[key] = value;
            }
        }
        else
        {
            foreach (var (key, value) in input)
            {
                if (Passthrough.Contains(key))
                {
                    output[key] = value?.DeepClone();
                }
            }
        }
        Validate(definition.Root.Fields, output, "", "", errors);
        if (errors.Count > 0)
        {
            return SisProblem.BadRequest("ValidationError: " + string.Join(", ", errors.Values));
        }
        Minimize(output, skipReserved: true);
        return Outcome.Ok(output);
    }

    /// <summary>
    /// Casts a query condition value for a path of type <paramref name="type"/> (Mongoose castForQuery): string leaves
    /// from query strings become numbers, booleans, ids, dates; for array paths a scalar is cast as an element and an
    /// array element-wise. A failure is a raw 500 CastError object
    /// (<c>{"message","name":"CastError","kind","value","path"}</c>).
    /// </summary>
    public static Outcome<JsonNode?> CastValue(FieldType type, JsonNode? value, string path = "")
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null)
        {
            return Outcome.Ok<JsonNode?>(null);
        }
        switch (type.Kind)
        {
            case FieldKind.Array:
                var element = type.Element ?? FieldType.Scalar(FieldKind.Mixed);
                if (value is JsonArray items)
                {
                    var result = new JsonArray();
                    foreach (var item in items)
                    {
                        var cast = CastValue(element, item, path);
                        if (!cast.IsOk)
                        {
                            return cast;
                        }
                        result.Add(cast.Value);
                    }
                    return Outcome.Ok<JsonNode?>(result);
                }
                return CastValue(element, value, path);
            case FieldKind.Nested:
            case FieldKind.DocumentArray:
            case FieldKind.Mixed:
                return Outcome.Ok<JsonNode?>(value.DeepClone());
            default:
                var scalar = CastScalar(type.Kind, value);
                if (scalar.Ok)
                {
                    return Outcome.Ok(scalar.Value);
                }
                var kind = QueryKind(type.Kind);
                return SisProblem.Raw(
                    new JsonObject
                    {
                        ["message"] = CastMessage(kind, value, path),
                        ["name"] = "CastError",
                        ["kind"] = kind,
                        ["value"] = value.DeepClone(),
                        ["path"] = path,
                    }
                );
        }
    }

    /// <summary>Mongoose's wording of a cast failure.</summary>
    internal static string CastMessage(string kind, JsonNode? value, string path) =>
        "Cast to "
        + kind
        + " failed for value \""
        + JsValues.ToJsString(value)
        + "\" at path \""
        + path
        + "\"";

    /// <summary>Formats a date as ISO-8601 UTC with milliseconds (<c>2013-11-01T00:00:00.000Z</c>).</summary>
    internal static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string QueryKind(FieldKind kind) =>
        kind switch
        {
            FieldKind.ObjectId => "ObjectId",
            FieldKind.IpAddress => "IpAddress",
            _ => kind.ToString().ToLowerInvariant(),
        };

    private static string DocumentKind(FieldKind kind) =>
        kind switch
        {
            FieldKind.ObjectId => "ObjectID",
            FieldKind.Array or FieldKind.DocumentArray => "Array",
            _ => kind.ToString(),
        };

    // ---- casting ------------------------------------------------------------------------------------------

    private static JsonObject CastLevel(
        IReadOnlyList<SchemaField> fields,
        JsonObject input,
        string keyPrefix,
        string messagePrefix,
        Dictionary<string, string> errors,
        Func<string>? newObjectId
    )
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in input)
        {
            var field = FieldNamed(fields, key);
            if (field is null)
            {
                continue;
            }
            if (field.Type.Kind == FieldKind.Nested)
            {
                if (value is JsonObject nested)
                {
                    values[key] = CastLevel(
                        field.Type.Fields,
                        nested,
                        keyPrefix + key + ".",
                        messagePrefix + key + ".",
                        errors,
                        newObjectId
                    );
                }
                continue;
            }
            var cast = CastField(
                field.Type,
                value,
                keyPrefix + key,
                messagePrefix + key,
                errors,
                newObjectId
            );
            if (cast.Ok)
            {
                values[key] = cast.Value;
            }
        }
        var output = new JsonObject();
        foreach (var field in fields)
        {
            var key = field.Name;
            var type = field.Type;
            if (values.TryGetValue(key, out var value))
            {
                output[key] = value;
            }
            else if (type.Kind == FieldKind.Nested)
            {
                output[key] = CastLevel(
                    type.Fields,
                    [],
                    keyPrefix + key + ".",
                    messagePrefix + key + ".",
                    errors,
                    newObjectId
                );
            }
            else if (type.Options.HasDefault)
            {
                var cast = CastField(
                    type,
                    type.Options.Default?.DeepClone(),
                    keyPrefix + key,
                    messagePrefix + key,
                    errors,
                    newObjectId
                );
                if (cast.Ok)
                {
                    output[key] = cast.Value;
                }
            }
            else if (type.IsArray)
            {
                output[key] = new JsonArray();
            }
        }
        return output;
    }

    private static SchemaField? FieldNamed(IReadOnlyList<SchemaField> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                return fields[i];
            }
        }
        return null;
    }

    private static CastResult CastField(
        FieldType type,
        JsonNode? value,
        string key,
        string messagePath,
        Dictionary<string, string> errors,
        Func<string>? newObjectId
    )
    {
        if (value is null)
        {
            return CastResult.Success(null);
        }
        CastResult result;
        switch (type.Kind)
        {
            case FieldKind.Array:
                result = CastArray(type.Element ?? FieldType.Scalar(FieldKind.Mixed), value);
                break;
            case FieldKind.DocumentArray:
                return CastDocumentArray(type, value, key, messagePath, errors, newObjectId);
            case FieldKind.String:
                result = CastString(type.Options, value);
                break;
            default:
                result = CastScalar(type.Kind, value);
                break;
        }
        if (!result.Ok)
        {
            errors.TryAdd(
                key,
                "CastError: " + CastMessage(DocumentKind(type.Kind), value, messagePath)
            );
        }
        return result;
    }

    private static CastResult CastArray(FieldType element, JsonNode value)
    {
        var items = value is JsonArray a ? a : new JsonArray(value.DeepClone());
        var result = new JsonArray();
        foreach (var item in items)
        {
            if (item is null)
            {
                result.Add(null);
                continue;
            }
            var cast =
                element.Kind == FieldKind.String ? CastString(element.Options, item)
                : element.Kind == FieldKind.Mixed ? CastResult.Success(item.DeepClone())
                : CastScalar(element.Kind, item);
            if (!cast.Ok)
            {
                return CastResult.Failure;
            }
            result.Add(cast.Value);
        }
        return CastResult.Success(result);
    }

    private static CastResult CastDocumentArray(
        FieldType type,
        JsonNode value,
        string key,
        string messagePath,
        Dictionary<string, string> errors,
        Func<string>? newObjectId
    )
    {
        var items = value is JsonArray a ? a : new JsonArray(value.DeepClone());
        var result = new JsonArray();
        var index = 0;
        foreach (var item in items)
        {
            switch (item)
            {
                case null:
                    result.Add(null);
                    break;
                case JsonObject obj:
                    var elementKey = key + "." + index.ToString(CultureInfo.InvariantCulture) + ".";
                    var sub = CastLevel(type.Fields, obj, elementKey, "", errors, newObjectId);
                    if (obj.TryGetPropertyValue("_id", out var id))
                    {
                        var castId = id is null
                            ? CastResult.Success(null)
                            : CastScalar(FieldKind.ObjectId, id);
                        if (castId.Ok)
                        {
                            sub["_id"] = castId.Value;
                        }
                        else
                        {
                            errors.TryAdd(
                                elementKey + "_id",
                                "CastError: " + CastMessage("ObjectID", id, "_id")
                            );
                        }
                    }
                    else if (newObjectId is not null)
                    {
                        sub["_id"] = newObjectId();
                    }
                    result.Add(sub);
                    break;
                default:
                    errors.TryAdd(key, "CastError: " + CastMessage("Array", value, messagePath));
                    return CastResult.Failure;
            }
            index++;
        }
        return CastResult.Success(result);
    }

    private static CastResult CastString(FieldOptions options, JsonNode value)
    {
        var cast = CastScalar(FieldKind.String, value);
        if (!cast.Ok || cast.Value is null)
        {
            return cast;
        }
        var text = cast.Value.GetValue<string>();
        if (options.Trim)
        {
            text = text.Trim();
        }
        if (options.Lowercase)
        {
            text = text.ToLowerInvariant();
        }
        if (options.Uppercase)
        {
            text = text.ToUpperInvariant();
        }
        return CastResult.Success(text);
    }

    private static CastResult CastScalar(FieldKind kind, JsonNode value) =>
        kind switch
        {
            FieldKind.String => CastToString(value),
            FieldKind.Number => CastToNumber(value),
            FieldKind.Boolean => CastResult.Success(CastToBoolean(value)),
            FieldKind.Date => CastToDate(value),
            FieldKind.ObjectId => CastToObjectId(value),
            FieldKind.IpAddress => CastToIpAddress(value),
            FieldKind.Buffer => CastToBuffer(value),
            _ => CastResult.Success(value.DeepClone()),
        };

    private static CastResult CastToString(JsonNode value) =>
        value switch
        {
            JsonObject obj when JsValues.AsString(obj["_id"]) is { Length: > 0 } id =>
                CastResult.Success(id),
            JsonObject => CastResult.Failure,
            _ => CastResult.Success(JsValues.ToJsString(value)),
        };

    private static CastResult CastToNumber(JsonNode value)
    {
        var n = JsValues.ToNumber(value);
        if (double.IsNaN(n))
        {
            return CastResult.Failure;
        }
        if (JsValues.AsString(value) is { } text)
        {
            return text.Length == 0
                ? CastResult.Success(null)
                : CastResult.Success(JsValues.NumberNode(n));
        }
        return JsValues.AsNumber(value) is { } number
            ? CastResult.Success(JsValues.NumberNode(number))
            : CastResult.Failure;
    }

    private static bool CastToBoolean(JsonNode value) =>
        JsValues.AsString(value) switch
        {
            "0" or "false" => false,
            "true" => true,
            _ => JsValues.Truthy(value),
        };

    private static CastResult CastToDate(JsonNode value)
    {
        if (JsValues.AsString(value) is "")
        {
            return CastResult.Success(null);
        }
        double? epoch = JsValues.AsNumber(value);
        if (epoch is null && value is not JsonObject)
        {
            var n = JsValues.ToNumber(value);
            if (!double.IsNaN(n) && !JsValues.IsBoolean(value))
            {
                epoch = n;
            }
        }
        DateTimeOffset? date;
        if (epoch is { } ms)
        {
            date =
                Math.Abs(ms) <= 8.64e15 && ms >= -62135596800000d && ms <= 253402300799999d
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Truncate(ms))
                    : null;
        }
        else
        {
            date = ParseDate(JsValues.ToJsString(value));
        }
        return date is { } d ? CastResult.Success(FormatDate(d)) : CastResult.Failure;
    }

    private static DateTimeOffset? ParseDate(string text)
    {
        var s = text.Trim();
        var iso = IsoDate().Match(s);
        if (iso.Success)
        {
            var formats = new[]
            {
                "yyyy",
                "yyyy-MM",
                "yyyy-MM-dd",
                "yyyy-MM-dd'T'HH:mm",
                "yyyy-MM-dd'T'HH:mm:ss",
                "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
                "yyyy-MM-dd'T'HH:mmzzz",
                "yyyy-MM-dd'T'HH:mm:sszzz",
                "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            };
            var normalized = s.EndsWith('Z') ? s[..^1] + "+00:00" : s;
            var fraction = FractionPattern().Match(normalized);
            if (fraction.Success && fraction.Groups[1].Value.Length > 7)
            {
                normalized = normalized.Replace(
                    fraction.Groups[1].Value,
                    fraction.Groups[1].Value[..7],
                    StringComparison.Ordinal
                );
            }
            return DateTimeOffset.TryParseExact(
                normalized,
                formats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var exact
            )
                ? exact
                : null;
        }
        return DateTimeOffset.TryParse(
            s,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var loose
        )
            ? loose
            : null;
    }

    private static CastResult CastToObjectId(JsonNode value)
    {
        if (value is JsonObject obj)
        {
            return obj["_id"] is { } id and not JsonObject
                ? CastToObjectId(id)
                : CastResult.Failure;
        }
        var text = JsValues.ToJsString(value);
        return ObjectIdPattern().IsMatch(text)
            ? CastResult.Success(text.ToLowerInvariant())
            : CastResult.Failure;
    }

    private static CastResult CastToIpAddress(JsonNode value)
    {
        switch (value)
        {
            case JsonObject obj:
                return IpAddressValue.IsStoredForm(obj)
                    ? CastResult.Success(obj.DeepClone())
                    : CastResult.Failure;
            case JsonValue when JsValues.AsString(value) is { } text:
                if (text.Length == 0)
                {
                    return CastResult.Success(null);
                }
                var parsed = IpAddressValue.Parse(text);
                return parsed is null ? CastResult.Failure : CastResult.Success(parsed);
            default:
                return CastResult.Failure;
        }
    }

    private static CastResult CastToBuffer(JsonNode value)
    {
        byte[]? bytes = value switch
        {
            JsonObject obj
                when JsValues.AsString(obj["type"]) == "Buffer" && obj["data"] is JsonArray data =>
                ByteArray(data),
            JsonArray array => ByteArray(array),
            JsonValue when JsValues.AsString(value) is { } text => Encoding.UTF8.GetBytes(text),
            _ => null,
        };
        if (bytes is null)
        {
            return CastResult.Failure;
        }
        var result = new JsonArray();
        foreach (var b in bytes)
        {
            result.Add(b);
        }
        return CastResult.Success(new JsonObject { ["type"] = "Buffer", ["data"] = result });
    }

    private static byte[]? ByteArray(JsonArray array)
    {
        var bytes = new byte[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var n = JsValues.ToNumber(array[i]);
            bytes[i] = double.IsNaN(n) ? (byte)0 : unchecked((byte)(long)n);
        }
        return bytes;
    }

    // ---- validation ---------------------------------------------------------------------------------------

    private static void Validate(
        IReadOnlyList<SchemaField> fields,
        JsonObject? doc,
        string keyPrefix,
        string messagePrefix,
        Dictionary<string, string> errors
    )
    {
        foreach (var field in fields)
        {
            var key = keyPrefix + field.Name;
            var path = messagePrefix + field.Name;
            var type = field.Type;
            JsonNode? value = null;
            var present = doc is not null && doc.TryGetPropertyValue(field.Name, out value);
            switch (type.Kind)
            {
                case FieldKind.Nested:
                    Validate(type.Fields, value as JsonObject, key + ".", path + ".", errors);
                    continue;
                case FieldKind.DocumentArray:
                    if (type.Options.Required && !(value is JsonArray { Count: > 0 }))
                    {
                        errors.TryAdd(key, Required(path));
                    }
                    if (value is JsonArray items)
                    {
                        for (var i = 0; i < items.Count; i++)
                        {
                            if (items[i] is JsonObject sub)
                            {
                                Validate(
                                    type.Fields,
                                    sub,
                                    key + "." + i.ToString(CultureInfo.InvariantCulture) + ".",
                                    "",
                                    errors
                                );
                            }
                        }
                    }
                    continue;
            }
            if (errors.ContainsKey(key))
            {
                continue;
            }
            var message = ValidatePath(type, present, value, path);
            if (message is not null)
            {
                errors.Add(key, message);
            }
        }
    }

    private static string? ValidatePath(FieldType type, bool present, JsonNode? value, string path)
    {
        var options = type.Options;
        if (options.Required && !SatisfiesRequired(type, present, value))
        {
            return Required(path);
        }
        if (!present)
        {
            return null;
        }
        switch (type.Kind)
        {
            case FieldKind.String:
                var text = JsValues.AsString(value);
                if (options.Enum is { } values && !values.Contains(text))
                {
                    return "`"
                        + JsValues.ToJsString(value)
                        + "` is not a valid enum value for path `"
                        + path
                        + "`.";
                }
                if (
                    options.Match is { } regex
                    && !string.IsNullOrEmpty(text)
                    && !regex.IsMatch(text)
                )
                {
                    return "Path `" + path + "` is invalid (" + text + ").";
                }
                return null;
            case FieldKind.Number when JsValues.AsNumber(value) is { } n:
                if (options.Min is { } min && !(n >= min))
                {
                    return "Path `"
                        + path
                        + "` ("
                        + JsValues.FormatNumber(n)
                        + ") is less than minimum allowed value ("
                        + JsValues.FormatNumber(min)
                        + ").";
                }
                if (options.Max is { } max && !(n <= max))
                {
                    return "Path `"
                        + path
                        + "` ("
                        + JsValues.FormatNumber(n)
                        + ") is more than maximum allowed value ("
                        + JsValues.FormatNumber(max)
                        + ").";
                }
                return null;
            default:
                return null;
        }
    }

    private static bool SatisfiesRequired(FieldType type, bool present, JsonNode? value)
    {
        if (type.Kind == FieldKind.ObjectId && type.Ref is not null)
        {
            return JsValues.Truthy(value);
        }
        return type.Kind switch
        {
            FieldKind.String => JsValues.AsString(value) is { Length: > 0 },
            FieldKind.Number => JsValues.AsNumber(value) is not null,
            FieldKind.Boolean => JsValues.IsBoolean(value),
            FieldKind.Array => value is JsonArray { Count: > 0 },
            FieldKind.IpAddress => !present || value is not null,
            _ => value is not null,
        };
    }

    private static string Required(string path) => "Path `" + path + "` is required.";

    // ---- minimize -----------------------------------------------------------------------------------------

    /// <summary>Mongoose's minimize: removes keys whose values are empty plain objects (recursively); true when empty.</summary>
    private static bool Minimize(JsonObject obj, bool skipReserved)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (skipReserved && Passthrough.Contains(key))
            {
                continue;
            }
            switch (obj[key])
            {
                case JsonObject child when Minimize(child, skipReserved: false):
                    obj.Remove(key);
                    break;
            }
        }
        return obj.Count == 0;
    }

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex ObjectIdPattern();

    [GeneratedRegex(
        @"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$"
    )]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\.(\d+)")]
    private static partial Regex FractionPattern();

    private readonly record struct CastResult(bool Ok, JsonNode? Value)
    {
        public static CastResult Failure => new(false, null);

        public static CastResult Success(JsonNode? value) => new(true, value);
    }
}
