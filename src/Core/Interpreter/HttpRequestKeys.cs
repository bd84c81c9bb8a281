using Functional.Core.Http;

namespace Functional.Core.Interpreter;

/// <summary>
/// The keys under which the interpreter puts the Core request description into
/// <see cref="HttpRequestMessage.Options"/>, so <see cref="DelegatingHandler"/>s (retry policies, logging) decide from
/// what the request does rather than from its HTTP method — a One Platform batch of reads is a POST, yet safe to resend.
/// </summary>
public static class HttpRequestKeys
{
    /// <summary>Whether the request may be sent again after its answer was lost (<see cref="HttpRequest.Retry"/>).</summary>
    public static HttpRequestOptionsKey<RetrySafety> Retry { get; } = new("Functional.Retry");

    /// <summary>What the request does (<see cref="HttpRequest.Label"/>).</summary>
    public static HttpRequestOptionsKey<RequestLabel> Label { get; } = new("Functional.Label");

    /// <summary>
    /// The retry safety of <paramref name="message"/>: what the interpreter put there, or
    /// <see cref="RetrySafety.Unsafe"/> for a message that did not come from it.
    /// </summary>
    public static RetrySafety RetryOf(HttpRequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Options.TryGetValue(Retry, out var retry) ? retry : RetrySafety.Unsafe;
    }
}
