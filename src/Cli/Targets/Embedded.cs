using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;

namespace Functional.Cli.Targets;

/// <summary>
/// The emulators a command runs against when no server is named: started in-process on 127.0.0.1 for the one
/// command, with their state in the user's data folder so consecutive invocations see the same data. The first
/// run prints where that state lives and the root credentials (once, on standard error).
/// </summary>
internal static class Embedded
{
    /// <summary>The One Platform emulator's state file in <paramref name="dataDirectory"/>.</summary>
    public static string OnePlatformState(string dataDirectory) =>
        Path.Combine(dataDirectory, "onep-state.json");

    /// <summary>The SIS emulator's state file in <paramref name="dataDirectory"/>.</summary>
    public static string SisState(string dataDirectory) =>
        Path.Combine(dataDirectory, "sis-state.json");

    /// <summary>The embedded credentials (vendor token, SIS super user) in <paramref name="dataDirectory"/>.</summary>
    public static string CredentialsFile(string dataDirectory) =>
        Path.Combine(dataDirectory, "embedded-credentials.json");

    /// <summary>Starts the embedded One Platform emulator (with Provisioning: vendor <c>vendor</c> and a vendor token).</summary>
    public static async Task<OnePlatformEmulator> StartOnePlatformAsync(
        CliContext context,
        CancellationToken ct
    )
    {
        var data = context.DataDirectory;
        Directory.CreateDirectory(data);
        var state = OnePlatformState(data);
        var first = !File.Exists(state);
        var vendorToken = Credential(data, "vendorToken", () => RandomHex(20));
        var emulator = await OnePlatformEmulator
            .StartAsync(
                new OnePlatformEmulatorOptions { StatePath = state, VendorToken = vendorToken },
                ct
            )
            .ConfigureAwait(false);
        if (first)
        {
            await context
                .Host.Error.WriteLineAsync(
                    $"""
                    fxo: no server given (--url, FXO_ONEP_URL or onep.url in the config), so this runs against the embedded One Platform emulator.
                      state:        {state}
                      root CIK:     {emulator.RootCik}
                      vendor token: {vendorToken} (vendor 'vendor')
                      Commands use these by default. This is shown once.
                    """
                )
                .ConfigureAwait(false);
        }
        return emulator;
    }

    /// <summary>The embedded vendor token (created on first use).</summary>
    public static string VendorToken(CliContext context) =>
        Credential(context.DataDirectory, "vendorToken", () => RandomHex(20));

    /// <summary>Starts the embedded SIS emulator with its super user.</summary>
    public static async Task<SisEmulator> StartSisAsync(CliContext context, CancellationToken ct)
    {
        var data = context.DataDirectory;
        Directory.CreateDirectory(data);
        var state = SisState(data);
        var first = !File.Exists(state);
        var password = Credential(data, "sisPassword", () => RandomHex(12));
        var emulator = await SisEmulator
            .StartAsync(
                new SisEmulatorOptions
                {
                    StatePath = state,
                    SuperUserName = "admin",
                    SuperUserPassword = password,
                },
                ct
            )
            .ConfigureAwait(false);
        if (first)
        {
            await context
                .Host.Error.WriteLineAsync(
                    $"""
                    fxo: no server given (--url, FXO_SIS_URL or sis.url in the config), so this runs against the embedded SIS emulator.
                      state:      {state}
                      super user: admin
                      password:   {password}
                      Commands log in as this user by default. This is shown once.
                    """
                )
                .ConfigureAwait(false);
        }
        return emulator;
    }

    private static string Credential(string dataDirectory, string name, Func<string> create)
    {
        var path = CredentialsFile(dataDirectory);
        var root = PrivateFile.ReadObject(path);
        if (root[name] is JsonValue v && v.TryGetValue<string>(out var existing))
        {
            return existing;
        }
        var value = create();
        root[name] = value;
        PrivateFile.WriteAllText(path, root.ToJsonString(PrivateFile.Indented));
        return value;
    }

    private static string RandomHex(int bytes) =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
