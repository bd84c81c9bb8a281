using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Options of <c>flush</c>: which points to delete. Both bounds are <b>strict</b> (a point at exactly
/// <see cref="NewerThan"/> or <see cref="OlderThan"/> is kept); with both, only points strictly between them are
/// deleted; with neither (<see cref="All"/>), every point is deleted and the call is sent as <c>[R]</c>.
/// </summary>
/// <param name="NewerThan">Delete points with a timestamp greater than this (Unix seconds).</param>
/// <param name="OlderThan">Delete points with a timestamp less than this (Unix seconds).</param>
public sealed record FlushOptions(Option<long> NewerThan, Option<long> OlderThan)
{
    /// <summary>No bounds: delete every point.</summary>
    public static FlushOptions All { get; } = new(None, None);

    /// <summary>True when neither bound is set (the call is sent without an options object).</summary>
    public bool IsUnbounded => NewerThan.IsNone && OlderThan.IsNone;

    /// <summary>A copy that deletes only points newer than <paramref name="newerThan"/> (Unix seconds, exclusive).</summary>
    public FlushOptions WithNewerThan(long newerThan) => this with { NewerThan = newerThan };

    /// <summary>A copy that deletes only points newer than <paramref name="newerThan"/> (whole seconds, exclusive).</summary>
    public FlushOptions WithNewerThan(DateTimeOffset newerThan) =>
        this with
        {
            NewerThan = newerThan.ToUnixTimeSeconds(),
        };

    /// <summary>A copy that deletes only points older than <paramref name="olderThan"/> (Unix seconds, exclusive).</summary>
    public FlushOptions WithOlderThan(long olderThan) => this with { OlderThan = olderThan };

    /// <summary>A copy that deletes only points older than <paramref name="olderThan"/> (whole seconds, exclusive).</summary>
    public FlushOptions WithOlderThan(DateTimeOffset olderThan) =>
        this with
        {
            OlderThan = olderThan.ToUnixTimeSeconds(),
        };

    /// <summary>Checks every option at once: both bounds are timestamps and must not be negative.</summary>
    public Validation<ApiError, FlushOptions> Validate(string field = "options") =>
        (
            NonNegative($"{field}.newerthan", NewerThan),
            NonNegative($"{field}.olderthan", OlderThan)
        ).Apply((_, _) => this);

    private static Validation<ApiError, Unit> NonNegative(string field, Option<long> value) =>
        value.Exists(v => v < 0)
            ? Fail<ApiError, Unit>(new ApiError.InvalidArgument(field, "must not be negative"))
            : Success<ApiError, Unit>(unit);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        NewerThan.IfSome(v => w.WriteNumber("newerthan"u8, v));
        OlderThan.IfSome(v => w.WriteNumber("olderthan"u8, v));
        w.WriteEndObject();
    }
}
