using Functional.Core.Http;
using Functional.Core.Interpreter;
using Functional.Extensions.Resilience;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The opt-in resilience policy for the Functional clients' <see cref="IHttpClientBuilder"/>s.</summary>
public static class FunctionalResilienceExtensions
{
    /// <summary>
    /// Adds a total timeout, retries with exponential back-off and jitter (honouring <c>Retry-After</c>), a circuit
    /// breaker and a per-attempt timeout. Only requests the core marks <see cref="RetrySafety.Safe"/> are retried —
    /// SIS and Provisioning GETs, One Platform batches whose calls all read — decided from the request description the
    /// interpreter attaches (<see cref="HttpRequestKeys.Retry"/>), not from the HTTP method: every One Platform call is
    /// a POST. Writes are never resent unless <see cref="FunctionalResilienceOptions.RetryUnsafe"/> is set.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddOnePlatformClient</c>, <c>AddProvisioningClient</c> or <c>AddSisClient</c>.</param>
    /// <param name="configure">Changes to the defaults, or null.</param>
    /// <exception cref="ArgumentException">The settings are unusable; the message names every bad property.</exception>
    public static IHttpClientBuilder AddFunctionalResilience(
        this IHttpClientBuilder builder,
        Action<FunctionalResilienceOptions>? configure = null
    )
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FunctionalResilienceOptions();
        configure?.Invoke(options);
        var problems = options.Problems();
        if (problems.Count > 0)
            throw new ArgumentException(
                "Invalid resilience settings: " + string.Join("; ", problems),
                nameof(configure)
            );

        builder.AddHttpMessageHandler(() => new ResilienceErrorHandler());
        builder.AddResilienceHandler(
            "functional",
            pipeline =>
            {
                pipeline.AddTimeout(
                    new HttpTimeoutStrategyOptions
                    {
                        Name = "functional-total-timeout",
                        Timeout = options.TotalTimeout,
                    }
                );
                if (options.MaxRetryAttempts > 0)
                    pipeline.AddRetry(
                        new HttpRetryStrategyOptions
                        {
                            Name = "functional-retry",
                            MaxRetryAttempts = options.MaxRetryAttempts,
                            Delay = options.RetryDelay,
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            ShouldHandle = args =>
                                ValueTask.FromResult(
                                    ShouldRetry(args.Outcome, args.Context, options.RetryUnsafe)
                                ),
                        }
                    );
                if (options.CircuitBreaker)
                    pipeline.AddCircuitBreaker(
                        new HttpCircuitBreakerStrategyOptions
                        {
                            Name = "functional-circuit-breaker",
                            FailureRatio = options.FailureRatio,
                            MinimumThroughput = options.MinimumThroughput,
                            SamplingDuration = options.SamplingDuration,
                            BreakDuration = options.BreakDuration,
                        }
                    );
                pipeline.AddTimeout(
                    new HttpTimeoutStrategyOptions
                    {
                        Name = "functional-attempt-timeout",
                        Timeout = options.AttemptTimeout,
                    }
                );
            }
        );
        return builder;
    }

    /// <summary>A transient failure of a request that is safe to send again (or any, when the user allows it).</summary>
    internal static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome,
        ResilienceContext context,
        bool retryUnsafe
    )
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
            return false;
        if (retryUnsafe)
            return true;
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        return request is not null && HttpRequestKeys.RetryOf(request) == RetrySafety.Safe;
    }
}
