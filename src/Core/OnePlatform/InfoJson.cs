using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>Lenient readers for the members of <c>info</c>'s parts (internal).</summary>
internal static class InfoJson
{
    /// <summary>A whole number (a float with a fraction is truncated); None when absent or not a number.</summary>
    public static Option<long> Integer(JsonElement e) =>
        e.ValueKind != JsonValueKind.Number ? None
        : e.TryGetInt64(out var n) ? Some(n)
        : e.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) < 9.2e18
            ? Some((long)Math.Truncate(d))
        : None;

    public static Option<long> Integer(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var v)
            ? Integer(v)
            : None;

    public static Option<string> Text(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object
        && obj.TryGetProperty(key, out var v)
        && v.ValueKind == JsonValueKind.String
            ? Optional(v.GetString())
            : None;

    public static Option<bool> Boolean(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.True => Some(true),
                JsonValueKind.False => Some(false),
                _ => None,
            }
            : None;

    /// <summary>A list of strings (other elements keep their JSON text); None when not a list.</summary>
    public static Option<Seq<string>> Strings(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array)
            return None;
        var items = new List<string>(e.GetArrayLength());
        foreach (var x in e.EnumerateArray())
            items.Add(x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText());
        return toSeq(items);
    }
}
