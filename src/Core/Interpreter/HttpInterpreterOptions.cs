namespace Functional.Core.Interpreter;

/// <summary>How the interpreter sends requests.</summary>
/// <param name="BaseAddress">The endpoint; request paths are appended to it. None uses <c>HttpClient.BaseAddress</c>.</param>
/// <param name="Timeout">The default time allowed for one request and its answer; a request's own timeout wins.</param>
public sealed record HttpInterpreterOptions(Option<Uri> BaseAddress, TimeSpan Timeout)
{
    /// <summary>No base address of its own and a 100 s timeout.</summary>
    public static HttpInterpreterOptions Default { get; } = new(None, TimeSpan.FromSeconds(100));

    /// <summary>A copy with the given base address.</summary>
    public HttpInterpreterOptions WithBaseAddress(Uri baseAddress) =>
        this with
        {
            BaseAddress = Some(baseAddress),
        };

    /// <summary>
    /// Called after every request with what happened (label, status, duration, error) — e.g. to log it. None by
    /// default. It runs on the request's path, so keep it quick; what it throws is ignored.
    /// </summary>
    public Option<Action<HttpExchange>> Observer { get; init; }

    /// <summary>A copy that reports every exchange to <paramref name="observer"/>.</summary>
    public HttpInterpreterOptions WithObserver(Action<HttpExchange> observer) =>
        this with
        {
            Observer = Optional(observer),
        };

    /// <summary>A copy with the given timeout.</summary>
    public HttpInterpreterOptions WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };
}
