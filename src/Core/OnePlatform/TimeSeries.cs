using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>Builders for the time-series procedures: read, write, writegroup, record, recordbatch, flush, wait.</summary>
public static class TimeSeries
{
    /// <summary>
    /// <c>read [R, options]</c>: the points of a dataport (or datarule/dispatch) in the window, sorted and
    /// limited as asked. Result: the points, in the order the server sent them.
    /// </summary>
    public static Validation<ApiError, RpcCall<Seq<Point>>> Read(
        ResourceId resource,
        ReadOptions options
    ) =>
        (
            ResourceId.Require("resource", resource),
            options is null
                ? Fail<ApiError, ReadOptions>(
                    new ApiError.InvalidArgument("options", "is required")
                )
                : options.Validate()
        ).Apply(
            static (r, o) =>
                RpcCall.Create(
                    "read",
                    (r, o),
                    static (w, s) =>
                    {
                        s.r.WriteTo(w);
                        s.o.WriteTo(w);
                    },
                    ReadPoints,
                    readOnly: true
                )
        );

    private static Either<ApiError, Seq<Point>> ReadPoints(RpcAnswer answer)
    {
        var required = answer.RequireResult();
        if (required.IsLeft)
            return required.Map(static _ => Seq<Point>());
        var result = required.Match(static r => r, static _ => default);
        var points = Point.ListFromJson(result);
        return points.IsSome
            ? Right<ApiError, Seq<Point>>((Seq<Point>)points)
            : Left<ApiError, Seq<Point>>(
                answer.Malformed("a list of [timestamp, value] points", result)
            );
    }

    /// <summary>
    /// <c>write [R, value]</c> (with <see cref="ArgumentForm.Pyonep"/>: <c>[R, value, {}]</c>): stores the value
    /// at the server's receive time. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Write(
        ResourceId resource,
        PointValue value,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (
            ResourceId.Require("resource", resource),
            value is null
                ? Fail<ApiError, PointValue>(new ApiError.InvalidArgument("value", "is required"))
                : value.Validate("value"),
            ArgumentChecks.Defined("form", form)
        ).Apply(
            static (r, v, f) =>
                RpcCall.NoResult(
                    "write",
                    (r, v, f),
                    static (w, s) =>
                    {
                        s.r.WriteTo(w);
                        s.v.WriteTo(w);
                        if (s.f == ArgumentForm.Pyonep)
                        {
                            w.WriteStartObject();
                            w.WriteEndObject();
                        }
                    }
                )
        );

