namespace Functional.Core.Http;

/// <summary>
/// A description of one HTTP request: nothing is sent by creating it. The path is relative to the
/// endpoint's base address and already escaped per segment (see <see cref="PathSegments"/>).
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The escaped path, starting with '/'.</param>
/// <param name="Query">Unescaped query pairs in order.</param>
/// <param name="Headers">Extra request headers (content headers come from the body).</param>
/// <param name="Body">The request body.</param>
/// <param name="Timeout">A timeout this request needs instead of the caller's default (e.g. a long poll).</param>
/// <param name="Retry">Whether resending this request after a lost answer is safe.</param>
public sealed record HttpRequest(
    string Method,
    string Path,
    Seq<QueryParam> Query,
    Seq<HttpHeader> Headers,
    HttpBody Body,
    Option<TimeSpan> Timeout,
    RetrySafety Retry
)
{
    /// <summary>A request with no query, headers or body.</summary>
    public static HttpRequest Create(string method, string path) =>
        new(method, path, Empty, Empty, HttpBody.None, None, RetrySafety.Unsafe)
        {
            Label = RequestLabel.Of(method),
        };

    /// <summary>What the request does, for logs and telemetry (never credentials or ids).</summary>
    public RequestLabel Label { get; init; } = DefaultLabel;

    private static readonly RequestLabel DefaultLabel = RequestLabel.Of("request");

    /// <summary>The path with the encoded query string, as sent on the request line.</summary>
    public string PathAndQuery => Query.IsEmpty ? Path : Path + "?" + QueryString.Encode(Query);

    /// <summary>A copy with one more header.</summary>
    public HttpRequest WithHeader(HttpHeader header) => this with { Headers = Headers.Add(header) };

    /// <summary>A copy with one more query pair.</summary>
    public HttpRequest WithQuery(string name, string value) =>
        this with
        {
            Query = Query.Add(new QueryParam(name, value)),
        };

    /// <summary>A copy with the given body.</summary>
    public HttpRequest WithBody(HttpBody body) => this with { Body = body };

    /// <summary>A copy with the given timeout.</summary>
    public HttpRequest WithTimeout(TimeSpan timeout) => this with { Timeout = Some(timeout) };

    /// <summary>A copy with the given label.</summary>
    public HttpRequest WithLabel(RequestLabel label) => this with { Label = label };

    /// <summary>A copy with the given retry safety.</summary>
    public HttpRequest WithRetry(RetrySafety retry) => this with { Retry = retry };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Method} {PathAndQuery} [{string.Join(", ", Headers.Map(h => h.ToString()))}] {Body}";
}

/// <summary>Whether a request can be sent again when its answer was lost.</summary>
public enum RetrySafety
{
    /// <summary>Sending it twice may change state twice (writes, creates, ...).</summary>
    Unsafe,

    /// <summary>It only reads: sending it again is harmless.</summary>
    Safe,
}
