using System.Text.Json.Nodes;
using Functional.Cli;

namespace Functional.Tests.Cli.OnePlatform;

public class OnePlatformDataCommandTests(OnePlatformCliFixture fx)
    : IClassFixture<OnePlatformCliFixture>
{
    private async Task<string> DataportAsync(
        CliHarness fxo,
        string alias,
        string format = "integer"
    )
    {
        var created = await fxo.OkAsync(
            fx.Args("onep", "create", "dataport", "--alias", alias, "--format", format, "--json")
        );
        return created.Json["rid"]!.GetValue<string>();
    }

    [Fact]
    public async Task Write_then_read_prints_a_table_and_json()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("wr");
        var rid = await DataportAsync(fxo, alias);
        Assert.Matches("^[0-9a-f]{40}$", rid);
        var write = await fxo.OkAsync(fx.Args("onep", "write", alias, "5"));
        Assert.Contains($"wrote {alias}", write.Out, StringComparison.Ordinal);

        var table = await fxo.OkAsync(fx.Args("onep", "read", alias, "--time", "unix"));
        Assert.Matches("^Timestamp +Value$", table.Lines[0]);
        Assert.Matches("^[0-9]+ +5$", table.Lines[2]);

        var json = await fxo.OkAsync(fx.Args("onep", "read", rid, "--json", "--time", "unix"));
        var point = Assert.Single(json.Json.AsArray())!;
        Assert.Equal(5, point["value"]!.GetValue<long>());
        Assert.Equal(rid, point["resource"]!.GetValue<string>());
        Assert.True(point["timestamp"]!.GetValue<long>() > 1_600_000_000);
    }

    [Fact]
    public async Task Record_takes_points_from_arguments_and_csv_on_stdin_and_read_honours_the_window()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("rec");
        await DataportAsync(fxo, alias);
        var fromArgs = await fxo.OkAsync(
            fx.Args("onep", "record", alias, "1000,1", "2000,2", "--json")
        );
        Assert.Equal(2, fromArgs.Json["recorded"]!.GetValue<int>());
        Assert.Empty(fromArgs.Json["rejected"]!.AsArray());

        fxo.WithStdin("timestamp,value\n3000,3\n1970-01-01T01:06:40Z,4\n\n");
        var fromStdin = await fxo.OkAsync(fx.Args("onep", "record", alias));
        Assert.Contains("recorded 2 point(s)", fromStdin.Error, StringComparison.Ordinal);

        var window = await fxo.OkAsync(
            fx.Args(
                "onep",
                "read",
                alias,
                "--start",
                "1500",
                "--end",
                "1970-01-01T00:58:20Z",
                "--limit",
                "10",
                "--sort",
                "asc",
                "--json",
                "--time",
                "unix"
            )
        );
        Assert.Equal(
            new long[] { 2000, 3000 },
            window.Json.AsArray().Select(p => p!["timestamp"]!.GetValue<long>())
        );
        Assert.Equal(
            new long[] { 2, 3 },
            window.Json.AsArray().Select(p => p!["value"]!.GetValue<long>())
        );

        var iso = await fxo.OkAsync(fx.Args("onep", "read", alias, "--json", "--time", "iso"));
        Assert.Equal("1970-01-01T01:06:40Z", iso.Json[0]!["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public async Task Record_reports_rejected_entries_with_exit_code_1()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("rej");
        await DataportAsync(fxo, alias);
        var result = await fxo.RunAsync(
            fx.Args("onep", "record", alias, "1000,1", "2000,notanumber", "--json")
        );
        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var rejected = Assert.Single(result.Json["rejected"]!.AsArray())!;
        Assert.Equal(2000, rejected["timestamp"]!.GetValue<long>());
        Assert.Equal(1, result.Json["recorded"]!.GetValue<int>());
    }

    [Fact]
    public async Task Write_of_several_resources_is_one_writegroup_and_read_shows_one_column_each()
    {
        using var fxo = new CliHarness();
        var a = OnePlatformCliFixture.Unique("ga");
        var b = OnePlatformCliFixture.Unique("gb");
        await DataportAsync(fxo, a);
        await DataportAsync(fxo, b, "string");
        var write = await fxo.OkAsync(
            fx.Args("onep", "write", $"{a}=7", $"{b}=hello world", "--json")
        );
        Assert.Equal(2, write.Json["written"]!.GetValue<int>());
        Assert.True(write.Json["ok"]!.GetValue<bool>());

        var table = await fxo.OkAsync(fx.Args("onep", "read", a, b));
        Assert.Matches($"^Timestamp +{a} +{b}$", table.Lines[0]);
        Assert.Matches("  7 +hello world$", table.Lines[2]);

        var json = await fxo.OkAsync(fx.Args("onep", "read", a, b, "--json"));
        var points = json.Json.AsArray();
        Assert.Equal(2, points.Count);
        Assert.Equal(
            points[0]!["timestamp"]!.ToJsonString(),
            points[1]!["timestamp"]!.ToJsonString()
        );
        Assert.Equal("hello world", points[1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flush_with_start_and_end_deletes_only_points_strictly_between()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("fl");
        await DataportAsync(fxo, alias);
        await fxo.OkAsync(fx.Args("onep", "record", alias, "1000,1", "2000,2", "3000,3"));
        await fxo.OkAsync(fx.Args("onep", "flush", alias, "--start", "1000", "--end", "3000"));
        var left = await fxo.OkAsync(
            fx.Args("onep", "read", alias, "--limit", "10", "--json", "--time", "unix")
        );
        Assert.Equal(
            new long[] { 3000, 1000 },
            left.Json.AsArray().Select(p => p!["timestamp"]!.GetValue<long>())
        );
        await fxo.OkAsync(fx.Args("onep", "flush", alias));
        var none = await fxo.OkAsync(fx.Args("onep", "read", alias, "--json"));
        Assert.Empty(none.Json.AsArray());
    }

    [Fact]
    public async Task Read_follow_prints_the_latest_point_then_new_ones_as_they_arrive()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("fol");
        await DataportAsync(fxo, alias);
        await fxo.OkAsync(fx.Args("onep", "record", alias, "1000,41"));
        var waitsBefore = fx.Emulator.PendingWaits;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var follow = fxo.RunAsync(
            cancel.Token,
            fx.Args("onep", "read", alias, "--follow", "--count", "1", "--json", "--time", "unix")
        );
        while (fx.Emulator.PendingWaits <= waitsBefore && !follow.IsCompleted)
        {
            await Task.Delay(20);
        }
        using var writer = new CliHarness();
        await writer.OkAsync(fx.Args("onep", "write", alias, "42"));
        var result = await follow;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Lines.Count);
        Assert.Equal(41, JsonNode.Parse(result.Lines[0])!["value"]!.GetValue<long>());
        Assert.Equal(42, JsonNode.Parse(result.Lines[1])!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task Wait_that_expires_exits_1()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("wt");
        await DataportAsync(fxo, alias);
        var result = await fxo.RunAsync(fx.Args("onep", "wait", alias, "--wait-timeout", "0"));
        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.Contains("expired", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_alias_is_an_api_error_with_exit_code_1()
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync(fx.Args("onep", "read", "no-such-alias"));
        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.StartsWith("fxo: ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Bad_options_are_usage_errors_naming_the_option()
    {
        using var fxo = new CliHarness();
        var limit = await fxo.RunAsync(fx.Args("onep", "read", "x", "--limit", "0"));
        Assert.Equal(ExitCodes.Usage, limit.ExitCode);
        Assert.Contains("--limit", limit.Error, StringComparison.Ordinal);

        var start = await fxo.RunAsync(fx.Args("onep", "read", "x", "--start", "yesterday"));
        Assert.Equal(ExitCodes.Usage, start.ExitCode);
        Assert.Contains("--start", start.Error, StringComparison.Ordinal);

        var format = await fxo.RunAsync(fx.Args("onep", "create", "dataport", "--alias", "zz"));
        Assert.Equal(ExitCodes.Usage, format.ExitCode);
        Assert.Contains("--format", format.Error, StringComparison.Ordinal);

        var record = await fxo.RunAsync(fx.Args("onep", "record", "x", "nocomma"));
        Assert.Equal(ExitCodes.Usage, record.ExitCode);
        Assert.Contains("point[0]", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transport_error_with_exit_code_3()
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync(
            "onep",
            "read",
            "x",
            "--url",
            "http://127.0.0.1:1",
            "--cik",
            new string('a', 40)
        );
        Assert.Equal(ExitCodes.Transport, result.ExitCode);
        Assert.Contains("cannot reach", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 40), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_url_three_invocations_share_the_embedded_state()
    {
        using var fxo = new CliHarness();
        var create = await fxo.OkAsync(
            "onep",
            "create",
            "dataport",
            "--alias",
            "t",
            "--format",
            "integer"
        );
        Assert.Contains("onep-state.json", create.Error, StringComparison.Ordinal);
        Assert.Contains("root CIK:", create.Error, StringComparison.Ordinal);
        Assert.Matches("rid +[0-9a-f]{40}", create.Out);

        var write = await fxo.OkAsync("onep", "write", "t", "5");
        Assert.DoesNotContain("root CIK", write.Error, StringComparison.Ordinal);

        var read = await fxo.OkAsync("onep", "read", "t", "--json");
        Assert.Equal(5, Assert.Single(read.Json.AsArray())!["value"]!.GetValue<long>());
    }
}
