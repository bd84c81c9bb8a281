using System.CommandLine;
using Functional.Cli.Output;
using Functional.Cli.Targets;

namespace Functional.Cli;

/// <summary>
/// One running command: the host, the parsed global options, the config file and the output. Commands get it from
/// <see cref="CliRun"/> and open the server they need with <see cref="OpenOnePlatformAsync"/>,
/// <see cref="OpenProvisioningAsync"/> or <see cref="OpenSisAsync"/>.
/// </summary>
internal sealed class CliContext
{
    private CliContext(CliHost host, ParseResult parse, CliConfig config, CliOutput output)
    {
        Host = host;
        Parse = parse;
        Config = config;
        Output = output;
    }

    /// <summary>The streams, environment and folders.</summary>
    public CliHost Host { get; }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>The user's config file.</summary>
    public CliConfig Config { get; }

    /// <summary>Where results go.</summary>
    public CliOutput Output { get; }

    /// <summary>The server given with <c>--url</c>, if any.</summary>
    public Uri? Url => Parse.GetValue(GlobalOptions.Url);

    /// <summary>Time allowed per HTTP request.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(Parse.GetValue(GlobalOptions.Timeout));

    /// <summary>The folder of the embedded emulators' state and stored logins.</summary>
    public string DataDirectory =>
        Parse.GetValue(GlobalOptions.DataDir)?.FullName
        ?? Host.Variable("FXO_HOME")
        ?? Host.DataDirectory;

    /// <summary>Reads the config file named by <c>--config</c>, <c>FXO_CONFIG</c> or the default place.</summary>
    public static CliContext Create(CliHost host, ParseResult parse)
    {
        var path =
            parse.GetValue(GlobalOptions.Config)?.FullName
            ?? host.Variable("FXO_CONFIG")
            ?? Path.Combine(
                parse.GetValue(GlobalOptions.DataDir)?.FullName
                    ?? host.Variable("FXO_HOME")
                    ?? host.ConfigDirectory,
                "config.json"
            );
        var output = new CliOutput(
            host,
            parse.GetValue(GlobalOptions.Json),
            parse.GetValue(GlobalOptions.Time),
            parse.GetValue(GlobalOptions.Reveal)
        );
        return new CliContext(host, parse, CliConfig.Load(path), output);
    }

    /// <summary>A progress bar on standard error (drawn only on a terminal and without <c>--no-progress</c>).</summary>
    public ProgressBar Progress(string label, long? total) =>
        new(Host, label, total, enabled: !Parse.GetValue(GlobalOptions.NoProgress));

    /// <summary>
    /// The One Platform server and credentials for this command: <c>--url</c>, <c>FXO_ONEP_URL</c>, config
    /// <c>onep.url</c>, else the embedded emulator; the CIK from <paramref name="cik"/> (a CIK or a key name),
    /// <c>FXO_CIK</c>, config <c>onep.cik</c>, else (embedded only) the emulator's root CIK.
    /// </summary>
    public Task<OnePlatformTarget> OpenOnePlatformAsync(string? cik, CancellationToken ct) =>
        OnePlatformTarget.OpenAsync(this, cik, ct);

    /// <summary>
    /// The Provisioning API (same server as One Platform) with a vendor token from <paramref name="vendorToken"/>,
    /// <c>FXO_VENDOR_TOKEN</c> or config <c>provision.token</c>, else the CIK as <see cref="OpenOnePlatformAsync"/> finds it.
    /// </summary>
    public Task<ProvisioningTarget> OpenProvisioningAsync(
        string? vendorToken,
        string? cik,
        CancellationToken ct
    ) => ProvisioningTarget.OpenAsync(this, vendorToken, cik, ct);

    /// <summary>
    /// The SIS server: <c>--url</c>, <c>FXO_SIS_URL</c>, config <c>sis.url</c>, else the embedded emulator; the
    /// token from <paramref name="token"/>, <c>FXO_SIS_TOKEN</c>, a stored <c>sis login</c>, config <c>sis.token</c>,
    /// else (embedded only) a login as the emulator's super user.
    /// </summary>
    public Task<SisTarget> OpenSisAsync(string? token, CancellationToken ct) =>
        SisTarget.OpenAsync(this, token, ct);
}
