using Functional.Emulators.Faults;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.Reliability;

/// <summary>
/// The One Platform clients (Core interpreter and facade) against an emulator that injects faults on <c>write</c>
/// calls: every fault gives a typed error, promptly, and the emulator's state shows what was applied. Setup and
/// checks use <c>create</c> and <c>read</c>, which the rules do not match.
/// </summary>
public sealed class OnePlatformFaultTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);

    /// <summary>Far longer than any bounded wait: a call that does not give up on its own fails the test.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromSeconds(60);

    private static FaultRule OnWrite(Fault fault) => new(fault) { Procedure = "write" };

    internal static ApiError ErrorOf<T>(Either<ApiError, T> result) =>
        result.Match(
            v => throw new Xunit.Sdk.XunitException($"expected an error, got {v}"),
            e => e
        );

    private static Validation<ApiError, RpcCall<Unit>> Write(string rid, long value) =>
        TimeSeries.Write(ResourceId.Rid(rid), value);

    private static async Task<(FaultyOnePlatform F, string Rid)> StartAsync(Fault fault)
    {
        var f = await FaultyOnePlatform.StartAsync(OnWrite(fault));
        var rids = await f.DataportsAsync(1);
        return (f, rids[0]);
    }

    // ---- timeouts and cancellation ------------------------------------------------------------

    [Fact]
    public async Task Latency_beyond_the_timeout_is_a_Timeout_returned_promptly()
    {
        var (f, rid) = await StartAsync(new Fault.Latency(Forever));
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 1), Short));
        Assert.Equal(new ApiError.Timeout(Short), ErrorOf(result));
        Assert.Equal(1, f.Emulator.Faults.Of(FaultKind.Latency));
    }

    [Fact]
    public async Task Latency_beyond_the_facade_timeout_throws_TimeoutException()
    {
        var (f, rid) = await StartAsync(new Fault.Latency(Forever));
        await using var _ = f;
        var client = f.NewClient(o => o.WithTimeout(Short));
        var ex = await Bounded.Throws(() => client.WriteAsync(f.Root, ResourceId.Rid(rid), 1));
        Assert.IsType<TimeoutException>(ex);
        Assert.Contains("outcome is unknown", ex.Message, StringComparison.Ordinal);
        Assert.IsType<ApiError.Timeout>(ex.Data[OnePlatformErrors.ApiErrorKey]);
    }

    [Fact]
    public async Task Latency_within_the_timeout_only_delays_the_write()
    {
        var (f, rid) = await StartAsync(new Fault.Latency(TimeSpan.FromMilliseconds(50)));
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 7), TimeSpan.FromSeconds(5)));
        Assert.True(result.IsRight, result.ToString());
        Assert.Equal(PointValue.Of(7L), Assert.Single(await f.PointsAsync(rid)).Value);
    }

    [Fact]
    public async Task Slow_body_beyond_the_timeout_is_a_Timeout_though_the_write_was_applied()
    {
        var (f, rid) = await StartAsync(new Fault.SlowBody(TimeSpan.FromMilliseconds(250)));
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 3), Short));
        Assert.Equal(new ApiError.Timeout(Short), ErrorOf(result));
        Assert.Contains("outcome is unknown", ErrorOf(result).Message, StringComparison.Ordinal);
        Assert.Equal(PointValue.Of(3L), Assert.Single(await f.PointsAsync(rid)).Value);
    }

    [Fact]
    public async Task Slow_body_beyond_the_facade_timeout_throws_TimeoutException()
    {
        var (f, rid) = await StartAsync(new Fault.SlowBody(TimeSpan.FromMilliseconds(250)));
        await using var _ = f;
        var client = f.NewClient(o => o.WithTimeout(Short));
        var ex = await Bounded.Throws(() => client.WriteAsync(f.Root, ResourceId.Rid(rid), 1));
        Assert.IsType<TimeoutException>(ex);
    }

    [Fact]
    public async Task Slow_body_within_the_timeout_arrives_whole()
    {
        var (f, rid) = await StartAsync(new Fault.SlowBody(TimeSpan.FromMilliseconds(1), 4));
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 9), TimeSpan.FromSeconds(5)));
        Assert.True(result.IsRight, result.ToString());
        Assert.Equal(1, f.Emulator.Faults.Of(FaultKind.SlowBody));
    }

    [Fact]
    public async Task Cancelling_during_latency_is_Cancelled_promptly()
    {
        var (f, rid) = await StartAsync(new Fault.Latency(Forever));
        await using var _ = f;
        using var cts = new CancellationTokenSource();
        var call = f.RunAsync(Write(rid, 1), Forever, cts.Token);
        await WaitForAsync(() => f.Emulator.Faults.Of(FaultKind.Latency) == 1);
        await cts.CancelAsync();
        Assert.IsType<ApiError.Cancelled>(ErrorOf(await Bounded.Within(call)));
    }

    [Fact]
    public async Task Cancelling_a_facade_write_during_a_slow_body_throws_OperationCanceledException()
    {
        var (f, rid) = await StartAsync(new Fault.SlowBody(TimeSpan.FromMilliseconds(500)));
        await using var _ = f;
        using var cts = new CancellationTokenSource();
        var call = f.Client.WriteAsync(f.Root, ResourceId.Rid(rid), 1, cts.Token);
        await WaitForAsync(() => f.Emulator.Faults.Of(FaultKind.SlowBody) == 1);
        await cts.CancelAsync();
        var ex = await Bounded.Throws(() => call);
        var cancelled = Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Equal(cts.Token, cancelled.CancellationToken);
    }

    // ---- answers before processing ------------------------------------------------------------

    [Fact]
    public async Task A_5xx_before_processing_is_HttpStatus_and_nothing_is_applied()
    {
        var (f, rid) = await StartAsync(new Fault.ServerError(503));
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 1), Forever));
        var status = Assert.IsType<ApiError.HttpStatus>(ErrorOf(result));
        Assert.Equal(503, status.Status);
        Assert.Empty(await f.PointsAsync(rid));
    }

    [Fact]
    public async Task A_5xx_throws_OnePlatformResponseException_with_the_status()
    {
        var (f, rid) = await StartAsync(new Fault.ServerError(502));
        await using var _ = f;
        var ex = await Bounded.Throws(() => f.Client.WriteAsync(f.Root, ResourceId.Rid(rid), 1));
        var response = Assert.IsType<OnePlatformResponseException>(ex);
        Assert.Equal(502, Assert.IsType<ApiError.HttpStatus>(response.Error).Status);
    }

    [Fact]
    public async Task Reset_before_processing_is_a_clear_Transport_error_and_nothing_is_applied()
    {
        var (f, rid) = await StartAsync(new Fault.ResetBefore());
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 1), Forever));
        var transport = Assert.IsType<ApiError.Transport>(ErrorOf(result));
        // The client cannot tell a reset before processing from one after: the outcome is unknown to it.
        Assert.True(transport.RequestMayHaveBeenProcessed);
        Assert.True(IsConnectionReset(transport), transport.ToString());
        Assert.Equal(
            "the server reset the connection before its answer arrived",
            transport.Description
        );
        Assert.Empty(await f.PointsAsync(rid));
    }

    // ---- answers lost or mangled after processing ------------------------------------------

    [Fact]
    public async Task Write_whose_answer_was_lost_is_unknown_outcome_and_applied_exactly_once()
    {
        var (f, rid) = await StartAsync(new Fault.ResetAfter());
        await using var _ = f;
        // The connection is warm (the dataport was created on it): a client that quietly re-sends a request
        // whose pooled connection dropped would apply the write twice.
        var before = f.Requests;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 42), Forever));

        var transport = Assert.IsType<ApiError.Transport>(ErrorOf(result));
        Assert.True(transport.RequestMayHaveBeenProcessed);
        Assert.True(IsConnectionReset(transport), transport.ToString());
        Assert.Contains("reset the connection", transport.Description, StringComparison.Ordinal);
        Assert.True(transport.OutcomeIsUnknown);
        Assert.Equal(1, f.Requests - before);
        Assert.Equal(1, f.Emulator.Faults.Of(FaultKind.ResetAfter));
        Assert.Equal(PointValue.Of(42L), Assert.Single(await f.PointsAsync(rid)).Value);
    }

    [Fact]
    public async Task Write_whose_answer_was_lost_on_a_new_connection_is_sent_once()
    {
        var (f, rid) = await StartAsync(new Fault.ResetAfter());
        await using var _ = f;
        using var fresh = new HttpClient();
        var client = new OnePlatformClient(
            fresh,
            new OnePlatformClientOptions { Endpoint = f.Emulator.BaseUri }
        );
        var before = f.Requests;
        var ex = await Bounded.Throws(() => client.WriteAsync(f.Root, ResourceId.Rid(rid), 5));
        Assert.IsType<HttpRequestException>(ex);
        Assert.True(OnePlatformErrors.IsOutcomeUnknown(ex));
        Assert.EndsWith(
            "the request may have been processed: its outcome is unknown",
            ex.Message,
            StringComparison.Ordinal
        );
        Assert.Equal(1, f.Requests - before);
        Assert.Equal(PointValue.Of(5L), Assert.Single(await f.PointsAsync(rid)).Value);
    }

    [Fact]
    public async Task Facade_write_whose_answer_was_lost_carries_the_unknown_outcome_flag()
    {
        var (f, rid) = await StartAsync(new Fault.ResetAfter());
        await using var _ = f;
        var before = f.Requests;
        var ex = await Bounded.Throws(() => f.Client.WriteAsync(f.Root, ResourceId.Rid(rid), 8));

        var http = Assert.IsType<HttpRequestException>(ex);
        var error = Assert.IsType<ApiError.Transport>(http.Data[OnePlatformErrors.ApiErrorKey]);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(1, f.Requests - before);
        Assert.Equal(PointValue.Of(8L), Assert.Single(await f.PointsAsync(rid)).Value);
    }

    [Fact]
    public async Task Truncated_answer_is_MalformedResponse_and_the_write_was_applied()
    {
        var (f, rid) = await StartAsync(new Fault.TruncatedBody());
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 4), Forever));
        var malformed = Assert.IsType<ApiError.MalformedResponse>(ErrorOf(result));
        Assert.Contains("not JSON", malformed.Detail, StringComparison.Ordinal);
        Assert.Equal(PointValue.Of(4L), Assert.Single(await f.PointsAsync(rid)).Value);
    }

    [Fact]
    public async Task Garbage_answer_is_MalformedResponse_and_the_facade_throws_a_response_exception()
    {
        var (f, rid) = await StartAsync(new Fault.GarbageBody());
        await using var _ = f;
        var result = await Bounded.Within(f.RunAsync(Write(rid, 4), Forever));
        Assert.IsType<ApiError.MalformedResponse>(ErrorOf(result));

        var ex = await Bounded.Throws(() => f.Client.WriteAsync(f.Root, ResourceId.Rid(rid), 5));
        var response = Assert.IsType<OnePlatformResponseException>(ex);
        Assert.IsType<ApiError.MalformedResponse>(response.Error);
        Assert.Equal(2, f.Emulator.Faults.Of(FaultKind.GarbageBody));
    }

    /// <summary>
    /// Whether the transport error came from a TCP reset (the emulator aborts the connection, which sends RST). Its
    /// Description today is .NET's generic "An error occurred while sending the request." (see the report).
    /// </summary>
    internal static bool IsConnectionReset(ApiError.Transport transport)
    {
        for (
            var ex = transport.Exception.MatchUnsafe(e => e, () => null);
            ex is not null;
            ex = ex.InnerException
        )
        {
            if (
                ex is System.Net.Sockets.SocketException
                {
                    SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset,
                }
            )
                return true;
        }
        return false;
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(20);
        Assert.True(condition(), "the condition did not hold within 10 s");
    }
}
