using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.History;

/// <summary>
/// Deltas in the format of jsondiffpatch 0.1.x as SIS configures it (spec §2.8.7): arrays are matched by the JSON
/// text of their elements (<c>objectHash: JSON.stringify</c>), strings of 60 characters or more are diffed as text.
/// </summary>
/// <remarks>
/// Delta shapes: changed <c>[old, new]</c>, added <c>[new]</c>, deleted <c>[old, 0, 0]</c>, text edit
/// <c>[patch, 0, 2]</c>, objects as nested deltas, arrays as <c>{"&lt;newIndex&gt;": delta, "_t": "a",
/// "_&lt;oldIndex&gt;": [old, 0, 0] | ["", newIndex, 3]}</c>. Keys come out in JavaScript's property order
/// (integer-like keys first, ascending), as a JSON.stringify of the real delta would show them.
/// </remarks>
internal static class JsonDiffPatch
{
    /// <summary>Strings shorter than this (on either side) are replaced whole instead of text-diffed.</summary>
    public const int TextDiffMinLength = 60;

    private const int ArrayMove = 3;
    private const int TextDiff = 2;

    /// <summary>The delta from <paramref name="left"/> to <paramref name="right"/>, or null when they are equal.</summary>
    /// <param name="left">The old value (null is JSON null).</param>
    /// <param name="right">The new value (null is JSON null).</param>
    public static JsonNode? Diff(JsonNode? left, JsonNode? right) => DiffValues(left, right);

    private static JsonNode? DiffValues(JsonNode? left, JsonNode? right)
    {
        var leftKind = Kind(left);
        var rightKind = Kind(right);
        if (leftKind != rightKind)
        {
            return Changed(left, right);
        }
        switch (leftKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return DiffObjects(left!.AsObject(), right!.AsObject());
            case JsonValueKind.Array:
                return DiffArrays(left!.AsArray(), right!.AsArray());
            case JsonValueKind.String:
                var a = left!.GetValue<string>();
                var b = right!.GetValue<string>();
                if (string.Equals(a, b, StringComparison.Ordinal))
                {
                    return null;
                }
                if (a.Length < TextDiffMinLength || b.Length < TextDiffMinLength)
                {
                    return Changed(left, right);
                }
                return new JsonArray(TextPatch.Make(a, b), 0, TextDiff);
            default:
                return SameScalar(left!, right!) ? null : Changed(left, right);
        }
    }

