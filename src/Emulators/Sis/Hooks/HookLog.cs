using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Sis.Hooks;

/// <summary>The hook dispatcher's log messages (hook names, methods and statuses only: never URLs or payloads).</summary>
internal static partial class HookLog
{
    [LoggerMessage(
        EventId = 401,
        Level = LogLevel.Debug,
        Message = "Hook {Hook}: {Method} answered {Status}"
    )]
    public static partial void Delivered(ILogger logger, string hook, string method, int status);

    [LoggerMessage(
        EventId = 402,
        Level = LogLevel.Information,
        Message = "Hook {Hook}: attempt {Attempt} failed ({Reason}); retrying in {DelaySeconds} s"
    )]
    public static partial void Retrying(
        ILogger logger,
        string hook,
        int attempt,
        string reason,
        double delaySeconds
    );

    [LoggerMessage(
        EventId = 403,
        Level = LogLevel.Warning,
        Message = "Hook {Hook}: giving up after {Attempts} attempt(s) ({Reason})"
    )]
    public static partial void GaveUp(ILogger logger, string hook, int attempts, string reason);

    [LoggerMessage(
        EventId = 404,
        Level = LogLevel.Warning,
        Message = "Hook {Hook}: dropped, {Pending} deliveries are already pending"
    )]
    public static partial void Dropped(ILogger logger, string hook, int pending);

    [LoggerMessage(
        EventId = 405,
        Level = LogLevel.Warning,
        Message = "Hook {Hook}: target is not an absolute http(s) URL or has no GET/POST/PUT action"
    )]
    public static partial void BadTarget(ILogger logger, string hook);
}
