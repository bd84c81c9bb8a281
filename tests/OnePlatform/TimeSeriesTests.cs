using System.Text.Json;
using Functional.Facade.OnePlatform;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

public class TimeSeriesTests
{
    private const string R = "\"" + Rpc.Rid + "\"";

    private static Seq<(long Timestamp, PointValue Value)> Entries(
        params (long, PointValue)[] entries
    ) => toSeq(entries);

    private static string Args<T>(Validation<ApiError, RpcCall<T>> call) =>
        Rpc.Valid(call).ArgumentsJson;

    private static ApiError.RpcCall CallError<T>(Either<ApiError, T> outcome) =>
        Assert.IsType<ApiError.RpcCall>(Rpc.Left(outcome));

    // ---- writegroup ------------------------------------------------------------------------------

    [Fact]
    public void WriteGroup_golden_arguments()
    {
        var call = TimeSeries.WriteGroup(
            Seq(
                (ResourceId.Alias("a"), PointValue.Of(1L)),
                (ResourceId.Rid(Rpc.Rid), PointValue.Of(2.5)),
                (ResourceId.Self, PointValue.Of("你好"))
            )
        );
        Assert.Equal(
            $$"""[[[{"alias":"a"},1],[{{R}},2.5],[{"alias":""},"\u4F60\u597D"]]]""",
            Args(call)
        );
        Assert.Equal("writegroup", Rpc.Valid(call).Procedure);
        Assert.False(Rpc.Valid(call).IsReadOnly);
    }

