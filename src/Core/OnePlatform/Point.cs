using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>A data point: a Unix timestamp in seconds and a value.</summary>
/// <param name="Timestamp">Seconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Value">The value.</param>
public sealed record Point(long Timestamp, PointValue Value)
{
    /// <summary>The earliest timestamp a <see cref="DateTimeOffset"/> can hold (0001-01-01).</summary>
    public const long MinTimestamp = -62_135_596_800;

    /// <summary>The latest timestamp a <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59Z).</summary>
    public const long MaxTimestamp = 253_402_300_799;

    /// <summary>
    /// The timestamp as a UTC date and time. Points parsed from a server always have one (the parser refuses
    /// timestamps outside <see cref="MinTimestamp"/>…<see cref="MaxTimestamp"/>); for a point built by hand with
    /// such a timestamp this throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    /// <summary>Prints the timestamp and value only, so printing never fails whatever the timestamp.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Timestamp = ").Append(Timestamp).Append(", Value = ").Append(Value);
        return true;
    }

    /// <summary>Reads <c>[ts, value]</c>; None when the shape is wrong.</summary>
    internal static Option<Point> FromJson(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            return None;
        var ts = pair[0];
        if (
            ts.ValueKind != JsonValueKind.Number
            || !ts.TryGetInt64(out var t)
            || t is < MinTimestamp or > MaxTimestamp
        )
            return None;
        return new Point(t, PointValue.FromJson(pair[1]));
    }

    /// <summary>Reads <c>[[ts, value], …]</c>; None when any element has the wrong shape.</summary>
    internal static Option<Seq<Point>> ListFromJson(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
            return None;
        var points = new Point[list.GetArrayLength()];
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var p = FromJson(e);
            if (p.IsNone)
                return None;
            points[i++] = (Point)p;
        }
        return toSeq(points);
    }
}
