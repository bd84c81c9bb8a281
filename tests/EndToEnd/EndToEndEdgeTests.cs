using System.Text;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// Edges where the client's and the emulator's readings of the spec could part: Unicode aliases, 64 KB strings,
/// float round trips, large call ids, cancelled waits, move with and without aliases, retention, preprocess,
/// subscriptions and deactivated keys.
/// </summary>
public sealed class EndToEndEdgeTests
{
    private static readonly ReadOptions Everything = ReadOptions
        .Latest.WithSort(SortOrder.Ascending)
        .WithLimit(1000);

    // §5.2 (unicode is the most common bug class), §2.5 aliases
    [Fact]
    public async Task Unicode_aliases_map_and_resolve()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.String, "温度 température");

        await e2e.Client.WriteAsync(owner.Auth, ResourceId.Alias("温度 température"), "ok 👍");

        Assert.Equal(
            rid,
            await e2e.Client.LookupAsync(
                owner.Auth,
                ResourceId.Self,
                LookupKind.Alias,
                "温度 température"
            )
        );
        var info = await e2e.Client.InfoAsync(owner.Auth, ResourceId.Self, InfoOptions.OnlyAliases);
        var aliases = Assert.IsType<InfoAliases.Known>((InfoAliases)info.Aliases);
        Assert.Equal(
            new[] { "温度 température" },
            aliases.ByResource.Find(rid).IfNone(Seq<string>())
        );
        var point = Assert.Single(
            await e2e.Client.ReadAsync(owner.Auth, ResourceId.Alias("温度 température"))
        );
        Assert.Equal(PointValue.Of("ok 👍"), point.Value);
    }

    // §2.5 dataport: string values max 64 KB
    [Fact]
    public async Task A_string_of_exactly_64_KB_round_trips()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.String));
        var text = new string('é', PointValue.MaxStringBytes / 2);
        Assert.Equal(PointValue.MaxStringBytes, Encoding.UTF8.GetByteCount(text));

        await e2e.Client.WriteAsync(owner.Auth, rid, text);

        Assert.Equal(
            PointValue.Of(text),
            Assert.Single(await e2e.Client.ReadAsync(owner.Auth, rid)).Value
        );
    }

    // §2.5 read: float values are JSON numbers with a fraction, typed as floats by the client
    [Fact]
    public async Task Float_values_round_trip_exactly_and_stay_floats()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Float));
        double[] values = [0.1 + 0.2, 2.0, -1e-300, 1e300, 123456789.125, 5];

        await e2e.Client.RecordBatchAsync(
            owner.Auth,
            rid,
            values.Select((v, i) => (1000L + i, PointValue.Of(v)))
        );
        await e2e.Client.RecordBatchAsync(owner.Auth, rid, [(2000L, PointValue.Of(7L))]);

        var points = await e2e.Client.ReadAsync(owner.Auth, rid, Everything);
        Assert.Equal(
            values.Append(7.0).Select(v => (PointValue)new PointValue.Float(v)),
            points.Select(p => p.Value)
        );
    }

    // §2.5 read: integer values are JSON integers
    [Fact]
    public async Task Integer_values_round_trip_exactly()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));
        long[] values = [0, -1, 2_147_483_647, -2_147_483_648];

        await e2e.Client.RecordBatchAsync(
            owner.Auth,
            rid,
            values.Select((v, i) => (1000L + i, PointValue.Of(v)))
        );

        var points = await e2e.Client.ReadAsync(owner.Auth, rid, Everything);
        Assert.Equal(values.Select(v => PointValue.Of(v)), points.Select(p => p.Value));
    }

    // §2.2: ids are echoed as sent, even past 2^53
    [Fact]
    public async Task Large_call_ids_are_echoed_exactly()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        const long Start = 9_007_199_254_740_993; // 2^53 + 1: a double would change it
        var client = e2e.NewClient(o => o with { StartId = Start });

        var results = await client
            .Batch(e2e.Root)
            .Lookup(ResourceId.Self, LookupKind.Alias, "")
            .Lookup(ResourceId.Self, LookupKind.Alias, "")
            .SendAsync();

        Assert.Equal(
            new[] { RpcCallId.Of(Start), RpcCallId.Of(Start + 1) },
            results.Select(r => r.CallId)
        );
        Assert.All(results, r => Assert.Equal(e2e.RootRid, r.GetValue<string>()));
    }

    // §2.5 wait: a client that gives up frees the server's waiter
    [Fact]
    public async Task A_cancelled_wait_throws_and_leaves_no_waiter_behind()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);
        using var cancel = new CancellationTokenSource();

        var waiting = e2e.Client.WaitAsync(
            owner.Auth,
            ResourceId.Rid(rid),
            WaitOptions.Default.WithTimeout(60_000),
            cancel.Token
        );
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (e2e.Emulator.PendingWaits < 1)
                await Task.Delay(5, guard.Token);
        }
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (e2e.Emulator.PendingWaits > 0)
                await Task.Delay(5, guard.Token);
        }
        Assert.Equal(0, e2e.Emulator.PendingWaits);
        await e2e.Client.WriteAsync(owner.Auth, ResourceId.Rid(rid), 1L);
    }

    // §2.5 move: aliases true re-creates the aliases in the new owner, false drops them
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Move_keeps_or_drops_the_moved_resources_aliases(bool aliases)
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var middle = await e2e.NewAccountAsync("middle", owner.Auth);
        var dataport = await e2e.NewDataportAsync(middle.Auth, DataFormat.Integer, "gauge");

        await e2e.Client.MoveAsync(owner.Auth, ResourceId.Rid(dataport), owner.Id, aliases);

        var listing = await e2e.Client.ListingAsync(
            owner.Auth,
            ResourceId.Self,
            [ResourceType.Dataport]
        );
        Assert.Equal(new[] { dataport }, listing.Dataports);
        await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.LookupAsync(middle.Auth, ResourceId.Self, LookupKind.Alias, "gauge")
        );
        if (aliases)
            Assert.Equal(
                dataport,
                await e2e.Client.LookupAsync(owner.Auth, ResourceId.Self, LookupKind.Alias, "gauge")
            );
        else
            await Assert.ThrowsAsync<OnePlatformCallException>(() =>
                e2e.Client.LookupAsync(owner.Auth, ResourceId.Self, LookupKind.Alias, "gauge")
            );
    }

    // §2.5 dataport retention: count n keeps the n newest, count 0 stores nothing
    [Fact]
    public async Task Retention_count_keeps_only_the_newest_points()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var two = ResourceId.Rid(
            await e2e.Client.CreateDataportAsync(
                owner.Auth,
                ResourceId.Self,
                DataportDescription
                    .Of(DataFormat.Integer)
                    .WithRetention(Retention.Infinite.WithCount(2))
            )
        );
        var none = ResourceId.Rid(
            await e2e.Client.CreateDataportAsync(
                owner.Auth,
                ResourceId.Self,
                DataportDescription
                    .Of(DataFormat.Integer)
                    .WithRetention(Retention.Infinite.WithCount(0))
            )
        );
        (long, PointValue)[] entries = [(100L, 1L), (200L, 2L), (300L, 3L)];

        await e2e.Client.RecordBatchAsync(owner.Auth, two, entries);
        await e2e.Client.RecordBatchAsync(owner.Auth, none, entries);

        Assert.Equal(
            new[] { new Point(200, 2L), new Point(300, 3L) },
            await e2e.Client.ReadAsync(owner.Auth, two, Everything)
        );
        Assert.Empty(await e2e.Client.ReadAsync(owner.Auth, none, Everything));
    }

    // §2.5 dataport preprocess and subscribe
    [Fact]
    public async Task Preprocess_transforms_written_values_and_subscribers_receive_them()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var source = await e2e.Client.CreateDataportAsync(
            owner.Auth,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Integer).AddPreprocess(PreprocessOperator.Add, 10)
        );
        var copy = await e2e.Client.CreateDataportAsync(
            owner.Auth,
            ResourceId.Self,
            DataportDescription
                .Of(DataFormat.Float)
                .AddPreprocess(PreprocessOperator.Mul, 2)
                .WithSubscribe(ResourceId.Rid(source))
        );

        await e2e.Client.WriteAsync(owner.Auth, ResourceId.Rid(source), 5L);

        Assert.Equal(
            PointValue.Of(15L),
            Assert.Single(await e2e.Client.ReadAsync(owner.Auth, ResourceId.Rid(source))).Value
        );
        Assert.Equal(
            PointValue.Of(30.0),
            Assert.Single(await e2e.Client.ReadAsync(owner.Auth, ResourceId.Rid(copy))).Value
        );
        var info = await e2e.Client.InfoAsync(
            owner.Auth,
            ResourceId.Rid(source),
            InfoOptions.OnlySubscribers
        );
        Assert.Equal(new[] { copy }, (Seq<string>)info.Subscribers);
    }

    // §2.5 deactivate client: deactivates and expires the CIK
    [Fact]
    public async Task Deactivating_a_client_key_expires_it()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var device = await e2e.NewAccountAsync("device", owner.Auth);

        await e2e.Client.DeactivateAsync(owner.Auth, ResourceId.Self, CodeType.Client, device.Cik);

        var ex = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.LookupAsync(device.Auth, ResourceId.Self, LookupKind.Alias, "")
        );
        Assert.Equal(401, ex.Code);
        var info = await e2e.Client.InfoAsync(owner.Auth, device.Id, InfoOptions.OnlyBasic);
        Assert.NotEqual(ResourceStatus.Activated, (ResourceStatus)((InfoBasic)info.Basic).Status);
    }
}
