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
            (r, o) =>
                RpcCall.Create(
                    "read",
                    w =>
                    {
                        r.WriteTo(w);
                        o.WriteTo(w);
                    },
                    answer =>
                        answer
                            .RequireResult()
                            .Bind(result =>
                                Point
                                    .ListFromJson(result)
                                    .ToEither(() =>
                                        answer.Malformed(
                                            "a list of [timestamp, value] points",
                                            result
                                        )
                                    )
                            ),
                    readOnly: true
                )
        );

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
                : value.Validate("value")
        ).Apply(
            (r, v) =>
                RpcCall.NoResult(
                    "write",
                    w =>
                    {
                        r.WriteTo(w);
                        v.WriteTo(w);
                        if (form == ArgumentForm.Pyonep)
                        {
                            w.WriteStartObject();
                            w.WriteEndObject();
                        }
                    }
                )
        );
}
