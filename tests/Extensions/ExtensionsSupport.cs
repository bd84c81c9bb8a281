using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Functional.Tests.Extensions;

/// <summary>One captured log event: its category, level, event, formatted text and structured values.</summary>
internal sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    Exception? Exception
)
{
    public object? Value(string key) => State.FirstOrDefault(kv => kv.Key == key).Value;

    /// <summary>Everything the event carries as text (to search for secrets).</summary>
    public string AllText =>
        Message
        + "\n"
        + string.Join("\n", State.Select(kv => $"{kv.Key}={kv.Value}"))
        + "\n"
        + Exception;
}

/// <summary>A logger provider that keeps every event at every level.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> events = new();

    public IReadOnlyList<CapturedLog> Events => events.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, events);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        ) =>
            events.Enqueue(
                new CapturedLog(
                    category,
                    logLevel,
                    eventId,
                    formatter(state, exception),
                    state as IReadOnlyList<KeyValuePair<string, object?>> ?? [],
                    exception
                )
            );
    }
}

/// <summary>What <see cref="FaultHandler"/> does to one attempt.</summary>
internal enum Fault
{
    /// <summary>Pass the request to the server.</summary>
    None,

    /// <summary>Let the server process the request, then lose its answer (the connection "breaks").</summary>
    LoseAnswer,

    /// <summary>Answer 503 without passing the request on.</summary>
    ServiceUnavailable,

    /// <summary>Wait 30 s (or until cancelled) before passing the request on.</summary>
    Hang,
}

/// <summary>Which fault each attempt gets (attempts count from 1) and how many attempts were made.</summary>
internal sealed class FaultPlan(Func<int, Fault> plan)
{
    private int attempts;

    public int Attempts => Volatile.Read(ref attempts);

    public Fault Next() => plan(Interlocked.Increment(ref attempts));
}

/// <summary>
/// Put below the resilience handler, in front of a real emulator: injects the planned fault per attempt, so the policy
/// above sees exactly what a flaky network would show it.
/// </summary>
internal sealed class FaultHandler(FaultPlan plan) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        switch (plan.Next())
        {
            case Fault.LoseAnswer:
                using (await base.SendAsync(request, cancellationToken))
                    throw new HttpRequestException(
                        HttpRequestError.ResponseEnded,
                        "the connection broke before the answer arrived"
                    );
            case Fault.ServiceUnavailable:
                return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    RequestMessage = request,
                    Content = new StringContent("busy"),
                };
            case Fault.Hang:
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }
}
