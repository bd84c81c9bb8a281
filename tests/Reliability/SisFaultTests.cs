using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Emulators.Faults;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;

namespace Functional.Tests.Reliability;

/// <summary>
/// The SIS client against an emulator that injects faults on <c>POST /api/v1.1/hiera</c> (creating a hiera node):
/// typed errors, promptly, and the emulator's state (read with <c>GET</c>, which the rules do not match) shows
/// what was applied.
/// </summary>
public sealed class SisFaultTests
{
    private const string Password = "r00t-pa55word";
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Forever = TimeSpan.FromSeconds(60);

    private sealed class Session : IAsyncDisposable
    {
        public required SisEmulator Emulator { get; init; }
        public required HttpClient Http { get; init; }
        public required SisClient Client { get; init; }

        public long Requests => Emulator.Faults.Requests;

        public SisClient NewClient(TimeSpan timeout) =>
            new(
                Http,
                new SisClientOptions(Emulator.BaseUri)
                    .WithAuthToken(Client.AuthToken!)
                    .WithTimeout(timeout)
            );

        /// <summary>How many hiera nodes are named <paramref name="name"/> (through GET).</summary>
        public async Task<int> CountAsync(string name) =>
            (await Client.Hiera.FetchPageAsync(SisQuery.Where(SisFilter.Eq("name", name))))
                .Items
                .Count;

        public async ValueTask DisposeAsync()
        {
            await Emulator.DisposeAsync();
            Http.Dispose();
        }
    }

    private static async Task<Session> StartAsync(Fault fault)
    {
        var emulator = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                SuperUserName = "root",
                SuperUserPassword = Password,
                Seed = 3,
                Faults = FaultOptions.Of(
                    new FaultRule(fault) { Method = "POST", PathPrefix = "/api/v1.1/hiera" }
                ),
            }
        );
        var http = new HttpClient();
        var client = new SisClient(http, new SisClientOptions(emulator.BaseUri));
        await client.AuthenticateAsync("root", Password);
        return new Session
        {
            Emulator = emulator,
            Http = http,
            Client = client,
        };
    }

    private static JsonObject Node(string name) =>
        new()
        {
            ["name"] = name,
            ["hieradata"] = new JsonObject { ["port"] = 1 },
            ["_sis"] = new JsonObject { ["owner"] = new JsonArray("ops") },
        };

    private static ApiError DataOf(Exception ex) =>
        Assert.IsAssignableFrom<ApiError>(ex.Data[OnePlatformErrors.ApiErrorKey]);

    /// <summary>
    /// A 201 whose body is not JSON: Core's SIS parser reports it, as sispy does, as <see cref="ApiError.Sis"/> with the
    /// decode-failure text and the real status (not <see cref="ApiError.MalformedResponse"/>).
    /// </summary>
    private static SisException AssertDecodeFailure(Exception ex)
    {
        var sis = Assert.IsType<SisException>(ex);
        var detail = Assert.IsType<ApiError.Sis>(sis.ApiError).Detail;
        Assert.StartsWith(SisResponses.DecodeFailurePrefix, detail.Error, StringComparison.Ordinal);
        Assert.Equal(201, detail.HttpStatus);
        return sis;
    }

    [Fact]
    public async Task Latency_beyond_the_timeout_throws_TimeoutException_promptly()
    {
        await using var s = await StartAsync(new Fault.Latency(Forever));
        var client = s.NewClient(Short);
        var ex = await Bounded.Throws(() => client.Hiera.CreateAsync(Node("a")));
        Assert.IsType<TimeoutException>(ex);
        Assert.Equal(new ApiError.Timeout(Short), DataOf(ex));
    }

    [Fact]
    public async Task Slow_body_beyond_the_timeout_throws_TimeoutException_though_the_node_was_created()
    {
        await using var s = await StartAsync(new Fault.SlowBody(TimeSpan.FromMilliseconds(250)));
        var client = s.NewClient(Short);
        var ex = await Bounded.Throws(() => client.Hiera.CreateAsync(Node("slow")));
        Assert.IsType<TimeoutException>(ex);
        Assert.Equal(1, await s.CountAsync("slow"));
    }

    [Fact]
    public async Task Cancelling_during_latency_throws_OperationCanceledException_promptly()
    {
        await using var s = await StartAsync(new Fault.Latency(Forever));
        using var cts = new CancellationTokenSource();
        var call = s.Client.Hiera.CreateAsync(Node("c"), cts.Token);
        await OnePlatformFaultTests.WaitForAsync(() =>
            s.Emulator.Faults.Of(FaultKind.Latency) == 1
        );
        await cts.CancelAsync();
        var ex = await Bounded.Throws(() => call);
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task A_5xx_before_processing_is_a_SisException_with_the_status_and_nothing_is_created()
    {
        await using var s = await StartAsync(new Fault.ServerError(503));
        var ex = await Bounded.Throws(() => s.Client.Hiera.CreateAsync(Node("e")));
        var sis = Assert.IsType<SisException>(ex);
        Assert.Equal(503, sis.HttpStatusCode);
        Assert.Equal(0, await s.CountAsync("e"));
    }

    [Fact]
    public async Task Reset_before_processing_is_a_transport_error_and_nothing_is_created()
    {
        await using var s = await StartAsync(new Fault.ResetBefore());
        var ex = await Bounded.Throws(() => s.Client.Hiera.CreateAsync(Node("r")));
        Assert.IsType<HttpRequestException>(ex);
        var transport = Assert.IsType<ApiError.Transport>(DataOf(ex));
        Assert.True(OnePlatformFaultTests.IsConnectionReset(transport));
        Assert.Equal(0, await s.CountAsync("r"));
    }

    [Fact]
    public async Task Create_whose_answer_was_lost_is_unknown_outcome_and_applied_exactly_once()
    {
        await using var s = await StartAsync(new Fault.ResetAfter());
        var before = s.Requests;
        var ex = await Bounded.Throws(() => s.Client.Hiera.CreateAsync(Node("lost")));

        Assert.IsType<HttpRequestException>(ex);
        var transport = Assert.IsType<ApiError.Transport>(DataOf(ex));
        Assert.True(transport.RequestMayHaveBeenProcessed);
        Assert.Equal(1, s.Requests - before);
        Assert.Equal(1, await s.CountAsync("lost"));
    }

    [Fact]
    public async Task Truncated_answer_is_a_decode_failure_and_the_node_was_created()
    {
        await using var s = await StartAsync(new Fault.TruncatedBody());
        var ex = await Bounded.Throws(() => s.Client.Hiera.CreateAsync(Node("t")));
        AssertDecodeFailure(ex);
        Assert.Equal(1, await s.CountAsync("t"));
    }

    [Fact]
    public async Task Garbage_answer_is_a_decode_failure_and_never_a_crash()
    {
        await using var s = await StartAsync(new Fault.GarbageBody());
        var ex = await Bounded.Throws(() => s.Client.Hiera.CreateAsync(Node("g")));
        var sis = AssertDecodeFailure(ex);
        Assert.DoesNotContain(Password, sis.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await s.CountAsync("g"));
    }
}
