using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Query;

/// <summary>
/// Mongo's comparison rules over JSON values: the BSON type order (null &lt; numbers &lt; strings &lt; objects &lt; arrays
/// &lt; booleans), numeric equality across representations, ordered document equality, and dotted path lookup through
/// objects and arrays.
/// </summary>
internal static class BsonOrder
{
    /// <summary>The canonical type class of a value (missing and null are both 1).</summary>
    public static int Rank(JsonNode? value) =>
        value?.GetValueKind() switch
        {
            null or JsonValueKind.Null or JsonValueKind.Undefined => 1,
            JsonValueKind.Number => 2,
            JsonValueKind.String => 3,
            JsonValueKind.Object => 4,
            JsonValueKind.Array => 5,
            JsonValueKind.True or JsonValueKind.False => 8,
            _ => 10,
        };

    /// <summary>The number a JSON number holds.</summary>
    public static double Number(JsonNode value) =>
        double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>True for a JSON number.</summary>
    public static bool IsNumber(JsonNode? value) => value?.GetValueKind() == JsonValueKind.Number;

    /// <summary>The string of a JSON string, or null.</summary>
    public static string? String(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Total order of two values (Mongo's sort order; arrays compare element-wise here).</summary>
    public static int Compare(JsonNode? a, JsonNode? b)
    {
        var (ra, rb) = (Rank(a), Rank(b));
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }
        switch (ra)
        {
            case 1:
                return 0;
            case 2:
                return Number(a!).CompareTo(Number(b!));
            case 3:
                return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>());
            case 8:
                return (a!.GetValueKind() == JsonValueKind.True).CompareTo(
                    b!.GetValueKind() == JsonValueKind.True
                );
            case 4:
                var ea = a!.AsObject().ToList();
                var eb = b!.AsObject().ToList();
                for (var i = 0; i < Math.Min(ea.Count, eb.Count); i++)
                {
                    var byType = Rank(ea[i].Value).CompareTo(Rank(eb[i].Value));
                    if (byType != 0)
                    {
                        return byType;
                    }
                    var byName = string.CompareOrdinal(ea[i].Key, eb[i].Key);
                    if (byName != 0)
                    {
                        return byName;
                    }
                    var byValue = Compare(ea[i].Value, eb[i].Value);
                    if (byValue != 0)
                    {
                        return byValue;
                    }
                }
                return ea.Count.CompareTo(eb.Count);
            case 5:
                var xa = a!.AsArray();
                var xb = b!.AsArray();
                for (var i = 0; i < Math.Min(xa.Count, xb.Count); i++)
                {
                    var c = Compare(xa[i], xb[i]);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                return xa.Count.CompareTo(xb.Count);
            default:
                return string.CompareOrdinal(a?.ToJsonString(), b?.ToJsonString());
        }
    }

    /// <summary>BSON equality: same type class and equal (1 == 1.0; documents need the same keys in the same order).</summary>
    public static bool Equal(JsonNode? a, JsonNode? b) =>
        a is JsonValue x
        && b is JsonValue y
        && x.GetValueKind() == JsonValueKind.String
        && y.GetValueKind() == JsonValueKind.String
            ? StringEqual(x, y)
            : Rank(a) == Rank(b) && Compare(a, b) == 0;

    /// <summary>Ordinal equality of two JSON strings without decoding a parsed one into a new string.</summary>
    private static bool StringEqual(JsonValue x, JsonValue y)
    {
        if (x.TryGetValue<JsonElement>(out var ex))
        {
            return ex.ValueEquals(y.GetValue<string>());
        }
        return y.TryGetValue<JsonElement>(out var ey)
            ? ey.ValueEquals(x.GetValue<string>())
            : string.Equals(x.GetValue<string>(), y.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The values at a dotted path: one entry per reachable leaf (arrays of documents are traversed, numeric parts also
    /// index arrays); <c>Present</c> is false where the path ends in a missing field.
    /// </summary>
    public static List<(JsonNode? Value, bool Present)> Resolve(JsonNode? node, string path) =>
        Resolve(node, path.Split('.'));

    /// <summary><see cref="Resolve(JsonNode?, string)"/> with the path already split at its dots (split once, resolve often).</summary>
    public static List<(JsonNode? Value, bool Present)> Resolve(JsonNode? node, string[] parts)
    {
        var found = new List<(JsonNode?, bool)>(1);
        Walk(node, parts, 0, found);
        return found;
    }

    private static void Walk(JsonNode? node, string[] parts, int at, List<(JsonNode?, bool)> found)
    {
        if (at == parts.Length)
        {
            found.Add((node, true));
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue(parts[at], out var child))
                {
                    Walk(child, parts, at + 1, found);
                }
                else
                {
                    found.Add((null, false));
                }
                return;
            case JsonArray array:
                var before = found.Count;
                if (
                    int.TryParse(
                        parts[at],
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out var index
                    )
                    && index < array.Count
                )
                {
                    Walk(array[index], parts, at + 1, found);
                }
                foreach (var element in array)
                {
                    if (element is JsonObject)
                    {
                        Walk(element, parts, at, found);
                    }
                }
                if (found.Count == before)
                {
                    found.Add((null, false));
                }
                return;
            default:
                found.Add((null, false));
                return;
        }
    }

    /// <summary>JavaScript's <c>String(value)</c> of a JSON value (for Mongoose error messages).</summary>
    public static string JsString(JsonNode? value) =>
        value?.GetValueKind() switch
        {
            null or JsonValueKind.Null => "null",
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => JsNumber(Number(value)),
            JsonValueKind.Array => string.Join(
                ",",
                value
                    .AsArray()
                    .Select(e =>
                        e is null || e.GetValueKind() == JsonValueKind.Null ? "" : JsString(e)
                    )
            ),
            _ => "[object Object]",
        };

    /// <summary>JavaScript's number to string conversion (close enough: shortest round-trip form).</summary>
    public static string JsNumber(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21)
        {
            return d.ToString("0", CultureInfo.InvariantCulture);
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var builder = new StringBuilder(text);
        return builder.Replace("E+", "e+").Replace("E-", "e-").ToString();
    }

    /// <summary>A JSON number node for <paramref name="d"/> (integral values as integers).</summary>
    public static JsonNode NumberNode(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
}
