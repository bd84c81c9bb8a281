using System.Text;

namespace Functional.Core.Http;

/// <summary>A raw HTTP response as the interpreter received it.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Reason">The reason phrase (empty when none was sent).</param>
/// <param name="Headers">Response and content headers, one entry per value.</param>
/// <param name="Body">The body bytes.</param>
public sealed record HttpResponse(
    int Status,
    string Reason,
    Seq<HttpHeader> Headers,
    ReadOnlyMemory<byte> Body
)
{
    /// <summary>A response with the given status and UTF-8 text body and no headers.</summary>
    public static HttpResponse Text(int status, string body) =>
        new(status, "", Empty, Encoding.UTF8.GetBytes(body));

    /// <summary>The first value of a header, compared case-insensitively.</summary>
    public Option<string> Header(string name) =>
        Headers
            .Find(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            .Map(h => h.Value);

    /// <summary>The body decoded as UTF-8 (invalid sequences replaced).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and <= 299;

    /// <inheritdoc />
    public override string ToString() => $"{Status} {Reason} ({Body.Length} bytes)";
}
