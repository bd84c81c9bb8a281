using Functional.Facade.OnePlatform;
using Functional.Tests.Emulators;

namespace Functional.Tests.EndToEnd;

/// <summary>Reads, writes, record, flush, wait and concurrent writers (spec §2.5, §4.3 items 24 and 25).</summary>
public sealed class EndToEndTimeSeriesTests
{
    private static readonly ReadOptions Everything = ReadOptions
        .Latest.WithSort(SortOrder.Ascending)
        .WithLimit(100_000);

    // §4.3 item 24, §2.5 read
    [Fact]
    public async Task Read_defaults_to_the_latest_point_and_limit_applies_after_sorting()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));
        var t0 = EndToEndHarness.Now - 1000;
        var rejected = await e2e.Client.RecordBatchAsync(
            owner.Auth,
            dataport,
            Enumerable.Range(1, 5).Select(i => (t0 + i, PointValue.Of((long)i)))
        );
        Assert.Empty(rejected);

        var latest = await e2e.Client.ReadAsync(owner.Auth, dataport);
        var oldest = await e2e.Client.ReadAsync(
            owner.Auth,
            dataport,
            ReadOptions.Latest.WithSort(SortOrder.Ascending).WithLimit(2)
        );
        var newest = await e2e.Client.ReadAsync(
            owner.Auth,
            dataport,
            ReadOptions.Latest.WithSort(SortOrder.Descending).WithLimit(2)
        );
        var at = await e2e.Client.ReadAsync(
            owner.Auth,
            dataport,
            ReadOptions.Latest.WithStartTime(t0 + 3).WithEndTime(t0 + 3).WithLimit(10)
        );
        var window = await e2e.Client.ReadAsync(
            owner.Auth,
            dataport,
            ReadOptions
                .Latest.WithStartTime(t0 + 2)
                .WithEndTime(t0 + 4)
                .WithSort(SortOrder.Ascending)
                .WithLimit(10)
        );

        Assert.Equal(new[] { new Point(t0 + 5, 5L) }, latest);
        Assert.Equal(new[] { new Point(t0 + 1, 1L), new Point(t0 + 2, 2L) }, oldest);
        Assert.Equal(new[] { new Point(t0 + 5, 5L), new Point(t0 + 4, 4L) }, newest);
        Assert.Equal(new[] { new Point(t0 + 3, 3L) }, at);
        Assert.Equal([new Point(t0 + 2, 2L), new Point(t0 + 3, 3L), new Point(t0 + 4, 4L)], window);
    }

    // §4.3 item 24: values written as JSON strings are coerced to the dataport's format
    [Theory]
    [InlineData(DataFormat.Integer, "42", "integer:42")]
    [InlineData(DataFormat.Integer, "0", "integer:0")]
    [InlineData(DataFormat.Float, "1", "float:1")]
    [InlineData(DataFormat.Float, "0", "float:0")]
    [InlineData(DataFormat.Float, "-0.1234567", "float:-0.1234567")]
    [InlineData(DataFormat.String, "42", "text:42")]
    public async Task Values_written_as_strings_are_coerced_to_the_format(
        DataFormat format,
        string written,
        string expected
    )
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, format));

        await e2e.Client.WriteAsync(owner.Auth, dataport, PointValue.Of(written));
        var point = Assert.Single(await e2e.Client.ReadAsync(owner.Auth, dataport));

        // The client types a JSON number with a fraction (1.0) as Float, without one (1) as Integer.
        var actual = point.Value switch
        {
            PointValue.Integer i => $"integer:{i}",
            PointValue.Float f => $"float:{f}",
            PointValue.Text t => $"text:{t}",
            var other => $"other:{other}",
        };
        Assert.Equal(expected, actual);
    }

    // §4.3 item 25, §2.5 record (fake clock: "now" does not move under the test)
    [Fact]
    public async Task Record_with_negative_timestamps_lands_that_many_seconds_before_now()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var e2e = await EndToEndHarness.StartAsync(clock);
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Float));
        var now = clock.UnixSeconds;

        await e2e.Client.RecordAsync(
            owner.Auth,
            dataport,
            [(-10L, PointValue.Of(1.5)), (-20L, PointValue.Of(2.5))]
        );

        var points = await e2e.Client.ReadAsync(owner.Auth, dataport, Everything);
        Assert.Equal(2, points.Count);
        Assert.InRange(points[0].Timestamp, now - 20 - 5, now - 20 + 5);
        Assert.Equal(PointValue.Of(2.5), points[0].Value);
        Assert.InRange(points[1].Timestamp, now - 10 - 5, now - 10 + 5);
        Assert.Equal(PointValue.Of(1.5), points[1].Value);
    }

    // §4.3 item 25 on the real clock, through recordbatch
    [Fact]
    public async Task Recordbatch_with_a_negative_timestamp_lands_near_the_real_now()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));
        var before = EndToEndHarness.Now;

        await e2e.Client.RecordBatchAsync(owner.Auth, dataport, [(-60L, PointValue.Of(7L))]);

        var after = EndToEndHarness.Now;
        var point = Assert.Single(await e2e.Client.ReadAsync(owner.Auth, dataport, Everything));
        Assert.InRange(point.Timestamp, before - 60 - 5, after - 60 + 5);
        Assert.Equal(PointValue.Of(7L), point.Value);
    }

    // §4.3 item 25, §2.5 flush
    [Fact]
    public async Task Flush_bounds_are_exclusive_and_both_bounds_intersect()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));
        await e2e.Client.RecordBatchAsync(
            owner.Auth,
            dataport,
            new[] { 100L, 200L, 300L, 400L, 500L }.Select(t => (t, PointValue.Of(t)))
        );
        async Task<long[]> Timestamps() =>
            [
                .. (await e2e.Client.ReadAsync(owner.Auth, dataport, Everything)).Select(p =>
                    p.Timestamp
                ),
            ];

        await e2e.Client.FlushAsync(
            owner.Auth,
            dataport,
            FlushOptions.All.WithNewerThan(200).WithOlderThan(400)
        );
        Assert.Equal(new[] { 100L, 200L, 400L, 500L }, await Timestamps());

        await e2e.Client.FlushAsync(owner.Auth, dataport, FlushOptions.All.WithOlderThan(200));
        Assert.Equal(new[] { 200L, 400L, 500L }, await Timestamps());

        await e2e.Client.FlushAsync(owner.Auth, dataport, FlushOptions.All.WithNewerThan(400));
        Assert.Equal(new[] { 200L, 400L }, await Timestamps());

        await e2e.Client.FlushAsync(owner.Auth, dataport);
        Assert.Empty(await Timestamps());
    }

    // §2.5 flush: restricted if not owner
    [Fact]
    public async Task Flush_of_a_resource_outside_the_callers_tree_is_restricted()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var stranger = await e2e.NewAccountAsync("stranger");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));
        await e2e.Client.WriteAsync(owner.Auth, dataport, 1L);

        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.FlushAsync(stranger.Auth, dataport)
        );

        Assert.Equal("restricted", ex.StatusText);
        Assert.Single(await e2e.Client.ReadAsync(owner.Auth, dataport));
    }

    // §2.5 wait
    [Fact]
    public async Task Wait_is_woken_by_a_write_from_another_client()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.String, "door");
        var waiter = e2e.NewClient();
        var writer = e2e.NewClient();

        var waiting = waiter.WaitAsync(
            owner.Auth,
            ResourceId.Alias("door"),
            WaitOptions.Default.WithTimeout(20_000)
        );
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (e2e.Emulator.PendingWaits < 1 && !waiting.IsCompleted)
                await Task.Delay(5, guard.Token);
        }
        Assert.False(waiting.IsCompleted);
        await writer.WriteAsync(e2e.Root, ResourceId.Rid(rid), "open");

        var point = await waiting;
        Assert.NotNull(point);
        Assert.Equal(PointValue.Of("open"), point.Value);
        var stored = Assert.Single(await e2e.Client.ReadAsync(owner.Auth, ResourceId.Rid(rid)));
        Assert.Equal(stored, point);
    }

    // §2.5 wait: expire on timeout (real clock, short timeout)
    [Fact]
    public async Task Wait_that_sees_no_write_expires_and_returns_null()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);

        var point = await e2e.Client.WaitAsync(
            owner.Auth,
            ResourceId.Rid(rid),
            WaitOptions.Default.WithTimeout(TimeSpan.FromMilliseconds(300))
        );

        Assert.Null(point);
    }

    // §2.5 wait: expire on timeout (fake clock)
    [Fact]
    public async Task Wait_expires_when_the_fake_clock_passes_its_timeout()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var e2e = await EndToEndHarness.StartAsync(clock);
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);

        var waiting = e2e.Client.WaitAsync(
            owner.Auth,
            ResourceId.Rid(rid),
            WaitOptions.Default.WithTimeout(60_000)
        );
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (e2e.Emulator.PendingWaits < 1)
                await Task.Delay(5, guard.Token);
        }
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Null(await waiting);
    }

    // Concurrency: the client is thread-safe and the emulator keeps every point.
    [Fact]
    public async Task Concurrent_writers_to_distinct_dataports_lose_no_point()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        const int Writers = 8;
        const int PerWriter = 50;
        var dataports = new ResourceId[Writers];
        for (var w = 0; w < Writers; w++)
            dataports[w] = ResourceId.Rid(
                await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer)
            );
        var t0 = EndToEndHarness.Now - 100_000;

        await Task.WhenAll(
            Enumerable
                .Range(0, Writers)
                .Select(w =>
                    Task.Run(async () =>
                    {
                        for (var i = 0; i < PerWriter; i++)
                        {
                            (long, PointValue)[] entry = [(t0 + i, PointValue.Of(w * 1000L + i))];
                            if (w % 2 == 0)
                                await e2e.Client.RecordAsync(owner.Auth, dataports[w], entry);
                            else
                                Assert.Empty(
                                    await e2e.Client.RecordBatchAsync(
                                        owner.Auth,
                                        dataports[w],
                                        entry
                                    )
                                );
                        }
                    })
                )
        );

        for (var w = 0; w < Writers; w++)
        {
            var points = await e2e.Client.ReadAsync(owner.Auth, dataports[w], Everything);
            Assert.Equal(
                Enumerable
                    .Range(0, PerWriter)
                    .Select(i => new Point(t0 + i, PointValue.Of(w * 1000L + i))),
                points
            );
        }
    }

    [Fact]
    public async Task Concurrent_writers_to_one_dataport_at_distinct_times_lose_no_point()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));
        const int Writers = 8;
        const int PerWriter = 50;
        var t0 = EndToEndHarness.Now - 100_000;
        var clients = Enumerable.Range(0, Writers).Select(_ => e2e.NewClient()).ToArray();

        await Task.WhenAll(
            Enumerable
                .Range(0, Writers)
                .Select(w =>
                    Task.Run(async () =>
                    {
                        for (var i = 0; i < PerWriter; i++)
                        {
                            var ts = t0 + i * Writers + w;
                            Assert.Empty(
                                await clients[w]
                                    .RecordBatchAsync(
                                        owner.Auth,
                                        dataport,
                                        [(ts, PointValue.Of(ts))]
                                    )
                            );
                        }
                    })
                )
        );

        var points = await e2e.Client.ReadAsync(owner.Auth, dataport, Everything);
        Assert.Equal(
            Enumerable
                .Range(0, Writers * PerWriter)
                .Select(k => new Point(t0 + k, PointValue.Of(t0 + k))),
            points
        );
    }
}
