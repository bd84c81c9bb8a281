using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// How much history a dataport, datarule or dispatch keeps: at most <see cref="Count"/> points and points at
/// most <see cref="Duration"/> hours old. None means <c>"infinity"</c> (no bound), the default.
/// A count of 0 stores nothing.
/// </summary>
/// <param name="Count">The most points kept; None = <c>"infinity"</c>.</param>
/// <param name="Duration">The longest time points are kept, in hours; None = <c>"infinity"</c>.</param>
public sealed record Retention(Option<long> Count, Option<long> Duration)
{
    /// <summary><c>{"count": "infinity", "duration": "infinity"}</c>: keep everything.</summary>
    public static Retention Infinite { get; } = new(None, None);

    /// <summary>A copy keeping at most <paramref name="count"/> points.</summary>
    public Retention WithCount(long count) => this with { Count = count };

    /// <summary>A copy keeping any number of points.</summary>
    public Retention WithUnlimitedCount() => this with { Count = None };

    /// <summary>A copy keeping points at most <paramref name="hours"/> hours.</summary>
    public Retention WithDuration(long hours) => this with { Duration = hours };

    /// <summary>A copy keeping points forever.</summary>
    public Retention WithUnlimitedDuration() => this with { Duration = None };

    /// <summary>Checks both bounds; errors name <c>field.count</c> and <c>field.duration</c>.</summary>
    public Validation<ApiError, Retention> Validate(string field = "retention") =>
        (
            Count.Match(
                c => ArgumentChecks.NonNegative($"{field}.count", c),
                () => ArgumentChecks.Ok
            ),
            Duration.Match(
                d => ArgumentChecks.NonNegative($"{field}.duration", d),
                () => ArgumentChecks.Ok
            )
        ).Apply((_, _) => this);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        Write(w, "count", Count);
        Write(w, "duration", Duration);
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, string key, Option<long> bound)
    {
        w.WritePropertyName(key);
        bound.Match(v => w.WriteNumberValue(v), () => w.WriteStringValue("infinity"u8));
    }

    /// <summary>Reads <c>{count, duration}</c> (missing bounds are infinite); None for another shape.</summary>
    internal static Option<Retention> FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return None;
        var count = Bound(e, "count");
        var duration = Bound(e, "duration");
        return count.IsSome && duration.IsSome
            ? new Retention((Option<long>)count, (Option<long>)duration)
            : None;
    }

    private static Option<Option<long>> Bound(JsonElement e, string key)
    {
        if (!e.TryGetProperty(key, out var v))
            return Some(Option<long>.None);
        if (v.ValueKind == JsonValueKind.String && v.ValueEquals("infinity"u8))
            return Some(Option<long>.None);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
            return Some(Some(n));
        return None;
    }
}
