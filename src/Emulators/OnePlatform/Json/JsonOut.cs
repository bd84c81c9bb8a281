using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Json;

/// <summary>
/// Writes <see cref="JsonNode"/> trees. Numbers the emulator created as <see cref="double"/> are float data values
/// and are always written with a fraction (1.0, never 1); numbers that came from a request are echoed verbatim.
/// </summary>
internal static class JsonOut
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string FormatFloat(double value)
    {
        if (double.IsInteger(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("0.0", CultureInfo.InvariantCulture);
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return
            text.Contains('.', StringComparison.Ordinal)
            || text.Contains('E', StringComparison.Ordinal)
            ? text
            : text + ".0";
    }

    public static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            element.WriteTo(writer);
        }
        else if (value.TryGetValue(out long l))
        {
            writer.WriteNumberValue(l);
        }
        else if (value.TryGetValue(out int i))
        {
            writer.WriteNumberValue(i);
        }
        else if (value.TryGetValue(out double d))
        {
            writer.WriteRawValue(FormatFloat(d), skipInputValidation: true);
        }
        else if (value.TryGetValue(out string? s))
        {
            writer.WriteStringValue(s);
        }
        else if (value.TryGetValue(out bool b))
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public static byte[] ToBytes(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, node);
        }
        return stream.ToArray();
    }
}
