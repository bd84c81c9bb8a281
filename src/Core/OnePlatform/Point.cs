using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>A data point: a Unix timestamp in seconds and a value.</summary>
/// <param name="Timestamp">Seconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Value">The value.</param>
public sealed record Point(long Timestamp, PointValue Value)
{
    /// <summary>The timestamp as a UTC date and time.</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    /// <summary>Reads <c>[ts, value]</c>; None when the shape is wrong.</summary>
    internal static Option<Point> FromJson(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            return None;
        var ts = pair[0];
        if (ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out var t))
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
