using Functional.Emulators.Faults;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Sis;

/// <summary>
/// How to start a <see cref="SisEmulator"/>. Every property is optional. <see cref="ToString"/> never shows
/// <see cref="SuperUserPassword"/>.
/// </summary>
public sealed record SisEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The start-up super user's name (default <c>admin</c>); created, or given this password, at start.</summary>
    public string SuperUserName { get; init; } = "admin";

    /// <summary>
    /// The start-up super user's password; null (the default) generates one, readable from
    /// <see cref="SisEmulator.SuperUserPassword"/>.
    /// </summary>
    public string? SuperUserPassword { get; init; }

    /// <summary>Whether writes need an <c>x-auth-token</c> (default true); false = SIS's <c>app.auth=false</c>.</summary>
    public bool AuthEnabled { get; init; } = true;

    /// <summary>Read-only mode (SIS's <c>app.readonly</c>): only GET routes, the token request and the hook trigger.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Seed for generated ObjectIds, tokens and passwords; null = cryptographically random.</summary>
    public int? Seed { get; init; }

    /// <summary>The clock for timestamps, token expiry and hook retry delays (default: the system clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Optional JSON state file: loaded at start when it exists, rewritten atomically (temporary file, then rename)
    /// after every write.
    /// </summary>
    public string? StatePath { get; init; }

    /// <summary>Receives the emulator's own log messages; null (the default) logs nothing.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Timeout of each outbound hook call (default 10 s).</summary>
    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Fault injection (latency, 5xx answers, connection resets before or after processing, truncated, slow or garbage
    /// bodies) on the API routes; null (the default) injects nothing. See <see cref="FaultOptions"/>.
    /// </summary>
    public FaultOptions? Faults { get; init; }

    /// <summary>The settings as text, with <see cref="SuperUserPassword"/> masked.</summary>
    public override string ToString() =>
        $"SisEmulatorOptions {{ Port = {Port}, SuperUserName = {SuperUserName}, "
        + $"SuperUserPassword = {(SuperUserPassword is null ? "(generated)" : "***")}, "
        + $"AuthEnabled = {(AuthEnabled ? "true" : "false")}, ReadOnly = {(ReadOnly ? "true" : "false")}, "
        + $"Seed = {(Seed is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(random)")}, "
        + $"StatePath = {StatePath ?? "(none)"}, Logger = {(Logger is null ? "(none)" : "set")}, "
        + $"HookTimeout = {HookTimeout}, Faults = {(Faults is null ? "(none)" : Faults.ToString())} }}";
}
