using System.Net;
using System.Net.Sockets;
using Functional.Cli;

namespace Functional.Tests.Cli;

public class EmulatorCommandTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilServingAsync(Uri uri)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var _ = await http.GetAsync(uri);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }
        Assert.Fail($"nothing answered at {uri}");
    }

    [Fact]
    public async Task Emulator_onep_serves_rpc_until_cancelled_and_masks_the_root_cik()
    {
        using var fxo = new CliHarness();
        var port = FreePort();
        const string Cik = "00112233445566778899aabbccddeeff00112233";
        using var stop = new CancellationTokenSource();
        var run = fxo.RunAsync(
            stop.Token,
            "emulator",
            "onep",
            "--port",
            port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--root-cik",
            Cik
        );
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilServingAsync(baseUri);
        using (var http = new HttpClient())
        {
            using var body = new StringContent(
                $$"""{"auth":{"cik":"{{Cik}}"},"calls":[{"id":1,"procedure":"lookup","arguments":["alias",""]}]}""",
                System.Text.Encoding.UTF8,
                "application/json"
            );
            using var response = await http.PostAsync(
                new Uri(baseUri + "onep:v1/rpc/process"),
                body
            );
            Assert.Contains(
                "\"status\":\"ok\"",
                await response.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
        }
        await stop.CancelAsync();
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port}/", result.Out, StringComparison.Ordinal);
        Assert.Contains("001122…", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Cik, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_sis_runs_with_the_given_super_user_and_json_output()
    {
        using var fxo = new CliHarness();
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var run = fxo.RunAsync(
            stop.Token,
            "emulator",
            "sis",
            "--port",
            port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--super-user",
            "root:hunter2hunter2",
            "--json"
        );
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilServingAsync(baseUri);
        await stop.CancelAsync();
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        var rows = result.Json.AsArray();
        Assert.Equal(
            "root",
            rows.Single(r => (string?)r!["what"] == "super user")!["value"]!.GetValue<string>()
        );
        Assert.DoesNotContain(
            "hunter2hunter2",
            result.Out + result.Error,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("emulator", "onep", "--port", "70000")]
    [InlineData("emulator", "onep", "--root-cik", "short")]
    [InlineData("emulator", "sis", "--super-user", "nopassword")]
    [InlineData("emulator", "sis", "--bogus")]
    public async Task Bad_emulator_options_are_usage_errors_naming_the_option(params string[] args)
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(args[2], result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_usage_error()
    {
        using var fxo = new CliHarness();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var result = await fxo.RunAsync(
            "emulator",
            "sis",
            "--port",
            port.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("cannot start the emulator", result.Error, StringComparison.Ordinal);
    }
}
