using Functional.Core.Provisioning;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;

namespace Functional.Tests.Reliability;

/// <summary>
/// The Provisioning client against an emulator that injects faults on <c>POST /provision/manage/model/m1/</c>
/// (adding serial numbers to model <c>m1</c>); the model is made before, and the serial numbers are listed after,
/// through requests the rule does not match.
/// </summary>
public sealed class ProvisioningFaultTests
{
    private const string Token = "0123456789abcdef0123456789abcdef01234567";
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);

    private sealed class Session : IAsyncDisposable
    {
        public required OnePlatformEmulator Emulator { get; init; }
        public required HttpClient Http { get; init; }
        public required ProvisioningClient Client { get; init; }
        public required ProvisioningAuth Vendor { get; init; }

        public long Requests => Emulator.Faults.Requests;

        public async Task<string[]> SerialNumbersAsync() =>
            [.. (await Client.ListSerialNumbersAsync(Vendor, "m1")).Select(r => r.SerialNumber)];

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Emulator.DisposeAsync();
        }
    }

    private static async Task<Session> StartAsync(Fault fault, TimeSpan? timeout = null)
    {
        var emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Seed = 11,
                Vendor = "acme",
                VendorToken = Token,
                Faults = FaultOptions.Of(
                    new FaultRule(fault)
                    {
                        Method = "POST",
                        PathPrefix = "/provision/manage/model/m1/",
                    }
                ),
            }
        );
        var http = new HttpClient();
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
        );
        var client = new ProvisioningClient(
            http,
            new ProvisioningClientOptions
            {
                Endpoint = emulator.BaseUri,
                ManageByCik = false,
                Timeout = timeout ?? TimeSpan.FromSeconds(30),
            }
        );
        var root = Auth.Cik(emulator.RootCik);
        var template = await rpc.CreateClientAsync(
            root,
            ResourceId.Self,
            ClientDescription.Default.WithName("template").WithLimits(ClientLimits.InheritAll)
        );
        var code = await rpc.ShareAsync(root, ResourceId.Rid(template));
        var vendor = client.Auth(Token);
        await client.CreateModelAsync(
            vendor,
            "m1",
            ModelTemplate.FromShareCode(code),
            ModelOptions.Default.WithAliases(false)
        );
        return new Session
        {
            Emulator = emulator,
            Http = http,
            Client = client,
            Vendor = vendor,
        };
    }

    private static ApiError DataOf(Exception ex) =>
        Assert.IsAssignableFrom<ApiError>(ex.Data[OnePlatformErrors.ApiErrorKey]);

    [Fact]
    public async Task Latency_beyond_the_timeout_throws_TimeoutException_promptly()
    {
        await using var s = await StartAsync(
            new Fault.Latency(TimeSpan.FromSeconds(60)),
            timeout: Short
        );
        var ex = await Bounded.Throws(() => s.Client.AddSerialNumberAsync(s.Vendor, "m1", "sn1"));
        Assert.IsType<TimeoutException>(ex);
        Assert.IsType<ApiError.Timeout>(DataOf(ex));
    }

    [Fact]
    public async Task A_5xx_before_processing_is_a_ProvisioningException_and_nothing_is_added()
    {
        await using var s = await StartAsync(new Fault.ServerError(500));
        var ex = await Bounded.Throws(() => s.Client.AddSerialNumberAsync(s.Vendor, "m1", "sn1"));
        var provisioning = Assert.IsType<ProvisioningException>(ex);
        Assert.Equal(500, Assert.IsType<ApiError.HttpStatus>(provisioning.Error).Status);
        Assert.Empty(await s.SerialNumbersAsync());
    }

    [Fact]
    public async Task Reset_before_processing_is_a_transport_error_and_nothing_is_added()
    {
        await using var s = await StartAsync(new Fault.ResetBefore());
        var ex = await Bounded.Throws(() => s.Client.AddSerialNumberAsync(s.Vendor, "m1", "sn1"));
        Assert.IsType<HttpRequestException>(ex);
        Assert.IsType<ApiError.Transport>(DataOf(ex));
        Assert.Empty(await s.SerialNumbersAsync());
    }

    [Fact]
    public async Task Serial_number_whose_answer_was_lost_is_unknown_outcome_and_added_exactly_once()
    {
        await using var s = await StartAsync(new Fault.ResetAfter());
        var before = s.Requests;
        var ex = await Bounded.Throws(() => s.Client.AddSerialNumberAsync(s.Vendor, "m1", "sn1"));
        Assert.IsType<HttpRequestException>(ex);
        Assert.True(Assert.IsType<ApiError.Transport>(DataOf(ex)).RequestMayHaveBeenProcessed);
        Assert.Equal(1, s.Requests - before);
        Assert.Equal(["sn1"], await s.SerialNumbersAsync());
    }
}