    /// <summary>
    /// <c>writegroup [[[R, value], …]]</c>: writes several resources at once; every point gets the same server
    /// timestamp. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> WriteGroup(
        Seq<(ResourceId Resource, PointValue Value)> entries
    ) =>
        (
            ArgumentChecks.NonEmpty("entries", entries),
            ArgumentChecks.Each(
                entries,
                (e, i) =>
                    (
                        ResourceId.Require(Entry(i, "resource"), e.Resource),
                        ArgumentChecks.Value(Entry(i, "value"), e.Value)
                    ).Apply((r, v) => (Resource: r, Value: v))
            )
        ).Apply(
            (_, es) =>
                RpcCall.NoResult(
                    "writegroup",
                    w =>
                    {
                        w.WriteStartArray();
                        foreach (var (r, v) in es)
                        {
                            w.WriteStartArray();
                            r.WriteTo(w);
                            v.WriteTo(w);
                            w.WriteEndArray();
                        }
                        w.WriteEndArray();
                    }
                )
        );

    /// <summary>
    /// <c>record [R, [[ts, value], …], {}]</c> (deprecated procedure; prefer <see cref="RecordBatch(ResourceId, Seq{ValueTuple{long, PointValue}})"/>):
    /// stores points at the given Unix timestamps; a negative timestamp means that many seconds before the server's
    /// now. No result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Record(
        ResourceId resource,
        Seq<(long Timestamp, PointValue Value)> entries
    ) =>
        (ResourceId.Require("resource", resource), Entries(entries)).Apply(
            (r, es) =>
                RpcCall.NoResult(
                    "record",
                    w =>
                    {
                        r.WriteTo(w);
                        WriteEntries(w, es);
                        w.WriteStartObject();
                        w.WriteEndObject();
                    }
                )
        );

    /// <summary><c>record</c> with points at the given times (whole seconds).</summary>
    public static Validation<ApiError, RpcCall<Unit>> Record(
        ResourceId resource,
        Seq<(DateTimeOffset Time, PointValue Value)> entries
    ) => Record(resource, ToUnix(entries));

    /// <summary>
    /// <c>recordbatch [R, [[ts, value], …]]</c>: stores points at the given Unix timestamps (negative = seconds
    /// before now). When the server refuses some entries the call fails with an <see cref="ApiError.RpcCall"/> whose
    /// status is the list <c>[[ts, "invalid"], …]</c>; read it with <see cref="RecordBatchRejections.From"/>, or use
    /// <see cref="RecordBatchReportingRejections(ResourceId, Seq{ValueTuple{long, PointValue}})"/> to get the refused
    /// entries as the result.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> RecordBatch(
        ResourceId resource,
        Seq<(long Timestamp, PointValue Value)> entries
    ) =>
        (ResourceId.Require("resource", resource), Entries(entries)).Apply(
            (r, es) => RpcCall.NoResult("recordbatch", w => WriteRecordBatch(w, r, es))
        );

    /// <summary><c>recordbatch</c> with points at the given times (whole seconds).</summary>
    public static Validation<ApiError, RpcCall<Unit>> RecordBatch(
        ResourceId resource,
        Seq<(DateTimeOffset Time, PointValue Value)> entries
    ) => RecordBatch(resource, ToUnix(entries));

    /// <summary>
    /// <c>recordbatch</c> whose partial refusal is not an error: the result is the refused entries (empty when all
    /// were stored). Any other failure status (<c>restricted</c>, <c>invalid</c>…) stays an error.
    /// </summary>
    public static Validation<ApiError, RpcCall<Seq<RejectedEntry>>> RecordBatchReportingRejections(
        ResourceId resource,
        Seq<(long Timestamp, PointValue Value)> entries
    ) =>
        (ResourceId.Require("resource", resource), Entries(entries)).Apply(
            (r, es) =>
                RpcCall.Create(
                    "recordbatch",
                    w => WriteRecordBatch(w, r, es),
                    answer =>
                        answer.IsOk
                            ? Right<ApiError, Seq<RejectedEntry>>(Seq<RejectedEntry>())
                            : RecordBatchRejections
                                .FromStatus(answer.Status)
                                .ToEither(answer.ToError)
                )
        );

    /// <summary><see cref="RecordBatchReportingRejections(ResourceId, Seq{ValueTuple{long, PointValue}})"/> with points at the given times (whole seconds).</summary>
    public static Validation<ApiError, RpcCall<Seq<RejectedEntry>>> RecordBatchReportingRejections(
        ResourceId resource,
        Seq<(DateTimeOffset Time, PointValue Value)> entries
    ) => RecordBatchReportingRejections(resource, ToUnix(entries));

    /// <summary>
    /// <c>flush [R]</c> (no bounds: every point) or <c>flush [R, {newerthan?, olderthan?}]</c>: deletes points. Both
    /// bounds are strict. No result; <c>invalid</c> for bad timestamps, <c>restricted</c> when not the owner.
    /// </summary>
    public static Validation<ApiError, RpcCall<Unit>> Flush(
        ResourceId resource,
        FlushOptions options
    ) =>
        (
            ResourceId.Require("resource", resource),
            ArgumentChecks.Required("options", options, o => o.Validate())
        ).Apply(
            (r, o) =>
                RpcCall.NoResult(
                    "flush",
                    w =>
                    {
                        r.WriteTo(w);
                        if (!o.IsUnbounded)
                            o.WriteTo(w);
                    }
                )
        );

    /// <summary>
    /// <c>wait [R, {timeout?, since?}]</c>: a long poll for the next point written to the resource. Result: the
    /// point, or None when the server's timeout passed first (status <c>expire</c>); other statuses are errors.
    /// </summary>
    public static Validation<ApiError, RpcCall<Option<Point>>> Wait(
        ResourceId resource,
        WaitOptions options
    ) =>
        (
            ResourceId.Require("resource", resource),
            ArgumentChecks.Required("options", options, o => o.Validate())
        ).Apply(
            (r, o) =>
                RpcCall.Create(
                    "wait",
                    w =>
                    {
                        r.WriteTo(w);
                        o.WriteTo(w);
                    },
                    answer =>
                        answer.StatusText == Some("expire")
                            ? Right<ApiError, Option<Point>>(None)
                            : answer
                                .RequireResult()
                                .Bind(result =>
                                    Point
                                        .FromJson(result)
                                        .ToEither(() =>
                                            answer.Malformed("a [timestamp, value] point", result)
                                        )
                                        .Map(Some)
                                ),
                    readOnly: true
                )
        );

    private static string Entry(int index, string member) =>
        $"entries[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}].{member}";

    private static Validation<ApiError, Seq<(long Timestamp, PointValue Value)>> Entries(
        Seq<(long Timestamp, PointValue Value)> entries
    ) =>
        (
            ArgumentChecks.NonEmpty("entries", entries),
            ArgumentChecks.Each(
                entries,
                (e, i) =>
                    ArgumentChecks
                        .Value(Entry(i, "value"), e.Value)
                        .Map(v => (e.Timestamp, Value: v))
            )
        ).Apply((_, es) => es);

    private static Seq<(long Timestamp, PointValue Value)> ToUnix(
        Seq<(DateTimeOffset Time, PointValue Value)> entries
    ) => entries.Map(e => (e.Time.ToUnixTimeSeconds(), e.Value));

    private static void WriteEntries(
        Utf8JsonWriter w,
        Seq<(long Timestamp, PointValue Value)> entries
    )
    {
        w.WriteStartArray();
        foreach (var (ts, v) in entries)
        {
            w.WriteStartArray();
            w.WriteNumberValue(ts);
            v.WriteTo(w);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void WriteRecordBatch(
        Utf8JsonWriter w,
        ResourceId resource,
        Seq<(long Timestamp, PointValue Value)> entries
    )
    {
        resource.WriteTo(w);
        WriteEntries(w, entries);
    }
}
