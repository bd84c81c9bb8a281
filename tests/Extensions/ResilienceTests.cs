using Functional.Core.Errors;
using Functional.Core.OnePlatform;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Extensions.Resilience;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;
using Microsoft.Extensions.DependencyInjection;

namespace Functional.Tests.Extensions;

/// <summary>
/// The opt-in resilience policy in front of real emulators, with faults injected below it: it resends only what the
/// core marks safe, whatever the HTTP method.
/// </summary>
public sealed class ResilienceTests
{
    private static void Fast(FunctionalResilienceOptions o)
    {
        o.RetryDelay = TimeSpan.FromMilliseconds(1);
        o.CircuitBreaker = false;
    }

    private static async Task<(
        ServiceProvider Provider,
        OnePlatformClient Client
    )> OnePlatformAsync(
        OnePlatformEmulator emulator,
        FaultPlan plan,
        Action<FunctionalResilienceOptions>? configure = null
    )
    {
        var services = new ServiceCollection();
        services
            .AddOnePlatformClient(o => o.Endpoint = emulator.BaseUri)
            .AddFunctionalResilience(o =>
            {
                Fast(o);
                configure?.Invoke(o);
            })
            .AddHttpMessageHandler(() => new FaultHandler(plan));
        var provider = services.BuildServiceProvider();
        await Task.CompletedTask;
        return (provider, provider.GetRequiredService<OnePlatformClient>());
    }

