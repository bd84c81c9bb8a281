using Microsoft.Extensions.Logging;

namespace Functional.Emulators.OnePlatform;

/// <summary>The emulator's log messages (silent unless a logger is given in the options).</summary>
internal static class Log
{
    private static readonly Action<ILogger, string, int, Exception?> RequestHandled =
        LoggerMessage.Define<string, int>(
            LogLevel.Debug,
            new EventId(1, nameof(RequestHandled)),
            "RPC {Path}: {Calls} call(s)"
        );

    private static readonly Action<ILogger, int, string, Exception?> GeneralErrorAnswered =
        LoggerMessage.Define<int, string>(
            LogLevel.Debug,
            new EventId(2, nameof(GeneralErrorAnswered)),
            "RPC general error {Code}: {Message}"
        );

    private static readonly Action<ILogger, string, Exception?> CallCrashed =
        LoggerMessage.Define<string>(
            LogLevel.Error,
            new EventId(3, nameof(CallCrashed)),
            "Procedure {Procedure} failed unexpectedly"
        );

    private static readonly Action<ILogger, string, Exception?> StateSaveFailedMessage =
        LoggerMessage.Define<string>(
            LogLevel.Error,
            new EventId(4, nameof(StateSaveFailed)),
            "Could not write the state file {Path}"
        );

    private static readonly Action<ILogger, Exception?> TickFailedMessage = LoggerMessage.Define(
        LogLevel.Error,
        new EventId(5, nameof(TickFailed)),
        "Datarule tick failed"
    );

    public static void Request(ILogger logger, string path, int calls) =>
        RequestHandled(logger, path, calls, null);

    public static void GeneralError(ILogger logger, int code, string message) =>
        GeneralErrorAnswered(logger, code, message, null);

    public static void Crashed(ILogger logger, string procedure, Exception ex) =>
        CallCrashed(logger, procedure, ex);

    public static void StateSaveFailed(ILogger logger, string path, Exception ex) =>
        StateSaveFailedMessage(logger, path, ex);

    public static void TickFailed(ILogger logger, Exception ex) => TickFailedMessage(logger, ex);
}
