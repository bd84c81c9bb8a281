using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Json;

/// <summary>Tolerant readers for JSON-RPC argument nodes: they never throw, they answer false.</summary>
internal static class JsonArgs
{
    /// <summary>True for exactly 40 lower-case hexadecimal characters (RIDs, CIKs, share codes, tokens).</summary>
    public static bool IsId(string? value)
    {
        if (value is null || value.Length != 40)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    public static JsonValueKind Kind(JsonNode? node) =>
        node is null ? JsonValueKind.Null : node.GetValueKind();

    public static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (
            node is JsonValue v
            && v.GetValueKind() == JsonValueKind.String
            && v.TryGetValue(out string? s)
        )
        {
            value = s;
            return true;
        }
        return false;
    }

    public static bool TryBool(JsonNode? node, out bool value)
    {
        value = false;
        var kind = Kind(node);
        if (kind == JsonValueKind.True || kind == JsonValueKind.False)
        {
            value = kind == JsonValueKind.True;
            return true;
        }
        return false;
    }

    /// <summary>A JSON number with an integral value that fits a long (1 and 1.0 both qualify).</summary>
    public static bool TryLong(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }
        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }
        if (
            TryDouble(node, out var d)
            && double.IsInteger(d)
            && d >= long.MinValue
            && d <= long.MaxValue
        )
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    /// <summary>Any finite JSON number.</summary>
    public static bool TryDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue(out JsonElement e))
        {
            return e.TryGetDouble(out value) && double.IsFinite(value);
        }
        if (v.TryGetValue(out double d))
        {
            value = d;
            return double.IsFinite(d);
        }
        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }
        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }
        return false;
    }

    /// <summary>The JSON text of a number node exactly as it was sent (42 stays "42", 1.50 stays "1.50").</summary>
    public static string NumberText(JsonNode node)
    {
        if (node is JsonValue v && v.TryGetValue(out JsonElement e))
        {
            return e.GetRawText();
        }
        if (node is JsonValue d && d.TryGetValue(out double dv))
        {
            return JsonOut.FormatFloat(dv);
        }
        return node.ToJsonString();
    }

    /// <summary>Optional options object: missing or null means empty; anything but an object is a failure.</summary>
    public static bool TryOptions(JsonArray args, int index, out JsonObject options)
    {
        options = [];
        if (index >= args.Count || args[index] is null)
        {
            return true;
        }
        if (args[index] is JsonObject o)
        {
            options = o;
            return true;
        }
        return false;
    }

    /// <summary>A deep copy that survives the request document.</summary>
    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();
}
