using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>The order of points in a read.</summary>
public enum SortOrder
{
    /// <summary>Newest first (the server's default).</summary>
    Descending,

    /// <summary>Oldest first.</summary>
    Ascending,
}

/// <summary>How a read samples the window.</summary>
public enum Selection
{
    /// <summary>Every point (the default).</summary>
    All,

    /// <summary>At most one point per equal sub-window of [start, end] (<c>limit</c> sub-windows).</summary>
    GivenWindow,

    /// <summary>Evenly sampled across the points in the window, up to <c>limit</c>.</summary>
    AutoWindow,
}

/// <summary>
/// Options of <c>read</c>. Every key is optional; unset keys are not sent and the server's defaults apply
/// (start 0, end now, descending, limit 1, selection all — so <see cref="Latest"/> reads the newest point).
/// The window [start, end] is inclusive; the limit is applied after sorting.
/// </summary>
/// <param name="StartTime">The window's first second (Unix time), inclusive.</param>
/// <param name="EndTime">The window's last second (Unix time), inclusive.</param>
/// <param name="Sort">The order.</param>
/// <param name="Limit">The most points to return.</param>
/// <param name="Selection">How to sample.</param>
public sealed record ReadOptions(
    Option<long> StartTime,
    Option<long> EndTime,
    Option<SortOrder> Sort,
    Option<long> Limit,
    Option<Selection> Selection
)
{
    /// <summary><c>{}</c>: the newest point.</summary>
    public static ReadOptions Latest { get; } = new(None, None, None, None, None);

    /// <summary>A copy with the given window start (Unix seconds).</summary>
    public ReadOptions WithStartTime(long startTime) => this with { StartTime = startTime };

    /// <summary>A copy with the given window end (Unix seconds).</summary>
    public ReadOptions WithEndTime(long endTime) => this with { EndTime = endTime };

    /// <summary>A copy with the given window.</summary>
    public ReadOptions WithWindow(DateTimeOffset start, DateTimeOffset end) =>
        this with
        {
            StartTime = start.ToUnixTimeSeconds(),
            EndTime = end.ToUnixTimeSeconds(),
        };

    /// <summary>A copy with the given order.</summary>
    public ReadOptions WithSort(SortOrder sort) => this with { Sort = sort };

    /// <summary>A copy with the given limit.</summary>
    public ReadOptions WithLimit(long limit) => this with { Limit = limit };

    /// <summary>A copy with the given selection.</summary>
    public ReadOptions WithSelection(Selection selection) => this with { Selection = selection };

    /// <summary>Checks every option at once.</summary>
    public Validation<ApiError, ReadOptions> Validate(string field = "options") =>
        IsValid ? Success<ApiError, ReadOptions>(this) : Problems(field);

    /// <summary>True when every option can be sent (what <see cref="Problems"/> would find nothing wrong with).</summary>
    private bool IsValid =>
        !(StartTime.IsSome && (long)StartTime < 0)
        && !(EndTime.IsSome && (long)EndTime < 0)
        && !(Limit.IsSome && (long)Limit < 0)
        && !(StartTime.IsSome && EndTime.IsSome && (long)EndTime < (long)StartTime)
        && !(Sort.IsSome && !Enum.IsDefined((SortOrder)Sort))
        && !(Selection.IsSome && !Enum.IsDefined((OnePlatform.Selection)Selection));

    private Validation<ApiError, ReadOptions> Problems(string field) =>
        (
            NonNegative($"{field}.starttime", StartTime),
            NonNegative($"{field}.endtime", EndTime),
            NonNegative($"{field}.limit", Limit),
            StartTime.IsSome && EndTime.IsSome && (long)EndTime < (long)StartTime
                ? Fail<ApiError, Unit>(
                    new ApiError.InvalidArgument($"{field}.endtime", "must not be before starttime")
                )
                : Success<ApiError, Unit>(unit),
            Defined($"{field}.sort", Sort),
            Defined($"{field}.selection", Selection)
        ).Apply((_, _, _, _, _, _) => this);

    private static Validation<ApiError, Unit> NonNegative(string field, Option<long> value) =>
        value.Exists(v => v < 0)
            ? Fail<ApiError, Unit>(new ApiError.InvalidArgument(field, "must not be negative"))
            : Success<ApiError, Unit>(unit);

    private static Validation<ApiError, Unit> Defined<E>(string field, Option<E> value)
        where E : struct, Enum =>
        value.Exists(v => !Enum.IsDefined(v))
            ? Fail<ApiError, Unit>(new ApiError.InvalidArgument(field, "is not a known value"))
            : Success<ApiError, Unit>(unit);

    internal void WriteTo(Utf8JsonWriter w)
    {
        // Plain tests rather than IfSome(lambda): no closure per option on this hot path (every read).
        w.WriteStartObject();
        if (StartTime.IsSome)
            w.WriteNumber("starttime"u8, (long)StartTime);
        if (EndTime.IsSome)
            w.WriteNumber("endtime"u8, (long)EndTime);
        if (Sort.IsSome)
            w.WriteString("sort"u8, (SortOrder)Sort == SortOrder.Ascending ? "asc" : "desc");
        if (Limit.IsSome)
            w.WriteNumber("limit"u8, (long)Limit);
        if (Selection.IsSome)
            w.WriteString(
                "selection"u8,
                (OnePlatform.Selection)Selection switch
                {
                    OnePlatform.Selection.GivenWindow => "givenwindow",
                    OnePlatform.Selection.AutoWindow => "autowindow",
                    _ => "all",
                }
            );
        w.WriteEndObject();
    }
}
