using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>Shared checks and writers for resource descriptions (internal: each description validates itself).</summary>
internal static class DescriptionChecks
{
    public static Validation<ApiError, Unit> Ok { get; } = Success<ApiError, Unit>(unit);

    public static Validation<ApiError, Unit> Problem(string field, string problem) =>
        Fail<ApiError, Unit>(new ApiError.InvalidArgument(field, problem));

    /// <summary>A string that must be present (it may be empty).</summary>
    public static Validation<ApiError, Unit> Text(string field, string? value) =>
        value is null ? Problem(field, "is required") : Ok;

    /// <summary>A string that must be present and not empty.</summary>
    public static Validation<ApiError, Unit> NonEmpty(string field, string? value) =>
        string.IsNullOrEmpty(value) ? Problem(field, "is required") : Ok;

    public static Validation<ApiError, Unit> NonNegative(string field, long value) =>
        value < 0 ? Problem(field, "must not be negative") : Ok;

    public static Validation<ApiError, Unit> Finite(string field, double value) =>
        double.IsFinite(value)
            ? Ok
            : Problem(field, "must be a finite number (NaN and infinities cannot be sent)");

    public static Validation<ApiError, Unit> Defined<E>(string field, E value)
        where E : struct, Enum =>
        Enum.IsDefined(value) ? Ok : Problem(field, "is not a known value");

    /// <summary>An optional resource; when present it must be valid.</summary>
    public static Validation<ApiError, Unit> OptionalResource(
        string field,
        Option<ResourceId> resource
    ) => resource.Match(r => ResourceId.Require(field, r).Map(_ => unit), () => Ok);

    /// <summary>Every element of a sequence, each checked with its index in the field name.</summary>
    public static Validation<ApiError, Unit> Each<T>(
        string field,
        Seq<T> items,
        Func<string, T, Validation<ApiError, Unit>> check
    )
    {
        var result = Ok;
        var i = 0;
        foreach (var item in items)
        {
            var name = $"{field}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            var one = item is null ? Problem(name, "is required") : check(name, item);
            result = (result, one).Apply((_, _) => unit);
            i++;
        }
        return result;
    }

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
        var result = Ok;
        foreach (var (key, value) in extra)
        {
            var name = $"{field}.{key}";
            var one =
                key.Length == 0 ? Problem(field, "must not have an empty key")
                : typedKeys.Contains(key)
                    ? Problem(name, "is a typed key: set it with its own property")
                : value.ValueKind == JsonValueKind.Undefined ? Problem(name, "is not a JSON value")
                : Ok;
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
