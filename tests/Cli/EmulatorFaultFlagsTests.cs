using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Functional.Cli;

namespace Functional.Tests.Cli;

/// <summary><c>fxo emulator onep|sis --fault RULE --fault-seed N</c>: the flags reach the emulator; bad ones are usage errors.</summary>
public class EmulatorFaultFlagsTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until the port accepts connections (bounded: 10 s).</summary>
    private static async Task WaitUntilListeningAsync(int port)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        Assert.Fail($"nothing listened on port {port}");
    }

    [Fact]
    public async Task Emulator_sis_with_a_fault_flag_injects_it_and_lists_it()
    {
        using var fxo = new CliHarness();
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var run = fxo.RunAsync(
            stop.Token,
            "emulator",
            "sis",
            "--port",
            port.ToString(CultureInfo.InvariantCulture),
            "--fault",
            "status=507:1:GET /api/v1.1/info",
            "--fault",
            "latency=1ms:0.5",
            "--fault-seed",
            "42"
        );
        await WaitUntilListeningAsync(port);
        using (var http = new HttpClient())
        {
            using var faulted = await http.GetAsync(
                new Uri($"http://127.0.0.1:{port}/api/v1.1/info")
            );
            Assert.Equal(507, (int)faulted.StatusCode);
            using var other = await http.GetAsync(
                new Uri($"http://127.0.0.1:{port}/api/v1.1/schemas")
            );
            Assert.NotEqual(507, (int)other.StatusCode);
        }
        await stop.CancelAsync();
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("status=507:1:GET /api/v1.1/info", result.Out, StringComparison.Ordinal);
        Assert.Contains("latency=1ms:0.5", result.Out, StringComparison.Ordinal);
        Assert.Contains("42", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_onep_with_a_procedure_fault_fails_only_that_procedure()
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
            port.ToString(CultureInfo.InvariantCulture),
            "--root-cik",
            Cik,
            "--fault",
            "status=503:1:drop"
        );
        await WaitUntilListeningAsync(port);
        using (var http = new HttpClient())
        {
            async Task<int> PostAsync(string procedure)
            {
                using var body = new StringContent(
                    $$"""{"auth":{"cik":"{{Cik}}"},"calls":[{"id":1,"procedure":"{{procedure}}","arguments":["alias","x"]}]}""",
                    System.Text.Encoding.UTF8,
                    "application/json"
                );
                using var response = await http.PostAsync(
                    new Uri($"http://127.0.0.1:{port}/onep:v1/rpc/process"),
                    body
                );
                return (int)response.StatusCode;
            }
            Assert.Equal(200, await PostAsync("lookup"));
            Assert.Equal(503, await PostAsync("drop"));
        }
        await stop.CancelAsync();
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("status=503:1:drop", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("onep", "--fault", "explode:1", "unknown fault 'explode'")]
    [InlineData("onep", "--fault", "reset-after:2", "probability '2'")]
    [InlineData("sis", "--fault", "status=404:1", "from 500 to 599")]
    [InlineData("sis", "--fault", "latency=fast:1", "duration 'fast'")]
    [InlineData("sis", "--fault-seed", "7", "needs at least one --fault")]
    [InlineData("onep", "--fault-seed", "x", "--fault-seed")]
    public async Task Bad_fault_flags_are_usage_errors_naming_the_flag(
        string emulator,
        string flag,
        string value,
        string says
    )
    {
        using var fxo = new CliHarness();
        var result = await fxo.RunAsync("emulator", emulator, "--port", "0", flag, value);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(flag, result.Error, StringComparison.Ordinal);
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
    }
}
