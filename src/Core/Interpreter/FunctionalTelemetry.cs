using System.Diagnostics;
using System.Diagnostics.Metrics;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Interpreter;

/// <summary>
/// The library's tracing and metrics, from the .NET runtime alone (no OpenTelemetry dependency): listen to the
/// <see cref="ActivitySource"/> and <see cref="Meter"/> named <see cref="Name"/> (with OpenTelemetry:
/// <c>AddSource("Functional")</c>, <c>AddMeter("Functional")</c>). Every request the interpreter sends is one
/// client span — an RPC batch, a SIS or Provisioning call — named after its <see cref="RequestLabel"/>.
/// </summary>
public static class FunctionalTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>Functional</c>.</summary>
    public const string Name = "Functional";

    /// <summary>Counter of requests sent (tags: api, operation, outcome, error type).</summary>
    public const string RequestsInstrument = "functional.client.requests";

    /// <summary>Counter of requests that ended in an error (same tags).</summary>
    public const string ErrorsInstrument = "functional.client.errors";

    /// <summary>Counter of calls carried (an RPC batch of n calls counts n).</summary>
    public const string CallsInstrument = "functional.client.calls";

    /// <summary>Histogram of request durations in seconds, to the parsed answer.</summary>
    public const string DurationInstrument = "functional.client.request.duration";

    private static readonly string Version =
        typeof(FunctionalTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The source of the client spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter of the client instruments.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        RequestsInstrument,
        "{request}",
        "HTTP requests sent by the Functional clients"
    );

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        ErrorsInstrument,
        "{request}",
        "Requests that ended in an error (transport, timeout, HTTP status, API error, malformed answer)"
    );

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        CallsInstrument,
        "{call}",
        "Calls carried by the requests (the size of each RPC batch)"
    );

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        DurationInstrument,
        "s",
        "Time from sending a request to its parsed answer",
        tags: null,
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries =
            [
                0.001,
                0.0025,
                0.005,
                0.01,
                0.025,
                0.05,
                0.1,
                0.25,
                0.5,
                1,
                2.5,
                5,
                10,
                30,
            ],
        }
    );

    internal static Activity? Start(HttpRequest request, Uri? baseAddress)
    {
        if (!ActivitySource.HasListeners())
            return null;
        var activity = ActivitySource.StartActivity(
            request.Label.Api + " " + request.Label.Operation,
            ActivityKind.Client
        );
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("functional.api", request.Label.Api);
            activity.SetTag("functional.operation", request.Label.Operation);
            activity.SetTag("functional.calls", request.Label.Calls);
            activity.SetTag("functional.retry_safe", request.Retry == RetrySafety.Safe);
            activity.SetTag("http.request.method", request.Method);
            if (baseAddress is { IsAbsoluteUri: true })
            {
                activity.SetTag("server.address", baseAddress.Host);
                activity.SetTag("server.port", baseAddress.Port);
            }
        }
        return activity;
    }

    /// <summary>Whether any instrument has a listener (when none has, the interpreter skips building the tags).</summary>
    internal static bool MetricsEnabled =>
        Requests.Enabled || Errors.Enabled || Calls.Enabled || Duration.Enabled;

    internal static void Complete(Activity? activity, HttpExchange exchange)
    {
        if (MetricsEnabled)
        {
            var tags = new TagList
            {
                { "functional.api", exchange.Label.Api },
                { "functional.operation", exchange.Label.Operation },
                { "functional.outcome", exchange.Outcome },
            };
            if (exchange.ErrorType.Case is string errorType)
                tags.Add("error.type", errorType);
            Requests.Add(1, tags);
            Calls.Add(exchange.Label.Calls, tags);
            Duration.Record(exchange.Duration.TotalSeconds, tags);
            if (exchange.Error.IsSome)
                Errors.Add(1, tags);
        }

        if (activity is null)
            return;
        exchange.Status.IfSome(s => activity.SetTag("http.response.status_code", s));
        activity.SetTag("functional.outcome", exchange.Outcome);
        exchange.Error.IfSome(e =>
        {
            activity.SetTag("error.type", e.GetType().Name);
            activity.SetStatus(ActivityStatusCode.Error, Describe(e));
        });
    }

    /// <summary>A short description for the span status: the case and, where it has one, the code — no free text.</summary>
    private static string Describe(ApiError error) =>
        error switch
        {
            ApiError.HttpStatus h => $"HttpStatus {h.Status}",
            ApiError.RpcGeneral g => $"RpcGeneral {g.Code}",
            _ => error.GetType().Name,
        };
}
