using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Json;

/// <summary>
/// Parses request bodies into <see cref="JsonNode"/> trees. Unlike <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>,
/// a repeated object key is not an error waiting to happen later: the last occurrence wins, as in most JSON
/// parsers. Numbers keep their exact text (ids are echoed as sent).
/// </summary>
internal static class JsonInput
{
    /// <summary>Throws <see cref="JsonException"/> for invalid JSON or nesting deeper than <paramref name="maxDepth"/>.</summary>
    public static JsonNode? Parse(ReadOnlyMemory<byte> body, int maxDepth)
    {
        using var document = JsonDocument.Parse(
            body,
            new JsonDocumentOptions { MaxDepth = maxDepth }
        );
        return Build(document.RootElement);
    }

    private static JsonNode? Build(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = Build(property.Value);
                }
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Build(item));
                }
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
