using System.Collections;

namespace Functional.Cli;

/// <summary>
/// The world one invocation runs in: its streams, environment variables and folders. <see cref="FromProcess"/> gives
/// the real one; tests pass string writers, a dictionary and a temporary folder, so commands run in-process.
/// </summary>
/// <param name="In">Standard input (record values, passwords with <c>--password-stdin</c>, JSON documents).</param>
/// <param name="Out">Standard output: results only (tables or JSON).</param>
/// <param name="Error">Standard error: messages, first-run notices, the progress bar.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal (the progress bar is drawn only then).</param>
/// <param name="Environment">Environment variables (<c>FXO_*</c>).</param>
/// <param name="ConfigDirectory">Where <c>config.json</c> is looked for (unless <c>--config</c> or <c>FXO_CONFIG</c> says otherwise).</param>
/// <param name="DataDirectory">Where the embedded emulators keep their state and <c>sis login</c> keeps tokens.</param>
/// <param name="TimeZone">The zone of local time output.</param>
internal sealed record CliHost(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool ErrorIsTerminal,
    IReadOnlyDictionary<string, string> Environment,
    string ConfigDirectory,
    string DataDirectory,
    TimeZoneInfo TimeZone
)
{
    /// <summary>The process's own console, environment and per-user folders.</summary>
    public static CliHost FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && e.Value is string v)
            {
                variables[k] = v;
            }
        }
        var home = variables.GetValueOrDefault("FXO_HOME");
        var config =
            home
            ?? Path.Combine(
                System.Environment.GetFolderPath(
                    System.Environment.SpecialFolder.ApplicationData,
                    System.Environment.SpecialFolderOption.DoNotVerify
                ),
                "fxo"
            );
        var data =
            home
            ?? Path.Combine(
                System.Environment.GetFolderPath(
                    System.Environment.SpecialFolder.LocalApplicationData,
                    System.Environment.SpecialFolderOption.DoNotVerify
                ),
                "fxo"
            );
        return new CliHost(
            Console.In,
            Console.Out,
            Console.Error,
            !Console.IsErrorRedirected,
            variables,
            config,
            data,
            TimeZoneInfo.Local
        );
    }

    /// <summary>The value of environment variable <paramref name="name"/>, or null when unset or empty.</summary>
    public string? Variable(string name) =>
        Environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
}
