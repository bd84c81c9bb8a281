namespace Functional.Core.Http;

/// <summary>
/// The body of a described request: nothing, JSON bytes, form pairs, or raw bytes with a content type.
/// Bodies may carry credentials (the One Platform envelope holds the CIK), so <see cref="ToString"/>
/// shows only the kind and the size.
/// </summary>
public abstract record HttpBody
{
    private HttpBody() { }

    /// <summary>No body.</summary>
    public static HttpBody None { get; } = new Empty();

    /// <summary>A UTF-8 JSON body, sent as <c>application/json; charset=utf-8</c>.</summary>
    public static HttpBody FromJson(ReadOnlyMemory<byte> utf8Json) => new Json(utf8Json);

    /// <summary>A form body (<c>application/x-www-form-urlencoded</c>).</summary>
    public static HttpBody FromForm(Seq<QueryParam> fields) => new Form(fields);

    /// <summary>Raw bytes with the given content type.</summary>
    public static HttpBody FromBytes(ReadOnlyMemory<byte> bytes, string contentType) =>
        new Raw(bytes, contentType);

    /// <summary>No body at all.</summary>
    public sealed record Empty : HttpBody
    {
        /// <inheritdoc />
        public override string ToString() => "(no body)";
    }

    /// <summary>A UTF-8 JSON document.</summary>
    /// <param name="Utf8">The JSON text, UTF-8 encoded.</param>
    public sealed record Json(ReadOnlyMemory<byte> Utf8) : HttpBody
    {
        /// <inheritdoc />
        public override string ToString() => $"(json, {Utf8.Length} bytes)";
    }

    /// <summary>Form fields, encoded as <c>application/x-www-form-urlencoded</c>.</summary>
    /// <param name="Fields">The fields in order.</param>
    public sealed record Form(Seq<QueryParam> Fields) : HttpBody
    {
        /// <summary>The encoded form text.</summary>
        public string Encoded => QueryString.Encode(Fields);

        /// <inheritdoc />
        public override string ToString() => $"(form, {Fields.Count} fields)";
    }

    /// <summary>Raw bytes with a content type.</summary>
    /// <param name="Bytes">The bytes.</param>
    /// <param name="ContentType">The media type, e.g. <c>text/csv</c>.</param>
    public sealed record Raw(ReadOnlyMemory<byte> Bytes, string ContentType) : HttpBody
    {
        /// <inheritdoc />
        public override string ToString() => $"({ContentType}, {Bytes.Length} bytes)";
    }
}
