using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Core.OnePlatform;

/// <summary>Small JSON helpers shared by the One Platform builders and parsers.</summary>
internal static class Json
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Writes a JSON value with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A short description of a JSON element for error messages (kind and size, never its text).</summary>
    public static string Describe(JsonElement e) =>
        e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

    /// <summary>
    /// The element's string value; None when it is not a string or its text cannot be decoded (invalid UTF-8,
    /// or an escaped unpaired surrogate such as <c>"\ud800"</c>, which <see cref="JsonElement.GetString"/> rejects).
    /// </summary>
    public static Option<string> StringOf(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String)
            return None;
        try
        {
            return Optional(e.GetString());
        }
        catch (InvalidOperationException)
        {
            return None;
        }
    }

    /// <summary>
    /// The element's JSON text, for messages; a description instead when it holds text that cannot be decoded
    /// (or when the element is <c>default</c>). Never throws.
    /// </summary>
    public static string RawTextOf(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Undefined)
            return "nothing";
        try
        {
            return e.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return Describe(e) + " with undecodable text";
        }
    }

    /// <summary>True when <paramref name="s"/> is well-formed UTF-16: every surrogate is part of a pair.</summary>
    /// <remarks>Utf8JsonWriter silently replaces an unpaired surrogate with U+FFFD, so builders reject them.</remarks>
    public static bool IsValidText(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return false;
        }
        return true;
    }

    /// <summary>Parses a standalone element (owns its memory).</summary>
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>A cached <c>null</c> element.</summary>
    public static JsonElement Null { get; } = Parse("null");

    /// <summary>Writes a caller-supplied JSON element.</summary>
    public static void WriteElement(Utf8JsonWriter writer, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
            writer.WriteNullValue();
        else
            element.WriteTo(writer);
    }

    /// <summary>Writes a caller-supplied JSON node (null writes JSON null).</summary>
    public static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
            writer.WriteNullValue();
        else
            node.WriteTo(writer);
    }
}
