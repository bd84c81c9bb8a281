namespace Functional.Extensions.Resilience;

/// <summary>
/// Settings of the opt-in resilience policy added by <c>AddFunctionalResilience</c>: a total timeout, retries of
/// transient failures (connection errors, lost answers, 408, 429, 5xx) for requests the core marks safe to resend, a
/// circuit breaker and a timeout per attempt.
/// </summary>
public sealed class FunctionalResilienceOptions
{
    /// <summary>Retries after the first attempt (0 turns retrying off). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The base delay before a retry; it doubles each time, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Also retry requests that may change state (writes, creates, RPC batches with any non-read call) when their
    /// answer is lost. Off by default: such a request may already have been applied, and resending it may apply it
    /// twice. Turn on only when your writes are idempotent.
    /// </summary>
    public bool RetryUnsafe { get; set; }

    /// <summary>The time allowed for one attempt. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The time allowed for all attempts together. Default 30 s. The client's own timeout (its options'
    /// <c>Timeout</c>) still bounds the whole exchange, so keep this at or below it.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to stop sending for <see cref="BreakDuration"/> after too many failures. Default true.</summary>
    public bool CircuitBreaker { get; set; } = true;

    /// <summary>The share of failed attempts in <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The fewest attempts in <see cref="SamplingDuration"/> before the circuit may open. Default 20.</summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>The window in which failures are counted. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses requests. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Every problem with these settings, each naming the property.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxRetryAttempts is < 0 or > 100)
            problems.Add($"{nameof(MaxRetryAttempts)} must be between 0 and 100");
        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromDays(1))
            problems.Add($"{nameof(RetryDelay)} must be between 0 and 1 day");
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromDays(1))
            problems.Add($"{nameof(AttemptTimeout)} must be between 10 ms and 1 day");
        if (TotalTimeout < TimeSpan.FromMilliseconds(10) || TotalTimeout > TimeSpan.FromDays(1))
            problems.Add($"{nameof(TotalTimeout)} must be between 10 ms and 1 day");
        if (TotalTimeout < AttemptTimeout)
            problems.Add($"{nameof(TotalTimeout)} must be at least {nameof(AttemptTimeout)}");
        if (CircuitBreaker)
        {
            if (FailureRatio is <= 0 or > 1 || double.IsNaN(FailureRatio))
                problems.Add($"{nameof(FailureRatio)} must be above 0 and at most 1");
            if (MinimumThroughput < 2)
                problems.Add($"{nameof(MinimumThroughput)} must be at least 2");
            if (
                SamplingDuration < TimeSpan.FromMilliseconds(500)
                || SamplingDuration > TimeSpan.FromDays(1)
            )
                problems.Add($"{nameof(SamplingDuration)} must be between 0.5 s and 1 day");
            if (
                BreakDuration < TimeSpan.FromMilliseconds(500)
                || BreakDuration > TimeSpan.FromDays(1)
            )
                problems.Add($"{nameof(BreakDuration)} must be between 0.5 s and 1 day");
        }
        return problems;
    }
}
