using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>
/// The read window (§2.5): points with <c>starttime ≤ ts ≤ endtime</c>, down-sampled by <c>selection</c>, sorted,
/// then cut to <c>limit</c>.
/// <list type="bullet">
/// <item><c>all</c>: every point.</item>
/// <item><c>givenwindow</c>: [start, end] is split into <c>limit</c> equal sub-windows and the earliest point of each
/// is kept (points 1,2,3,4,5,8 with start 1, end 10, limit 2 give 1 and 8).</item>
/// <item><c>autowindow</c>: when the window holds more than <c>limit</c> points, <c>limit</c> of them are picked at
/// evenly spaced positions (index ⌊i·n/limit⌋).</item>
/// </list>
/// </summary>
internal static class ReadSelection
{
    public static List<KeyValuePair<long, DataValue>> Select(
        SortedList<long, DataValue> points,
        long start,
        long end,
        bool descending,
        long limit,
        string selection
    )
    {
        var window = new List<KeyValuePair<long, DataValue>>();
        if (start <= end)
        {
            foreach (var point in points)
            {
                if (point.Key > end)
                {
                    break;
                }
                if (point.Key >= start)
                {
                    window.Add(point);
                }
            }
        }
        if (limit <= 0)
        {
            return [];
        }
        var sampled = selection switch
        {
            "givenwindow" => GivenWindow(window, start, end, limit),
            "autowindow" => AutoWindow(window, limit),
            _ => window,
        };
        IEnumerable<KeyValuePair<long, DataValue>> ordered = descending
            ? Enumerable.Reverse(sampled)
            : sampled;
        return [.. ordered.Take((int)Math.Min(limit, int.MaxValue))];
    }

    private static List<KeyValuePair<long, DataValue>> GivenWindow(
        List<KeyValuePair<long, DataValue>> window,
        long start,
        long end,
        long limit
    )
    {
        var span = (Int128)end - start + 1;
        var result = new List<KeyValuePair<long, DataValue>>();
        Int128 lastBucket = -1;
        foreach (var point in window)
        {
            var bucket = ((Int128)point.Key - start) * limit / span;
            if (bucket != lastBucket)
            {
                result.Add(point);
                lastBucket = bucket;
            }
        }
        return result;
    }

    private static List<KeyValuePair<long, DataValue>> AutoWindow(
        List<KeyValuePair<long, DataValue>> window,
        long limit
    )
    {
        if (window.Count <= limit)
        {
            return window;
        }
        var result = new List<KeyValuePair<long, DataValue>>();
        for (long i = 0; i < limit; i++)
        {
            result.Add(window[(int)(i * window.Count / limit)]);
        }
        return result;
    }
}
