using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// Comparisons the auth rules need (for JavaScript readings of values see <see cref="Schemas.JsValues"/>).
/// </summary>
internal static class AuthJson
{
    /// <summary>The top-level keys whose values differ (jsondiffpatch key order: left keys, then right-only keys).</summary>
    public static List<string> ChangedKeys(JsonObject? left, JsonObject? right)
    {
        var changed = new List<string>();
        left ??= [];
        right ??= [];
        foreach (var (key, value) in left)
        {
            if (
                !right.TryGetPropertyValue(key, out var other) || !JsonNode.DeepEquals(value, other)
            )
            {
                changed.Add(key);
            }
        }
        foreach (var (key, _) in right)
        {
            if (!left.ContainsKey(key))
            {
                changed.Add(key);
            }
        }
        return changed;
    }
}
