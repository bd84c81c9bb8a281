using Functional.Cli;
using Functional.Cli.Output;

namespace Functional.Tests.Cli;

public class CliFoundationTests
{
    private const string Cik = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_with_exit_code_2()
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync("frobnicate");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_bad_global_option_value_names_the_option()
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync("config", "path", "--url", "ftp://example.com");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--url", result.Error, StringComparison.Ordinal);
        var timeout = await fxo.RunAsync("config", "path", "--timeout", "0");
        Assert.Equal(ExitCodes.Usage, timeout.ExitCode);
        Assert.Contains("--timeout", timeout.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_groups_and_exits_0()
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var group in new[] { "onep", "provision", "sis", "emulator", "config" })
        {
            Assert.Contains(group, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Config_path_lists_where_state_lives_in_the_data_folder()
    {
        using var fxo = new CliHarness();
        var result = await fxo.OkAsync("config", "path", "--json");
        var rows = result.Json.AsArray();
        Assert.Equal(
            Path.Combine(fxo.Directory, "onep-state.json"),
            rows.Single(r => (string?)r!["what"] == "onep state")!["path"]!.GetValue<string>()
        );
        var table = await fxo.OkAsync("config", "path");
        Assert.StartsWith("What", table.Lines[0], StringComparison.Ordinal);
        Assert.Matches("^-+  -+$", table.Lines[1]);
    }

    [Fact]
    public async Task Config_set_show_unset_round_trip_with_secrets_masked()
    {
        using var fxo = new CliHarness();
        await fxo.OkAsync("config", "set", "onep.url", "https://m2.example.com");
        await fxo.OkAsync("config", "set", "onep.cik", Cik);
        var shown = await fxo.OkAsync("config", "show");
        Assert.Contains("https://m2.example.com", shown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Cik, shown.Out, StringComparison.Ordinal);
        Assert.Contains("012345…", shown.Out, StringComparison.Ordinal);
        var revealed = await fxo.OkAsync("config", "show", "--reveal");
        Assert.Contains(Cik, revealed.Out, StringComparison.Ordinal);
        await fxo.OkAsync("config", "unset", "onep.cik");
        var after = await fxo.OkAsync("config", "show", "--json");
        Assert.Single(after.Json.AsArray());
    }

    [Fact]
    public async Task Config_set_rejects_unknown_settings_and_bad_urls()
    {
        using var fxo = new CliHarness();
        var unknown = await fxo.RunAsync("config", "set", "onep.colour", "blue");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("onep.colour", unknown.Error, StringComparison.Ordinal);
        var url = await fxo.RunAsync("config", "set", "sis.url", "not a url");
        Assert.Equal(ExitCodes.Usage, url.ExitCode);
        Assert.Contains("sis.url", url.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fxo.Directory, "config.json")));
    }

    [Fact]
    public async Task Key_shortcuts_are_saved_listed_masked_and_removed()
    {
        using var fxo = new CliHarness();
        var saved = await fxo.OkAsync("config", "key", "add", "lab", Cik.ToUpperInvariant());
        Assert.DoesNotContain(Cik, saved.Out, StringComparison.OrdinalIgnoreCase);
        var list = await fxo.OkAsync("config", "key", "list", "--json", "--reveal");
        Assert.Equal(Cik, list.Json[0]!["cik"]!.GetValue<string>());
        var bad = await fxo.RunAsync("config", "key", "add", "x", "secret-but-not-hex");
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.DoesNotContain("secret-but-not-hex", bad.Error, StringComparison.Ordinal);
        await fxo.OkAsync("config", "key", "remove", "lab");
        var missing = await fxo.RunAsync("config", "key", "remove", "lab");
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
    }

    [Fact]
    public async Task A_broken_config_file_is_a_usage_error_naming_the_file()
    {
        using var fxo = new CliHarness();
        await File.WriteAllTextAsync(Path.Combine(fxo.Directory, "config.json"), "{ nope");
        var result = await fxo.RunAsync("config", "show");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("config.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_data_file_is_a_usage_error_naming_the_file()
    {
        using var fxo = new CliHarness();
        var logins = Path.Combine(fxo.Directory, "sis-logins.json");
        await File.WriteAllTextAsync(logins, "[not json");
        var result = await fxo.RunAsync("sis", "info", "--url", "http://127.0.0.1:1");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(logins, result.Error, StringComparison.Ordinal);
        Assert.Contains("fix or delete it", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_widths_count_wide_characters_twice_and_escape_newlines()
    {
        Assert.Equal(4, CliOutput.Width("你好"));
        Assert.Equal(4, CliOutput.Width("a\nb"));
        using var writer = new StringWriter();
        var output = new CliOutput(
            new CliHost(
                TextReader.Null,
                writer,
                TextWriter.Null,
                false,
                new Dictionary<string, string>(),
                "",
                "",
                TimeZoneInfo.Utc
            ),
            Json: false,
            TimeFormat.Iso,
            Reveal: false
        );
        output.Table(
            ["Name", "Value"],
            [
                ["你好", "x"],
                ["a\nb", "y"],
            ]
        );
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("你好  x", lines[2].TrimEnd('\r'));
        Assert.Equal("a\\nb  y", lines[3].TrimEnd('\r'));
        Assert.Equal("2026-11-23T14:00:00Z", output.Timestamp(1795442400));
    }
}
