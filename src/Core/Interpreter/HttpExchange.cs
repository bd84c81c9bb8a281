using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Interpreter;

/// <summary>
/// What happened to one request the interpreter sent, handed to <see cref="HttpInterpreterOptions.Observer"/>
/// (e.g. to write a log line). It carries the request's label, never its headers or body, so it holds no secrets.
/// </summary>
/// <param name="Label">What the request does (API, operation, number of calls).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Status">The HTTP status of the answer, or None when none arrived.</param>
/// <param name="Duration">From just before sending to the parsed answer.</param>
/// <param name="Error">The failure the exchange ended in (transport, HTTP status, API error, malformed answer), or None.</param>
/// <param name="Retry">Whether the request was marked safe to send again.</param>
public sealed record HttpExchange(
    RequestLabel Label,
    string Method,
    Option<int> Status,
    TimeSpan Duration,
    Option<ApiError> Error,
    RetrySafety Retry
)
{
    /// <summary><c>ok</c>, or <c>error</c> when <see cref="Error"/> is set.</summary>
    public string Outcome => Error.IsSome ? "error" : "ok";

    /// <summary>The error's case name (<c>Transport</c>, <c>Timeout</c>, <c>HttpStatus</c>, <c>RpcGeneral</c>, …), or None.</summary>
    public Option<string> ErrorType => Error.Map(e => e.GetType().Name);
}
