using System.CommandLine;
using Functional.Cli.Output;

namespace Functional.Cli;

/// <summary>Options every command accepts (declared once on the root, recursive).</summary>
internal static class GlobalOptions
{
    /// <summary>The server to talk to; with none (and no <c>FXO_ONEP_URL</c>/<c>FXO_SIS_URL</c> or config), the embedded emulator.</summary>
    public static Option<Uri?> Url { get; } =
        new("--url")
        {
            Description =
                "Server base URL (e.g. https://m2.exosite.com). Default: $FXO_ONEP_URL / $FXO_SIS_URL, the config file, else the embedded emulator.",
            Recursive = true,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                var uri = ServerUrl.Parse(text);
                if (uri is null)
                {
                    r.AddError($"--url: '{text}' is not an absolute http or https URL");
                }
                return uri;
            },
        };

    /// <summary>Print results as JSON for scripts.</summary>
    public static Option<bool> Json { get; } =
        new("--json") { Description = "Print results as JSON.", Recursive = true };

    /// <summary>How timestamps are printed.</summary>
    public static Option<TimeFormat> Time { get; } =
        new("--time")
        {
            Description = "Timestamps as local time (default), iso (UTC) or unix seconds.",
            Recursive = true,
            DefaultValueFactory = _ => TimeFormat.Local,
        };

    /// <summary>Print secrets in full instead of masked.</summary>
    public static Option<bool> Reveal { get; } =
        new("--reveal")
        {
            Description = "Print CIKs, tokens and share codes in full (masked by default).",
            Recursive = true,
        };

    /// <summary>The config file.</summary>
    public static Option<FileInfo?> Config { get; } =
        new("--config")
        {
            Description =
                "Config file (default $FXO_CONFIG, else config.json in the user's fxo folder).",
            Recursive = true,
        };

    /// <summary>Where the embedded emulators keep their state.</summary>
    public static Option<DirectoryInfo?> DataDir { get; } =
        new("--data-dir")
        {
            Description =
                "Folder of the embedded emulators' state (default $FXO_HOME, else the user's fxo data folder).",
            Recursive = true,
        };

    /// <summary>Time allowed per HTTP request.</summary>
    public static Option<double> Timeout { get; } =
        new("--timeout")
        {
            Description = "Seconds allowed per HTTP request (default 60).",
            Recursive = true,
            DefaultValueFactory = _ => 60,
            Validators =
            {
                r =>
                {
                    if (r.GetValueOrDefault<double>() is var v && (v <= 0 || v > 3600))
                    {
                        r.AddError("--timeout: must be more than 0 and at most 3600 seconds");
                    }
                },
            },
        };

    /// <summary>Never draw the progress bar.</summary>
    public static Option<bool> NoProgress { get; } =
        new("--no-progress") { Description = "Never draw a progress bar.", Recursive = true };

    /// <summary>All of them, for the root command.</summary>
    public static IEnumerable<Option> All =>
        [Url, Json, Time, Reveal, Config, DataDir, Timeout, NoProgress];
}
