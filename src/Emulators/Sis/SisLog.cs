using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Sis;

/// <summary>The SIS emulator's log messages (silent unless a logger is given in the options).</summary>
internal static partial class SisLog
{
    [LoggerMessage(
        EventId = 101,
        Level = LogLevel.Debug,
        Message = "SIS {Method} {Path} -> {Status}"
    )]
    public static partial void Request(ILogger logger, string method, string path, int status);

    [LoggerMessage(
        EventId = 102,
        Level = LogLevel.Error,
        Message = "SIS request {Method} {Path} failed unexpectedly"
    )]
    public static partial void Crashed(ILogger logger, string method, string path, Exception ex);

    [LoggerMessage(
        EventId = 103,
        Level = LogLevel.Error,
        Message = "Could not write the SIS state file {Path}"
    )]
    public static partial void StateSaveFailed(ILogger logger, string path, Exception ex);
}
