using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Hooks;

/// <summary>
/// <c>qs.stringify</c> as the node <c>request</c> library applies it to a <c>qs</c> option: bracketed keys
/// (<c>a[b][0]=…</c>, indices for arrays), keys and values percent-encoded (RFC 3986), null as an empty value, empty
/// objects and arrays left out.
/// </summary>
internal static class Qs
{
    /// <summary>The query string (without <c>?</c>) for <c>{&lt;name&gt;: value}</c>.</summary>
    public static string Stringify(string name, JsonNode? value)
    {
        var pairs = new List<string>();
        Add(pairs, name, value);
        return string.Join('&', pairs);
    }

    private static void Add(List<string> pairs, string key, JsonNode? value)
    {
        switch (value)
        {
            case null:
                pairs.Add(Uri.EscapeDataString(key) + "=");
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Add(pairs, key + "[" + name + "]", child);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(
                        pairs,
                        key
                            + "["
                            + i.ToString(System.Globalization.CultureInfo.InvariantCulture)
                            + "]",
                        array[i]
                    );
                }
                break;
            default:
                var text = value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.ToJsonString(),
                };
                pairs.Add(Uri.EscapeDataString(key) + "=" + Uri.EscapeDataString(text));
                break;
        }
    }
}
