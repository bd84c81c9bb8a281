using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Auth;

/// <summary>JavaScript-flavoured readings of JSON values (truthiness, string conversion, loose equality).</summary>
internal static class AuthJson
{
    /// <summary>JavaScript truthiness: null, false, 0, NaN and "" are false; objects and arrays are true.</summary>
    public static bool Truthy(JsonNode? node) =>
        node switch
        {
            null => false,
            JsonObject or JsonArray => true,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
                JsonValueKind.String => v.GetValue<string>().Length > 0,
                JsonValueKind.Number => v.GetValue<double>() != 0,
                _ => true,
            },
            _ => true,
        };

    /// <summary>JavaScript's <c>String(value)</c>.</summary>
    public static string Text(JsonNode? node) =>
        node switch
        {
            null => "null",
            JsonObject => "[object Object]",
            JsonArray a => string.Join(",", a.Select(e => e is null ? "" : Text(e))),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>()
                .ToString("R", CultureInfo.InvariantCulture),
            _ => node.ToJsonString(),
        };

    /// <summary>The string value of <paramref name="node"/>, or null when it is not a JSON string.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    /// <summary>The <c>_sis</c> object of a document, or null.</summary>
    public static JsonObject? Meta(JsonObject document) => document["_sis"] as JsonObject;

    /// <summary>The top-level keys whose values differ (jsondiffpatch key order: left keys, then right-only keys).</summary>
    public static List<string> ChangedKeys(JsonObject? left, JsonObject? right)
    {
        var changed = new List<string>();
        left ??= [];
        right ??= [];
        foreach (var (key, value) in left)
        {
            if (
                !right.TryGetPropertyValue(key, out var other) || !JsonNode.DeepEquals(value, other)
            )
            {
                changed.Add(key);
            }
        }
        foreach (var (key, _) in right)
        {
            if (!left.ContainsKey(key))
            {
                changed.Add(key);
            }
        }
        return changed;
    }
}
