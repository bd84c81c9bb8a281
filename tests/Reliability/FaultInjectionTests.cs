using System.Text;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;

namespace Functional.Tests.Reliability;

/// <summary>The fault injection itself: the rule grammar, validation, routing, probabilities, seeds and counts.</summary>
public sealed class FaultInjectionTests
{
    // ---- grammar ------------------------------------------------------------------------------

    [Theory]
    [InlineData("reset-after:0.1:/onep:v1/rpc/process", "reset-after:0.1:/onep:v1/rpc/process")]
    [InlineData("latency=2s:1:write", "latency=2s:1:write")]
    [InlineData("latency=250ms:0.5", "latency=250ms:0.5")]
    [InlineData("status=503:0.25:GET /api/v1.1/", "status=503:0.25:GET /api/v1.1/")]
    [InlineData("slow=20ms,8:1:post /provision/", "slow=20ms,8:1:POST /provision/")]
    [InlineData(" truncate : 1 : * ", "truncate:1")]
    [InlineData("garbage:0:record", "garbage:0:record")]
    [InlineData("reset-before:.5", "reset-before:0.5")]
    [InlineData("latency=1.5s:1", "latency=1500ms:1")]
    public void A_rule_reads_and_prints_back_in_the_same_grammar(string text, string printed)
    {
        var rule = FaultRule.Parse(text);
        Assert.Equal(printed, rule.ToString());
        Assert.Equal(rule, FaultRule.Parse(rule.ToString()));
    }

    [Fact]
    public void A_rule_reads_into_the_typed_fault_and_route()
    {
        Assert.Equal(
            new FaultRule(new Fault.SlowBody(TimeSpan.FromMilliseconds(20), 8), 0.5)
            {
                Method = "POST",
                PathPrefix = "/provision/",
            },
            FaultRule.Parse("slow=20ms,8:0.5:POST /provision/")
        );
        Assert.Equal(
            new FaultRule(new Fault.ServerError(502)) { Procedure = "write" },
            FaultRule.Parse("status=502:1:write")
        );
    }

    [Theory]
    [InlineData("reset-after", "KIND:PROBABILITY")]
    [InlineData("explode:1", "unknown fault 'explode'")]
    [InlineData("latency:1", "needs a duration")]
    [InlineData("latency=5:1", "duration '5'")]
    [InlineData("latency=-5ms:1", "duration '-5ms'")]
    [InlineData("status=404:1", "from 500 to 599")]
    [InlineData("status:1", "needs a code")]
    [InlineData("reset-after=1:1", "takes no '=' argument")]
    [InlineData("reset-after:1.5", "probability '1.5'")]
    [InlineData("reset-after:-0.1", "probability '-0.1'")]
    [InlineData("reset-after:x", "probability 'x'")]
    [InlineData("slow=10ms,0:1", "chunk size '0'")]
    [InlineData("garbage:1:P0ST /x", "not an HTTP method")]
    [InlineData("garbage:1:POST a b", "[METHOD ]TARGET")]
    public void A_bad_rule_is_a_FormatException_saying_what_is_wrong(string text, string says)
    {
        var ex = Assert.Throws<FormatException>(() => FaultRule.Parse(text));
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_fault_options_refuse_to_start_the_emulators()
    {
        var bad = FaultOptions.Of(new FaultRule(new Fault.ServerError(404)));
        var onep = await Assert.ThrowsAsync<ArgumentException>(() =>
            OnePlatformEmulator.StartAsync(new OnePlatformEmulatorOptions { Faults = bad })
        );
        Assert.Contains("fault rule 1", onep.Message, StringComparison.Ordinal);
        var sis = await Assert.ThrowsAsync<ArgumentException>(() =>
            SisEmulator.StartAsync(
                new SisEmulatorOptions
                {
                    Faults = FaultOptions.Of(new FaultRule(new Fault.ResetAfter(), double.NaN)),
                }
            )
        );
        Assert.Contains("probability", sis.Message, StringComparison.Ordinal);
    }

    // ---- routing, probability, seed, counts ---------------------------------------------------

    private static async Task<int> PostRpcAsync(
        HttpClient http,
        Uri uri,
        string cik,
        params string[] procedures
    )
    {
        var calls = string.Join(
            ",",
            procedures.Select(
                (p, i) => $$"""{"id":{{i}},"procedure":"{{p}}","arguments":["alias",""]}"""
            )
        );
        using var body = new StringContent(
            $$"""{"auth":{"cik":"{{cik}}"},"calls":[{{calls}}]}""",
            Encoding.UTF8,
            "application/json"
        );
        using var response = await http.PostAsync(uri, body);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Faults_are_off_by_default()
    {
        await using var emulator = await OnePlatformEmulator.StartAsync();
        using var http = new HttpClient();
        Assert.Equal(200, await PostRpcAsync(http, emulator.RpcUri, emulator.RootCik, "lookup"));
        Assert.Equal(0, emulator.Faults.Total);
        Assert.Equal(0, emulator.Faults.Requests);
        await using var sis = await SisEmulator.StartAsync();
        Assert.Equal(0, sis.Faults.Total);
    }

    [Fact]
    public async Task A_procedure_rule_matches_a_batch_when_any_call_has_that_procedure()
    {
        await using var emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Faults = FaultOptions.Of(
                    new FaultRule(new Fault.ServerError(507)) { Procedure = "write" }
                ),
            }
        );
        using var http = new HttpClient();
        var (uri, cik) = (emulator.RpcUri, emulator.RootCik);
        Assert.Equal(200, await PostRpcAsync(http, uri, cik, "lookup", "read"));
        Assert.Equal(507, await PostRpcAsync(http, uri, cik, "lookup", "write", "read"));
        Assert.Equal(507, await PostRpcAsync(http, uri, cik, "write"));
        Assert.Equal(2, Assert.Single(emulator.Faults.ByRule));
        Assert.Equal(3, emulator.Faults.Requests);
    }

