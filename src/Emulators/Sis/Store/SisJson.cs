using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Store;

/// <summary>JSON helpers shared by the SIS host: serialisation like Node's <c>JSON.stringify</c>, paths, freezing.</summary>
internal static class SisJson
{
    /// <summary>Compact output that leaves non-ASCII characters and HTML-sensitive ones unescaped.</summary>
    public static readonly JsonSerializerOptions Output = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Parsing options: deep documents allowed.</summary>
    public static readonly JsonDocumentOptions Input = new() { MaxDepth = 512 };

    /// <summary>UTF-8 JSON text of a node (<c>null</c> for a null node).</summary>
    public static byte[] ToBytes(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }
        return stream.ToArray();
    }

    /// <summary>JSON text of a node.</summary>
    public static string Text(JsonNode? node) => System.Text.Encoding.UTF8.GetString(ToBytes(node));

    /// <summary>The value at a dotted path through objects (null when absent).</summary>
    public static JsonNode? Path(JsonObject document, string dotted)
    {
        JsonNode? current = document;
        foreach (var part in dotted.Split('.'))
        {
            if (current is not JsonObject o || !o.TryGetPropertyValue(part, out current))
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>The string value of a property, or null.</summary>
    public static string? Str(JsonObject? o, string key) =>
        o?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The boolean value of a property, or false.</summary>
    public static bool Bool(JsonObject? o, string key) =>
        o?[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The <c>_sis</c> object of a document, or null.</summary>
    public static JsonObject? Meta(JsonObject? document) => document?["_sis"] as JsonObject;

    /// <summary>Parses JSON text into a node (throws <see cref="JsonException"/> on bad text).</summary>
    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: Input);

    /// <summary>A deep copy that is safe to change.</summary>
    public static JsonObject Copy(JsonObject document) => (JsonObject)document.DeepClone();

    /// <summary>
    /// Forces lazily parsed nodes to materialise, so a stored document can be read by many threads at once.
    /// </summary>
    public static void Freeze(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Freeze(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Freeze(child);
                }
                break;
            default:
                break;
        }
    }
}