    [Fact]
    public void WriteGroup_envelope()
    {
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":3,"procedure":"writegroup","arguments":[[[{"alias":"t"},7]]]}]}""",
            Rpc.Envelope(
                TimeSeries.WriteGroup(Seq1((ResourceId.Alias("t"), PointValue.Of(7L)))),
                id: 3
            )
        );
    }

    [Fact]
    public void WriteGroup_reports_every_bad_entry_at_once()
    {
        var fields = Rpc.Fields(
            TimeSeries.WriteGroup(
                Seq(
                    (ResourceId.Rid("nope"), PointValue.Of(1L)),
                    (ResourceId.Self, PointValue.Of(double.PositiveInfinity)),
                    (null!, (PointValue)null!)
                )
            )
        );
        Assert.Equal(
            ["entries[0].resource", "entries[1].value", "entries[2].resource", "entries[2].value"],
            fields.ToArray()
        );
    }

    [Fact]
    public void WriteGroup_rejects_no_entries()
    {
        Assert.Equal(
            ["entries"],
            Rpc.Fields(TimeSeries.WriteGroup(Seq<(ResourceId, PointValue)>())).ToArray()
        );
    }

    // ---- record ----------------------------------------------------------------------------------

    [Fact]
    public void Record_golden_arguments_keep_the_unused_options_object_and_negative_offsets()
    {
        Assert.Equal(
            """[{"alias":"t"},[[1400000000,"a"],[-60,42],[-1,1.5]],{}]""",
            Args(
                TimeSeries.Record(
                    ResourceId.Alias("t"),
                    Entries((1_400_000_000, "a"), (-60, 42L), (-1, 1.5))
                )
            )
        );
    }

    [Fact]
    public void Record_with_times_sends_unix_seconds()
    {
        var at = new DateTimeOffset(2014, 5, 13, 16, 53, 20, 999, TimeSpan.Zero);
        Assert.Equal(
            $$"""[{{R}},[[1400000000,1]],{}]""",
            Args(TimeSeries.Record(ResourceId.Rid(Rpc.Rid), Seq1((at, PointValue.Of(1L)))))
        );
    }

    [Fact]
    public void Record_and_write_round_trip_non_ascii_text()
    {
        foreach (
            var json in new[]
            {
                Args(TimeSeries.Write(ResourceId.Alias("message"), "你好")),
                Args(TimeSeries.Write(ResourceId.Alias("message"), "你好", ArgumentForm.Pyonep)),
                Args(TimeSeries.Record(ResourceId.Alias("message"), Entries((5, "你好")))),
            }
        )
        {
            Assert.Contains("\\u4F60\\u597D", json, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(json);
            var value = doc.RootElement[1];
            var text =
                value.ValueKind == JsonValueKind.Array
                    ? value[0][1].GetString()
                    : value.GetString();
            Assert.Equal("你好", text);
        }
        var read = Rpc.Right(
            Rpc.ParseOne(
                TimeSeries.Read(ResourceId.Alias("message"), ReadOptions.Latest.WithLimit(1)),
                """[{"id":0,"status":"ok","result":[[5,"\u4f60\u597d"]]}]"""
            )
        );
        Assert.Equal(Some("你好"), read.Single().Value.AsText());
    }

    [Fact]
    public void Record_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "entries[1].value", "entries[2].value"],
            Rpc.Fields(
                    TimeSeries.Record(
                        ResourceId.Alias("bad\nalias"),
                        Entries((1, 1L), (2, double.NaN), (3, (PointValue)null!))
                    )
                )
                .ToArray()
        );
        Assert.Equal(
            ["resource", "entries"],
            Rpc.Fields(TimeSeries.Record(null!, Seq<(long Timestamp, PointValue Value)>()))
                .ToArray()
        );
    }

    [Fact]
    public void Record_parses_ok_and_keeps_failure_status()
    {
        var call = TimeSeries.Record(ResourceId.Self, Entries((1, 1L)));
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        Assert.Equal(
            Some("invalid"),
            CallError(Rpc.ParseOne(call, """[{"id":0,"status":"invalid"}]""")).StatusText
        );
    }

    // ---- recordbatch -----------------------------------------------------------------------------

    [Fact]
    public void RecordBatch_golden_arguments_have_no_options_object()
    {
        Assert.Equal(
            $$"""[{{R}},[[1,"x"],[-5,2]]]""",
            Args(TimeSeries.RecordBatch(ResourceId.Rid(Rpc.Rid), Entries((1, "x"), (-5, 2L))))
        );
        Assert.Equal(
            $$"""[{{R}},[[1,"x"],[-5,2]]]""",
            Args(
                TimeSeries.RecordBatchReportingRejections(
                    ResourceId.Rid(Rpc.Rid),
                    Entries((1, "x"), (-5, 2L))
                )
            )
        );
        var at = DateTimeOffset.FromUnixTimeSeconds(77);
        Assert.Equal(
            """[{"alias":""},[[77,3]]]""",
            Args(TimeSeries.RecordBatch(ResourceId.Self, Seq1((at, PointValue.Of(3L)))))
        );
    }

    [Fact]
    public void RecordBatch_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "entries[0].value"],
            Rpc.Fields(
                    TimeSeries.RecordBatch(
                        ResourceId.Rid(Rpc.Rid.ToUpperInvariant()),
                        Entries((1, double.NegativeInfinity))
                    )
                )
                .ToArray()
        );
    }

    [Fact]
    public void RecordBatch_ok_is_unit()
    {
        Assert.Equal(
            unit,
            Rpc.Right(
                Rpc.ParseOne(
                    TimeSeries.RecordBatch(ResourceId.Self, Entries((1, 1L))),
                    """[{"id":0,"status":"ok"}]"""
                )
            )
        );
    }

    [Fact]
    public void RecordBatch_list_status_is_kept_raw_and_parsed_into_rejections()
    {
        var error = CallError(
            Rpc.ParseOne(
                TimeSeries.RecordBatch(ResourceId.Self, Entries((1, 1L), (2, "x"), (-3, 3L))),
                """[{"id":0,"status":[[2,"invalid"],[-3,"invalid"]]}]"""
            )
        );
        Assert.Equal("recordbatch", error.Procedure);
        Assert.Equal(JsonValueKind.Array, error.Status.ValueKind);
        Assert.Equal("""[[2,"invalid"],[-3,"invalid"]]""", error.Status.GetRawText());
        Assert.Equal(None, error.StatusText);
        var rejected = RecordBatchRejections.From(error);
        Assert.Equal(
            Some(Seq(new RejectedEntry(2, "invalid"), new RejectedEntry(-3, "invalid"))),
            rejected
        );
    }

    [Fact]
    public void RecordBatchRejections_are_none_for_other_errors_and_shapes()
    {
        var call = TimeSeries.RecordBatch(ResourceId.Self, Entries((1, 1L)));
        Assert.Equal(
            None,
            RecordBatchRejections.From(
                Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"restricted"}]"""))
            )
        );
        Assert.Equal(
            None,
            RecordBatchRejections.From(
                Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":[[1]]}]"""))
            )
        );
        Assert.Equal(
            None,
            RecordBatchRejections.From(
                Rpc.Left(
                    Rpc.ParseOne(
                        TimeSeries.Write(ResourceId.Self, 1L),
                        """[{"id":0,"status":[[1,"invalid"]]}]"""
                    )
                )
            )
        );
        Assert.Equal(None, RecordBatchRejections.From(new ApiError.InvalidArgument("x", "y")));
        Assert.Equal(None, RecordBatchRejections.FromStatus(Rpc.Element("""[["1","invalid"]]""")));
    }

    [Fact]
    public void RecordBatchReportingRejections_gives_rejections_as_the_result()
    {
        var call = TimeSeries.RecordBatchReportingRejections(
            ResourceId.Self,
            Entries((1, 1L), (2, 2L))
        );
        Assert.Empty(Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        Assert.Equal(
            Seq1(new RejectedEntry(2, "invalid")),
            Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":[[2,"invalid"]]}]"""))
        );
        var restricted = CallError(Rpc.ParseOne(call, """[{"id":0,"status":"restricted"}]"""));
        Assert.Equal(Some("restricted"), restricted.StatusText);
        var odd = CallError(Rpc.ParseOne(call, """[{"id":0,"status":[{"ts":1}]}]"""));
        Assert.Equal("""[{"ts":1}]""", odd.Status.GetRawText());
    }

    // ---- flush -----------------------------------------------------------------------------------

    [Fact]
    public void Flush_golden_arguments()
    {
        Assert.Equal(
            """[{"alias":"t"}]""",
            Args(TimeSeries.Flush(ResourceId.Alias("t"), FlushOptions.All))
        );
        Assert.Equal(
            """[{"alias":"t"},{"newerthan":10}]""",
            Args(TimeSeries.Flush(ResourceId.Alias("t"), FlushOptions.All.WithNewerThan(10)))
        );
        Assert.Equal(
            """[{"alias":"t"},{"olderthan":20}]""",
            Args(TimeSeries.Flush(ResourceId.Alias("t"), FlushOptions.All.WithOlderThan(20)))
        );
        Assert.Equal(
            """[{"alias":"t"},{"newerthan":0,"olderthan":1400000000}]""",
            Args(
                TimeSeries.Flush(
                    ResourceId.Alias("t"),
                    FlushOptions
                        .All.WithOlderThan(DateTimeOffset.FromUnixTimeSeconds(1_400_000_000))
                        .WithNewerThan(DateTimeOffset.UnixEpoch)
                )
            )
        );
    }

    [Fact]
    public void Flush_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "options.newerthan", "options.olderthan"],
            Rpc.Fields(
                    TimeSeries.Flush(
                        ResourceId.Rid(""),
                        FlushOptions.All.WithNewerThan(-1).WithOlderThan(-2)
                    )
                )
                .ToArray()
        );
        Assert.Equal(["resource", "options"], Rpc.Fields(TimeSeries.Flush(null!, null!)).ToArray());
    }

    [Fact]
    public void Flush_parses_ok_and_keeps_statuses()
    {
        var call = TimeSeries.Flush(ResourceId.Self, FlushOptions.All);
        Assert.False(Rpc.Valid(call).IsReadOnly);
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        foreach (var status in new[] { "invalid", "restricted", "noauth" })
        {
            var error = CallError(Rpc.ParseOne(call, $$"""[{"id":0,"status":"{{status}}"}]"""));
            Assert.Equal(Some(status), error.StatusText);
            Assert.Contains(status, error.Message, StringComparison.Ordinal);
        }
    }

    // ---- wait ------------------------------------------------------------------------------------

    [Fact]
    public void Wait_golden_arguments()
    {
        Assert.Equal(
            """[{"alias":"t"},{}]""",
            Args(TimeSeries.Wait(ResourceId.Alias("t"), WaitOptions.Default))
        );
        Assert.Equal(
            """[{"alias":"t"},{"timeout":300000,"since":1400000000}]""",
            Args(
                TimeSeries.Wait(
                    ResourceId.Alias("t"),
                    WaitOptions.Default.WithSince(1_400_000_000).WithTimeout(300_000)
                )
            )
        );
        Assert.Equal(
            """[{"alias":"t"},{"timeout":1501,"since":5}]""",
            Args(
                TimeSeries.Wait(
                    ResourceId.Alias("t"),
                    WaitOptions
                        .Default.WithTimeout(TimeSpan.FromTicks(15_000_001))
                        .WithSince(DateTimeOffset.FromUnixTimeMilliseconds(5_999))
                )
            )
        );
        Assert.Equal(
            """[{"alias":"t"},{"timeout":0}]""",
            Args(TimeSeries.Wait(ResourceId.Alias("t"), WaitOptions.Default.WithTimeout(0)))
        );
    }

    [Fact]
    public void Wait_is_the_only_read_only_call_here()
    {
        Assert.True(Rpc.Valid(TimeSeries.Wait(ResourceId.Self, WaitOptions.Default)).IsReadOnly);
        Assert.False(Rpc.Valid(TimeSeries.Record(ResourceId.Self, Entries((1, 1L)))).IsReadOnly);
        Assert.False(
            Rpc.Valid(TimeSeries.RecordBatch(ResourceId.Self, Entries((1, 1L)))).IsReadOnly
        );
    }

    [Fact]
    public void Wait_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "options.timeout", "options.since"],
            Rpc.Fields(
                    TimeSeries.Wait(
                        ResourceId.Alias("\u0001"),
                        WaitOptions.Default.WithTimeout(300_001).WithSince(-1)
                    )
                )
                .ToArray()
        );
        Assert.Equal(
            ["options.timeout"],
            Rpc.Fields(
                    TimeSeries.Wait(
                        ResourceId.Self,
                        WaitOptions.Default.WithTimeout(TimeSpan.FromSeconds(-1))
                    )
                )
                .ToArray()
        );
    }

    [Fact]
    public void Wait_ok_gives_the_point()
    {
        var point = Rpc.Right(
            Rpc.ParseOne(
                TimeSeries.Wait(ResourceId.Self, WaitOptions.Default),
                """[{"id":0,"status":"ok","result":[1400000001,"\u4f60\u597d"]}]"""
            )
        );
        Assert.Equal(Some(new Point(1_400_000_001, PointValue.Of("你好"))), point);
    }

    [Fact]
    public void Wait_expire_is_none_not_an_error()
    {
        Assert.Equal(
            Option<Point>.None,
            Rpc.Right(
                Rpc.ParseOne(
                    TimeSeries.Wait(ResourceId.Self, WaitOptions.Default),
                    """[{"id":0,"status":"expire"}]"""
                )
            )
        );
    }

    [Fact]
    public void Wait_other_statuses_stay_errors_and_bad_results_are_malformed()
    {
        var call = TimeSeries.Wait(ResourceId.Self, WaitOptions.Default);
        var error = CallError(
            Rpc.ParseOne(
                call,
                """[{"id":0,"status":"error","error":{"code":400,"message":"bad"}}]"""
            )
        );
        Assert.Equal(Some("error"), error.StatusText);
        Assert.Equal(Some(new RpcErrorDetail(400, "bad", None)), error.Detail);
        Assert.Equal(
            Some("restricted"),
            CallError(Rpc.ParseOne(call, """[{"id":0,"status":"restricted"}]""")).StatusText
        );
        Assert.IsType<ApiError.MalformedResponse>(
            Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"ok","result":[1]}]"""))
        );
        Assert.IsType<ApiError.MalformedResponse>(
            Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]"""))
        );
    }

    // ---- facade ----------------------------------------------------------------------------------

    [Fact]
    public async Task RecordBatchAsync_returns_rejections_without_throwing()
    {
        var (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":[[2,"invalid"]]}]""");
        var rejected = await client.RecordBatchAsync(
            Auth.Cik(Rpc.Cik),
            ResourceId.Alias("t"),
            [(1L, 1L), (2L, "x")]
        );
        Assert.Equal([new RejectedEntry(2, "invalid")], rejected);
        Assert.Equal("""[{"alias":"t"},[[1,1],[2,"x"]]]""", handler.SentArguments());
    }

    [Fact]
    public async Task RecordBatchAsync_all_accepted_is_empty_and_other_statuses_throw()
    {
        var (ok, _) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        Assert.Empty(await ok.RecordBatchAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, [(1L, 1L)]));
        var (restricted, _) = CannedRpcHandler.Client("""[{"id":0,"status":"restricted"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            restricted.RecordBatchAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, [(1L, 1L)])
        );
        Assert.Equal("restricted", ex.StatusText);
    }

    [Fact]
    public async Task WaitAsync_gives_point_or_null_on_expire()
    {
        var (expired, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"expire"}]""");
        Assert.Null(
            await expired.WaitAsync(
                Auth.Cik(Rpc.Cik),
                ResourceId.Alias("t"),
                WaitOptions.Default.WithTimeout(1000)
            )
        );
        Assert.Equal("""[{"alias":"t"},{"timeout":1000}]""", handler.SentArguments());
        var (ok, _) = CannedRpcHandler.Client("""[{"id":0,"status":"ok","result":[9,1.5]}]""");
        Assert.Equal(
            new Point(9, PointValue.Of(1.5)),
            await ok.WaitAsync(Auth.Cik(Rpc.Cik), ResourceId.Self)
        );
    }

    [Fact]
    public async Task WriteGroup_flush_and_record_facade_send_the_golden_arguments()
    {
        var (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        await client.FlushAsync(Auth.Cik(Rpc.Cik), ResourceId.Alias("t"));
        Assert.Equal("""[{"alias":"t"}]""", handler.SentArguments());

        (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        await client.WriteGroupAsync(Auth.Cik(Rpc.Cik), [(ResourceId.Alias("a"), 1L)]);
        Assert.Equal("""[[[{"alias":"a"},1]]]""", handler.SentArguments());

        (client, handler) = CannedRpcHandler.Client(
            """[{"id":0,"status":"ok"}]""",
            ArgumentForm.Pyonep
        );
        await client.RecordAsync(Auth.Cik(Rpc.Cik), ResourceId.Alias("a"), [(-10L, "你好")]);
        Assert.Equal("""[{"alias":"a"},[[-10,"\u4F60\u597D"]],{}]""", handler.SentArguments());
    }

    [Fact]
    public async Task Facade_reports_every_bad_argument_before_sending()
    {
        var (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            client.FlushAsync(
                Auth.Cik(Rpc.Cik),
                ResourceId.Rid("x"),
                FlushOptions.All.WithNewerThan(-1)
            )
        );
        Assert.Equal(["resource", "options.newerthan"], ex.Problems.Select(p => p.Field));
        Assert.Empty(handler.Bodies);
    }

    [Fact]
    public async Task Batch_carries_the_new_time_series_calls()
    {
        var (client, handler) = CannedRpcHandler.Client(
            """[{"id":0,"status":"ok"},{"id":1,"status":[[5,"invalid"]]},{"id":2,"status":"expire"},{"id":3,"status":"ok"},{"id":4,"status":"ok"}]"""
        );
        var results = await client
            .Batch(Auth.Cik(Rpc.Cik))
            .WriteGroup([(ResourceId.Alias("a"), 1L)])
            .RecordBatch(ResourceId.Alias("a"), [(5L, 5L)])
            .Wait(ResourceId.Alias("a"))
            .Flush(ResourceId.Alias("a"), FlushOptions.All.WithOlderThan(3))
            .Record(ResourceId.Alias("a"), [(1L, 1L)])
            .SendAsync();
        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Equal(
            Seq1(new RejectedEntry(5, "invalid")),
            results[1].GetValue<Seq<RejectedEntry>>()
        );
        Assert.Equal(Option<Point>.None, results[2].GetValue<Option<Point>>());
        using var doc = JsonDocument.Parse(Assert.Single(handler.Bodies));
        Assert.Equal(
            ["writegroup", "recordbatch", "wait", "flush", "record"],
            doc.RootElement.GetProperty("calls")
                .EnumerateArray()
                .Select(c => c.GetProperty("procedure").GetString())
        );
    }
}