    private static JsonNode? DiffObjects(JsonObject left, JsonObject right)
    {
        var entries = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var (name, value) in left)
        {
            if (!right.TryGetPropertyValue(name, out var other))
            {
                entries.Add(new(name, new JsonArray(Clone(value), 0, 0)));
                continue;
            }
            var child = DiffValues(value, other);
            if (child is not null)
            {
                entries.Add(new(name, child));
            }
        }
        foreach (var (name, value) in right)
        {
            if (!left.ContainsKey(name))
            {
                entries.Add(new(name, new JsonArray(Clone(value))));
            }
        }
        return entries.Count == 0 ? null : JsOrdered(entries);
    }

    private static JsonNode? DiffArrays(JsonArray left, JsonArray right)
    {
        var hashes1 = left.Select(Hash).ToArray();
        var hashes2 = right.Select(Hash).ToArray();
        var len1 = hashes1.Length;
        var len2 = hashes2.Length;
        var head = 0;
        while (head < len1 && head < len2 && hashes1[head] == hashes2[head])
        {
            head++;
        }
        var tail = 0;
        while (
            tail + head < len1
            && tail + head < len2
            && hashes1[len1 - 1 - tail] == hashes2[len2 - 1 - tail]
        )
        {
            tail++;
        }
        // Matched elements have equal JSON text, so their nested deltas are always empty.
        var added = new SortedDictionary<int, JsonNode>();
        var removed = new SortedDictionary<int, JsonArray>();
        if (head + tail == len1)
        {
            if (len1 == len2)
            {
                return null;
            }
            for (var i = head; i < len2 - tail; i++)
            {
                added[i] = new JsonArray(Clone(right[i]));
            }
            return ArrayDelta(added, removed);
        }
        if (head + tail == len2)
        {
            for (var i = head; i < len1 - tail; i++)
            {
                removed[i] = new JsonArray(Clone(left[i]), 0, 0);
            }
            return ArrayDelta(added, removed);
        }
        var trimmed1 = hashes1[head..(len1 - tail)];
        var trimmed2 = hashes2[head..(len2 - tail)];
        var (indices1, indices2) = Lcs(trimmed1, trimmed2);
        var removedItems = new List<int>();
        var inLcs1 = new HashSet<int>(indices1);
        for (var i = head; i < len1 - tail; i++)
        {
            if (!inLcs1.Contains(i - head))
            {
                removed[i] = new JsonArray(Clone(left[i]), 0, 0);
                removedItems.Add(i);
            }
        }
        var lcsPosition2 = new Dictionary<int, int>();
        for (var k = 0; k < indices2.Count; k++)
        {
            lcsPosition2[indices2[k]] = k;
        }
        for (var i = head; i < len2 - tail; i++)
        {
            if (lcsPosition2.ContainsKey(i - head))
            {
                continue;
            }
            var moved = false;
            for (var r = 0; r < removedItems.Count; r++)
            {
                var index1 = removedItems[r];
                if (trimmed1[index1 - head] == trimmed2[i - head])
                {
                    // jsondiffpatch stores a move as ["", newIndex, 3] (the value is left out to save bytes).
                    removed[index1] = new JsonArray("", i, ArrayMove);
                    removedItems.RemoveAt(r);
                    moved = true;
                    break;
                }
            }
            if (!moved)
            {
                added[i] = new JsonArray(Clone(right[i]));
            }
        }
        return ArrayDelta(added, removed);
    }

    private static JsonObject ArrayDelta(
        SortedDictionary<int, JsonNode> added,
        SortedDictionary<int, JsonArray> removed
    )
    {
        var delta = new JsonObject();
        foreach (var (index, value) in added)
        {
            delta[index.ToString(CultureInfo.InvariantCulture)] = value;
        }
        delta["_t"] = "a";
        foreach (var (index, value) in removed)
        {
            delta["_" + index.ToString(CultureInfo.InvariantCulture)] = value;
        }
        return delta;
    }

    /// <summary>jsondiffpatch's LCS: a length matrix and its backtrack (matches preferred, then the left side).</summary>
    private static (List<int> Indices1, List<int> Indices2) Lcs(string[] a, string[] b)
    {
        var matrix = new int[a.Length + 1, b.Length + 1];
        for (var x = 1; x <= a.Length; x++)
        {
            for (var y = 1; y <= b.Length; y++)
            {
                matrix[x, y] =
                    a[x - 1] == b[y - 1]
                        ? matrix[x - 1, y - 1] + 1
                        : Math.Max(matrix[x - 1, y], matrix[x, y - 1]);
            }
        }
        var indices1 = new List<int>();
        var indices2 = new List<int>();
        int i = a.Length,
            j = b.Length;
        while (i > 0 && j > 0)
        {
            if (a[i - 1] == b[j - 1])
            {
                indices1.Add(i - 1);
                indices2.Add(j - 1);
                i--;
                j--;
            }
            else if (matrix[i, j - 1] > matrix[i - 1, j])
            {
                j--;
            }
            else
            {
                i--;
            }
        }
        indices1.Reverse();
        indices2.Reverse();
        return (indices1, indices2);
    }

    private static JsonArray Changed(JsonNode? left, JsonNode? right) =>
        new(Clone(left), Clone(right));

    private static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    private static string Hash(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static JsonValueKind Kind(JsonNode? node) =>
        node switch
        {
            null => JsonValueKind.Null,
            JsonObject => JsonValueKind.Object,
            JsonArray => JsonValueKind.Array,
            _ => node.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? JsonValueKind.True
                : node.GetValueKind(),
        };

    private static bool SameScalar(JsonNode left, JsonNode right)
    {
        if (left.GetValueKind() == JsonValueKind.Number)
        {
            if (
                double.TryParse(
                    left.ToJsonString(),
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out var x
                )
                && double.TryParse(
                    right.ToJsonString(),
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out var y
                )
            )
            {
                return x.Equals(y);
            }
        }
        return JsonNode.DeepEquals(left, right);
    }

    /// <summary>An object with JavaScript's own-property order: integer-like keys ascending, then the rest.</summary>
    private static JsonObject JsOrdered(List<KeyValuePair<string, JsonNode?>> entries)
    {
        var result = new JsonObject();
        foreach (
            var (key, value) in entries
                .Where(e => ArrayIndex(e.Key) is not null)
                .OrderBy(e => ArrayIndex(e.Key))
        )
        {
            result[key] = value;
        }
        foreach (var (key, value) in entries.Where(e => ArrayIndex(e.Key) is null))
        {
            result[key] = value;
        }
        return result;
    }

    private static uint? ArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0'))
        {
            return null;
        }
        return
            key.All(char.IsAsciiDigit)
            && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n < uint.MaxValue
            ? n
            : null;
    }
}
