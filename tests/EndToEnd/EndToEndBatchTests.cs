using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>Batches through the real client: ordering, chunking and per-call failures (spec §2.2, §2.3).</summary>
public sealed class EndToEndBatchTests
{
    private static async Task<string[]> CreateDataportsAsync(
        EndToEndHarness e2e,
        Auth auth,
        int count
    )
    {
        var batch = e2e.Client.Batch(auth);
        for (var i = 0; i < count; i++)
            batch = batch.CreateDataport(
                ResourceId.Self,
                DataportDescription.Of(DataFormat.Integer).WithName($"dp{i}")
            );
        var results = await batch.SendAsync();
        return [.. results.Select(r => r.GetValue<string>())];
    }

    [Fact]
    public async Task One_hundred_calls_in_one_request_answer_in_call_order()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataports = await CreateDataportsAsync(e2e, owner.Auth, 50);
        Assert.Equal(50, dataports.Distinct().Count());
        Assert.All(dataports, d => Assert.True(EndToEndHarness.IsId(d)));
        var client = e2e.NewClient(o => o with { ChunkSize = 100, StartId = 1000 });

        var batch = client.Batch(owner.Auth);
        for (var i = 0; i < 50; i++)
            batch = batch.Write(ResourceId.Rid(dataports[i]), 100L + i);
        for (var i = 0; i < 50; i++)
            batch = batch.Read(ResourceId.Rid(dataports[i]));
        Assert.Equal(100, batch.Count);
        e2e.Counter.Reset();
        var results = await batch.SendAsync();

        Assert.Equal(1, e2e.Counter.Requests);
        Assert.Equal(100, results.Count);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(RpcCallId.Of(1000L + i), results[i].CallId);
            Assert.True(results[i].IsOk, results[i].ToString());
            Assert.Equal(i < 50 ? "write" : "read", results[i].Procedure);
        }
        for (var i = 0; i < 50; i++)
        {
            var points = results[50 + i].GetValue<IReadOnlyList<Point>>();
            Assert.Equal(PointValue.Of(100L + i), Assert.Single(points).Value);
        }
    }

    [Fact]
    public async Task A_thousand_calls_go_in_forty_requests_of_25_and_every_result_is_in_call_order()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataports = await CreateDataportsAsync(e2e, owner.Auth, 10);
        var client = e2e.NewClient();
        Assert.Equal(25, client.Options.ChunkSize);

        var batch = client.Batch(owner.Auth);
        for (var k = 0; k < 500; k++)
        {
            var dataport = ResourceId.Rid(dataports[k % 10]);
            batch = batch.Write(dataport, (long)k).Read(dataport);
        }
        e2e.Counter.Reset();
        var results = await batch.SendAsync();

        Assert.Equal(40, e2e.Counter.Requests);
        Assert.Equal(1000, results.Count);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(RpcCallId.Of(i), results[i].CallId);
            Assert.True(results[i].IsOk, results[i].ToString());
            Assert.Equal(i % 2 == 0 ? "write" : "read", results[i].Procedure);
        }
        for (var k = 0; k < 500; k++)
        {
            // Each read comes right after the write it must see.
            var points = results[2 * k + 1].GetValue<IReadOnlyList<Point>>();
            Assert.Equal(PointValue.Of((long)k), Assert.Single(points).Value);
        }
    }

    [Fact]
    public async Task A_batch_mixing_failing_and_succeeding_calls_reports_each_in_place()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var stranger = await e2e.NewAccountAsync("stranger");
        var foreign = await e2e.NewDataportAsync(stranger.Auth, DataFormat.Integer);
        await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer, "ok");

        var results = await e2e
            .Client.Batch(owner.Auth)
            .Write(ResourceId.Alias("ok"), 1L)
            .Read(ResourceId.Alias("missing"))
            .Drop(ResourceId.Rid(foreign))
            .Lookup(ResourceId.Self, LookupKind.Alias, "")
            .Activate(ResourceId.Self, CodeType.Share, new string('d', 40))
            .Read(ResourceId.Alias("ok"))
            .SendAsync();

        Assert.Equal(
            ["write", "read", "drop", "lookup", "activate", "read"],
            results.Select(r => r.Procedure)
        );
        Assert.Equal([true, false, false, true, false, true], results.Select(r => r.IsOk));
        string? Status(int i) =>
            Assert
                .IsType<ApiError.RpcCall>(results[i].Error)
                .StatusText.MatchUnsafe(s => s, () => null);
        Assert.Equal("invalid", Status(1));
        Assert.Equal("restricted", Status(2));
        Assert.Equal("invalid", Status(4));
        Assert.Equal(owner.Rid, results[3].GetValue<string>());
        Assert.Equal(
            PointValue.Of(1L),
            Assert.Single(results[5].GetValue<IReadOnlyList<Point>>()).Value
        );
        var thrown = Assert.Throws<OnePlatformCallException>(() => results[2].GetValue<Unit>());
        Assert.Equal("restricted", thrown.StatusText);
        // The failed drop left the stranger's dataport alone.
        await e2e.Client.InfoAsync(stranger.Auth, ResourceId.Rid(foreign), InfoOptions.OnlyBasic);
    }
}
