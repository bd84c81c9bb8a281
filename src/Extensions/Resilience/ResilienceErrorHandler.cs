using Functional.Core.Interpreter;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Functional.Extensions.Resilience;

/// <summary>
/// Sits above the resilience handler and turns Polly's rejections into what the interpreter understands: an open
/// circuit is a request that was not sent, a timed-out attempt is a timeout.
/// </summary>
internal sealed class ResilienceErrorHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new RequestNotSentException(
                "not sent: the circuit breaker is open after repeated failures",
                ex
            );
        }
        catch (TimeoutRejectedException ex)
        {
            throw new AttemptTimeoutException(ex.Timeout, ex);
        }
    }
}