    [Fact]
    public async Task A_route_rule_matches_only_its_method_and_path_prefix()
    {
        await using var emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Faults = FaultOptions.Of(FaultRule.Parse("status=599:1:GET /provision/")),
            }
        );
        using var http = new HttpClient();
        Assert.Equal(200, await PostRpcAsync(http, emulator.RpcUri, emulator.RootCik, "lookup"));
        using var get = await http.GetAsync(new Uri(emulator.ProvisionUri, "manage/model/"));
        Assert.Equal(599, (int)get.StatusCode);
        using var delete = await http.DeleteAsync(new Uri(emulator.ProvisionUri, "manage/model/x"));
        Assert.NotEqual(599, (int)delete.StatusCode);
        Assert.Equal(1, emulator.Faults.Of(FaultKind.ServerError));
    }

    [Fact]
    public async Task Latency_adds_up_and_the_next_fault_still_fires()
    {
        await using var emulator = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                Faults = FaultOptions.Of(
                    FaultRule.Parse("latency=1ms:1"),
                    FaultRule.Parse("latency=1ms:1:GET /api/"),
                    FaultRule.Parse("status=501:1"),
                    FaultRule.Parse("reset-before:1")
                ),
            }
        );
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(emulator.ApiUri, "info"));
        Assert.Equal(501, (int)response.StatusCode);
        Assert.Equal(2, emulator.Faults.Of(FaultKind.Latency));
        Assert.Equal(1, emulator.Faults.Of(FaultKind.ServerError));
        Assert.Equal(0, emulator.Faults.Of(FaultKind.ResetBefore));
        Assert.Equal([1L, 1L, 1L, 0L], emulator.Faults.ByRule);
        Assert.Equal(3, emulator.Faults.Total);
    }

    /// <summary>Which of 60 sequential requests got the 50 % fault.</summary>
    private static async Task<string> PatternAsync(int seed, double probability = 0.5)
    {
        await using var emulator = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                Faults = new FaultOptions
                {
                    Rules = [new FaultRule(new Fault.ServerError(503), probability)],
                    Seed = seed,
                },
            }
        );
        using var http = new HttpClient();
        var pattern = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            using var response = await http.GetAsync(new Uri(emulator.ApiUri, "info"));
            pattern.Append((int)response.StatusCode == 503 ? 'x' : '.');
        }
        Assert.Equal(pattern.ToString().Count(c => c == 'x'), emulator.Faults.Total);
        return pattern.ToString();
    }

    [Fact]
    public async Task The_same_seed_repeats_the_same_faults_and_another_seed_does_not()
    {
        var first = await PatternAsync(seed: 42);
        Assert.Equal(first, await PatternAsync(seed: 42));
        Assert.NotEqual(first, await PatternAsync(seed: 43));
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Theory]
    [InlineData(0.0, '.')]
    [InlineData(1.0, 'x')]
    public async Task Probability_zero_never_fires_and_one_always_fires(
        double probability,
        char every
    )
    {
        var pattern = await PatternAsync(seed: 1, probability);
        Assert.All(pattern, c => Assert.Equal(every, c));
    }
}
