using Functional.Emulators.Faults;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.OnePlatform;

/// <summary>
/// How to start a <see cref="OnePlatformEmulator"/>. Every property is optional. <see cref="ToString"/> never shows
/// <see cref="RootCik"/> or <see cref="VendorToken"/>.
/// </summary>
public sealed record OnePlatformEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The root client's CIK (40 lower-case hex characters); generated when null. When a state file is loaded,
    /// a given CIK replaces the stored root CIK.
    /// </summary>
    public string? RootCik { get; init; }

    /// <summary>Seed for generated identifiers (RIDs, CIKs, share codes, tokens); null = cryptographically random.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// The clock for timestamps (Unix seconds), <c>wait</c> timeouts, token expiry and clock-driven datarules.
    /// Defaults to <see cref="System.TimeProvider.System"/>; tests pass a manual clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Optional JSON state file: loaded at start when it exists, rewritten atomically (temporary file, then rename)
    /// after every change.
    /// </summary>
    public string? StatePath { get; init; }

    /// <summary>Receives the emulator's own log messages; null (the default) logs nothing.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Largest accepted request body in bytes (default 16 MiB); larger bodies get a general 400 error.</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The Provisioning API's vendor name (used by <c>/provision/activate</c> and device meta); default <c>vendor</c>.</summary>
    public string Vendor { get; init; } = "vendor";

    /// <summary>
    /// The vendor token accepted in <c>X-Exosite-Token</c> on <c>/provision/manage/…</c> (40 lower-case hex); null (the
    /// default) accepts only <c>X-Exosite-CIK</c> with an activated client's CIK.
    /// </summary>
    public string? VendorToken { get; init; }

    /// <summary>
    /// Fault injection (latency, 5xx answers, connection resets before or after processing, truncated, slow or garbage
    /// bodies) on the RPC and Provisioning routes; null (the default) injects nothing. See <see cref="FaultOptions"/>.
    /// </summary>
    public FaultOptions? Faults { get; init; }

    /// <summary>The settings as text, with <see cref="RootCik"/> and <see cref="VendorToken"/> masked.</summary>
    public override string ToString() =>
        $"OnePlatformEmulatorOptions {{ Port = {Port}, RootCik = {Masked(RootCik)}, Seed = {Shown(Seed)}, "
        + $"StatePath = {StatePath ?? "(none)"}, Logger = {(Logger is null ? "(none)" : "set")}, "
        + $"MaxRequestBodyBytes = {MaxRequestBodyBytes}, Vendor = {Vendor}, VendorToken = {Masked(VendorToken)}, "
        + $"Faults = {(Faults is null ? "(none)" : Faults.ToString())} }}";

    private static string Masked(string? secret) => secret is null ? "(generated)" : "***";

    private static string Shown(int? seed) =>
        seed is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(random)";
}
