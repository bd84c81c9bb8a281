using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>The JSON members shared by the resource descriptions: extra members, subscribe and preprocess.</summary>
internal static class DescriptionJson
{
    /// <summary>
    /// Additional JSON members: each must be a JSON value and must not repeat a typed key
    /// (<paramref name="typedKeys"/>), which the description already writes.
    /// </summary>
    public static Validation<ApiError, Unit> Extra(
        string field,
        Map<string, JsonElement> extra,
        IEnumerable<string> typedKeys
    )
    {
        var result = ArgumentChecks.Ok;
        foreach (var (key, value) in extra)
        {
            var name = $"{field}.{key}";
            var one =
                key.Length == 0 ? ArgumentChecks.Problem(field, "must not have an empty key")
                : !Json.IsValidText(key)
                    ? ArgumentChecks.Problem(
                        name,
                        "is a key that is not valid Unicode text (an unpaired surrogate)"
                    )
                : typedKeys.Contains(key)
                    ? ArgumentChecks.Problem(name, "is a typed key: set it with its own property")
                : value.ValueKind == JsonValueKind.Undefined
                    ? ArgumentChecks.Problem(name, "is not a JSON value")
                : ArgumentChecks.Ok;
            result = (result, one).Apply((_, _) => unit);
        }
        return result;
    }

    /// <summary>Writes the additional members, in key order.</summary>
    public static void WriteExtra(Utf8JsonWriter w, Map<string, JsonElement> extra)
    {
        foreach (var (key, value) in extra)
        {
            w.WritePropertyName(key);
            value.WriteTo(w);
        }
    }

    /// <summary>Writes <c>subscribe</c>: a resource, or null.</summary>
    public static void WriteSubscribe(Utf8JsonWriter w, Option<ResourceId> subscribe)
    {
        w.WritePropertyName("subscribe"u8);
        subscribe.Match(r => r.WriteTo(w), w.WriteNullValue);
    }

    /// <summary>Writes <c>preprocess</c>: a list of <c>[op, operand]</c>.</summary>
    public static void WritePreprocess(Utf8JsonWriter w, Seq<PreprocessStep> steps)
    {
        w.WritePropertyName("preprocess"u8);
        w.WriteStartArray();
        foreach (var step in steps)
            step.WriteTo(w);
        w.WriteEndArray();
    }

    /// <summary>A copy of a caller's JSON value that outlives its document.</summary>
    public static Map<string, JsonElement> AddExtra(
        Map<string, JsonElement> extra,
        string key,
        JsonElement value
    ) => extra.AddOrUpdate(key, value.ValueKind == JsonValueKind.Undefined ? value : value.Clone());
}
