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
    public static byte[] Write(Action<Utf8JsonWriter> write) => Write(write, static (w, f) => f(w));

    /// <summary>Writes a JSON array whose elements <paramref name="writeElements"/> writes; returns its UTF-8 bytes.</summary>
    public static byte[] WriteArray(Action<Utf8JsonWriter> writeElements) =>
        Write(
            writeElements,
            static (w, f) =>
            {
                w.WriteStartArray();
                f(w);
                w.WriteEndArray();
            }
        );

    /// <summary>
    /// Writes a JSON value with <paramref name="write"/> (given <paramref name="state"/>, so the caller needs no
    /// closure) and returns its UTF-8 bytes. The writer and its buffer are reused per thread: only the result is
    /// allocated. A nested call (a writer callback that itself calls Write) gets a fresh writer.
    /// </summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var cached = cacheSlot ??= new CachedWriter();
        if (cached.InUse)
            return WriteFresh(state, write);
        cached.InUse = true;
        try
        {
            cached.Writer.Reset(cached.Buffer);
            write(cached.Writer, state);
            cached.Writer.Flush();
            return cached.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            cached.Writer.Reset(); // drops any partial state a throwing callback left behind
            cached.Buffer.Clear(); // zeroes what was written: envelopes hold credentials
            // A buffer grown by one huge value is not kept: the next value starts small again.
            if (cached.Buffer.Capacity > MaxCachedBuffer)
                cacheSlot = null;
            else
                cached.InUse = false;
        }
    }

    private const int MaxCachedBuffer = 64 * 1024;

    [ThreadStatic]
    private static CachedWriter? cacheSlot;

    private static byte[] WriteFresh<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer, state);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A thread's reusable writer and buffer.</summary>
#pragma warning disable CA1001 // Lives as long as its thread; the writer over an ArrayBufferWriter holds no unmanaged resource.
    private sealed class CachedWriter
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(256);
        public readonly Utf8JsonWriter Writer;
        public bool InUse;

        public CachedWriter() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }
#pragma warning restore CA1001

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
