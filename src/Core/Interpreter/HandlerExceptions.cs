namespace Functional.Core.Interpreter;

/// <summary>
/// Thrown by an HTTP handler (e.g. a resilience policy) when it gave up waiting for an answer; the interpreter turns it
/// into <see cref="Errors.ApiError.Timeout"/> with <see cref="After"/>.
/// </summary>
public sealed class AttemptTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a wait of <paramref name="after"/>.</summary>
    public AttemptTimeoutException(TimeSpan after, Exception? innerException = null)
        : base($"no answer within {after.TotalSeconds:0.###} s", innerException) => After = after;

    /// <summary>The time waited.</summary>
    public TimeSpan After { get; }
}

/// <summary>
/// Thrown by an HTTP handler that refused to send a request (e.g. an open circuit breaker); the interpreter turns it
/// into <see cref="Errors.ApiError.Transport"/> with <c>RequestMayHaveBeenProcessed = false</c>.
/// </summary>
public sealed class RequestNotSentException : HttpRequestException
{
    /// <summary>Creates the exception with the reason the request was not sent.</summary>
    public RequestNotSentException(string reason, Exception? innerException = null)
        : base(reason, innerException) { }
}
