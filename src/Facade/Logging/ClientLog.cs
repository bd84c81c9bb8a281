using Functional.Core.Interpreter;
using Microsoft.Extensions.Logging;

namespace Functional.Facade.Logging;

/// <summary>
/// The clients' log events, one per request sent. They carry the request's label (API, operation, number of
/// calls), the HTTP status, the duration and the error's kind — never a CIK, token, password, header or body.
/// </summary>
internal static partial class ClientLog
{
    /// <summary>An interpreter observer that writes each exchange to <paramref name="logger"/>.</summary>
    public static Action<HttpExchange> Observer(ILogger logger) =>
        exchange =>
        {
            var ms = exchange.Duration.TotalMilliseconds;
            var status = exchange.Status.MatchUnsafe(s => (int?)s, () => null);
            exchange.ErrorType.Match(
                type =>
                    RequestFailed(
                        logger,
                        exchange.Label.Api,
                        exchange.Label.Operation,
                        exchange.Label.Calls,
                        status,
                        ms,
                        type
                    ),
                () =>
                    RequestSucceeded(
                        logger,
                        exchange.Label.Api,
                        exchange.Label.Operation,
                        exchange.Label.Calls,
                        status,
                        ms
                    )
            );
        };

    /// <summary>Adds the log observer to <paramref name="options"/> when there is a logger.</summary>
    public static HttpInterpreterOptions With(HttpInterpreterOptions options, ILogger? logger) =>
        logger is null ? options : options.WithObserver(Observer(logger));

    [LoggerMessage(
        EventId = 1,
        EventName = "RequestSucceeded",
        Level = LogLevel.Debug,
        Message = "{Api} {Operation} ({Calls} calls): status {Status} in {DurationMs:0.0} ms"
    )]
    private static partial void RequestSucceeded(
        ILogger logger,
        string api,
        string operation,
        int calls,
        int? status,
        double durationMs
    );

    [LoggerMessage(
        EventId = 2,
        EventName = "RequestFailed",
        Level = LogLevel.Warning,
        Message = "{Api} {Operation} ({Calls} calls) failed: {ErrorType}, status {Status}, after {DurationMs:0.0} ms"
    )]
    private static partial void RequestFailed(
        ILogger logger,
        string api,
        string operation,
        int calls,
        int? status,
        double durationMs,
        string errorType
    );
}