    private static async Task<(OnePlatformEmulator Emulator, Auth Root, string Rid)> DataportAsync()
    {
        var emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 9 }
        );
        using var http = new HttpClient();
        var plain = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
        );
        var root = Auth.Cik(emulator.RootCik);
        var rid = await plain.CreateDataportAsync(
            root,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Integer)
        );
        await plain.RecordAsync(root, ResourceId.Rid(rid), [(1_600_000_000L, PointValue.Of(41L))]);
        return (emulator, root, rid);
    }

    [Fact]
    public async Task A_read_batch_whose_answer_was_lost_is_sent_again_although_it_is_a_POST()
    {
        var (emulator, root, rid) = await DataportAsync();
        await using var _ = emulator;
        var plan = new FaultPlan(n => n == 1 ? Fault.LoseAnswer : Fault.None);
        var (provider, rpc) = await OnePlatformAsync(emulator, plan);
        await using var __ = provider;

        var points = await rpc.ReadAsync(root, ResourceId.Rid(rid));

        Assert.Equal(PointValue.Of(41L), Assert.Single(points).Value);
        Assert.Equal(2, plan.Attempts);
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_not_sent_again_and_its_outcome_is_unknown()
    {
        var (emulator, root, rid) = await DataportAsync();
        await using var _ = emulator;
        var plan = new FaultPlan(n => n == 1 ? Fault.LoseAnswer : Fault.None);
        var (provider, rpc) = await OnePlatformAsync(emulator, plan);
        await using var __ = provider;

        var result = await rpc.TryCallAsync(
            root,
            TimeSeries.Record(ResourceId.Rid(rid), Seq1((1_600_000_100L, PointValue.Of(42L))))
        );

        var transport = Assert.IsType<ApiError.Transport>(result.LeftToSeq().Single());
        Assert.True(transport.RequestMayHaveBeenProcessed);
        Assert.Equal(1, plan.Attempts);
        // The server did apply it, once.
        var points = await rpc.ReadAsync(
            root,
            ResourceId.Rid(rid),
            ReadOptions.Latest.WithLimit(10)
        );
        Assert.Equal(2, points.Count);
    }

    [Fact]
    public async Task A_write_is_sent_again_only_when_the_user_allows_unsafe_retries()
    {
        var (emulator, root, rid) = await DataportAsync();
        await using var _ = emulator;
        var plan = new FaultPlan(n => n == 1 ? Fault.LoseAnswer : Fault.None);
        var (provider, rpc) = await OnePlatformAsync(emulator, plan, o => o.RetryUnsafe = true);
        await using var __ = provider;

        await rpc.WriteAsync(root, ResourceId.Rid(rid), PointValue.Of(43L));

        Assert.Equal(2, plan.Attempts);
    }

    [Fact]
    public async Task A_mixed_batch_with_one_write_is_not_sent_again()
    {
        var (emulator, root, rid) = await DataportAsync();
        await using var _ = emulator;
        var plan = new FaultPlan(_ => Fault.ServiceUnavailable);
        var (provider, rpc) = await OnePlatformAsync(emulator, plan);
        await using var __ = provider;

        await Assert.ThrowsAnyAsync<Exception>(() =>
            rpc.Batch(root)
                .Read(ResourceId.Rid(rid))
                .Write(ResourceId.Rid(rid), PointValue.Of(1L))
                .SendAsync()
        );
        Assert.Equal(1, plan.Attempts);
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_by_the_attempt_timeout_reads_retry_writes_time_out()
    {
        var (emulator, root, rid) = await DataportAsync();
        await using var _ = emulator;
        var plan = new FaultPlan(n => n == 1 ? Fault.Hang : Fault.None);
        var (provider, rpc) = await OnePlatformAsync(
            emulator,
            plan,
            o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300)
        );
        await using var __ = provider;

        Assert.Single(await rpc.ReadAsync(root, ResourceId.Rid(rid)));
        Assert.Equal(2, plan.Attempts);

        var writePlan = new FaultPlan(_ => Fault.Hang);
        var (provider2, rpc2) = await OnePlatformAsync(
            emulator,
            writePlan,
            o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300)
        );
        await using var ___ = provider2;
        var result = await rpc2.TryCallAsync(
            root,
            TimeSeries.Write(ResourceId.Rid(rid), PointValue.Of(2L))
        );
        Assert.Equal(
            new ApiError.Timeout(TimeSpan.FromMilliseconds(300)),
            result.LeftToSeq().Single()
        );
        Assert.Equal(1, writePlan.Attempts);
    }

    [Fact]
    public async Task Sis_gets_recover_from_503s_and_posts_are_not_resent()
    {
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions { SuperUserPassword = "res-pa55word", Seed = 9 }
        );
        var plan = new FaultPlan(n => n is 2 or 3 or 5 ? Fault.ServiceUnavailable : Fault.None);
        var services = new ServiceCollection();
        services
            .AddSisClient(o => o.Url = sis.BaseUri)
            .AddFunctionalResilience(Fast)
            .AddHttpMessageHandler(() => new FaultHandler(plan));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<SisClient>();

        await client.AuthenticateAsync(sis.SuperUserName, "res-pa55word"); // attempt 1
        var page = await client.Schemas.FetchPageAsync(); // attempts 2, 3 (503) and 4
        Assert.Equal(4, plan.Attempts);
        Assert.Equal(0, page.Json.GetArrayLength());

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            client.Schemas.CreateAsync(
                System.Text.Json.Nodes.JsonNode.Parse(
                    """{"name":"s","definition":{"a":"String"}}"""
                )!
            )
        ); // attempt 5 (503), not resent
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        Assert.Equal(5, plan.Attempts);
        Assert.Equal(0, (await client.Schemas.FetchPageAsync()).Json.GetArrayLength());
    }

    [Fact]
    public async Task An_open_circuit_refuses_requests_without_sending_them()
    {
        var (emulator, root, rid) = await DataportAsync();
        await using var _ = emulator;
        var plan = new FaultPlan(_ => Fault.ServiceUnavailable);
        var (provider, rpc) = await OnePlatformAsync(
            emulator,
            plan,
            o =>
            {
                o.MaxRetryAttempts = 0;
                o.CircuitBreaker = true;
                o.MinimumThroughput = 2;
                o.FailureRatio = 0.5;
                o.BreakDuration = TimeSpan.FromSeconds(30);
            }
        );
        await using var __ = provider;

        for (var i = 0; i < 2; i++)
            Assert.IsType<ApiError.HttpStatus>(
                (
                    await rpc.TryCallAsync(
                        root,
                        TimeSeries.Read(ResourceId.Rid(rid), ReadOptions.Latest)
                    )
                )
                    .LeftToSeq()
                    .Single()
            );
        var refused = (
            await rpc.TryCallAsync(root, TimeSeries.Read(ResourceId.Rid(rid), ReadOptions.Latest))
        )
            .LeftToSeq()
            .Single();

        var transport = Assert.IsType<ApiError.Transport>(refused);
        Assert.False(transport.RequestMayHaveBeenProcessed);
        Assert.Contains("circuit breaker is open", transport.Description, StringComparison.Ordinal);
        Assert.Equal(2, plan.Attempts);
    }

    [Fact]
    public void Unusable_settings_are_refused_naming_every_property()
    {
        var services = new ServiceCollection();
        var builder = services.AddOnePlatformClient(_ => { });
        var failure = Assert.Throws<ArgumentException>(() =>
            builder.AddFunctionalResilience(o =>
            {
                o.MaxRetryAttempts = -1;
                o.AttemptTimeout = TimeSpan.FromSeconds(60);
                o.TotalTimeout = TimeSpan.FromSeconds(5);
                o.FailureRatio = 2;
            })
        );
        Assert.Contains(
            "MaxRetryAttempts must be between 0 and 100",
            failure.Message,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "TotalTimeout must be at least AttemptTimeout",
            failure.Message,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "FailureRatio must be above 0 and at most 1",
            failure.Message,
            StringComparison.Ordinal
        );
    }
}
