using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Options of <c>wait</c>, a long poll for the next point. Unset keys are not sent and the server's defaults
/// apply: a timeout of <see cref="DefaultTimeoutMilliseconds"/> ms, and the first point written after the call
/// arrives.
/// </summary>
/// <param name="Timeout">How long the server holds the call before answering <c>expire</c>, in milliseconds (0 to <see cref="MaxTimeoutMilliseconds"/>).</param>
/// <param name="Since">Wait for the first point with a timestamp after this (Unix seconds).</param>
public sealed record WaitOptions(Option<long> Timeout, Option<long> Since)
{
    /// <summary>The server's timeout when none is sent, in milliseconds.</summary>
    public const long DefaultTimeoutMilliseconds = 30_000;

    /// <summary>The longest timeout the server accepts, in milliseconds (five minutes).</summary>
    public const long MaxTimeoutMilliseconds = 300_000;

    /// <summary><c>{}</c>: the server's defaults.</summary>
    public static WaitOptions Default { get; } = new(None, None);

    /// <summary>A copy with the given timeout in milliseconds.</summary>
    public WaitOptions WithTimeout(long milliseconds) => this with { Timeout = milliseconds };

    /// <summary>A copy with the given timeout (rounded up to whole milliseconds).</summary>
    public WaitOptions WithTimeout(TimeSpan timeout) =>
        this with
        {
            Timeout = SharesAndKeys.CeilingDiv(timeout.Ticks, TimeSpan.TicksPerMillisecond),
        };

    /// <summary>A copy that waits for a point after <paramref name="since"/> (Unix seconds).</summary>
    public WaitOptions WithSince(long since) => this with { Since = since };

    /// <summary>A copy that waits for a point after <paramref name="since"/> (whole seconds).</summary>
    public WaitOptions WithSince(DateTimeOffset since) =>
        this with
        {
            Since = since.ToUnixTimeSeconds(),
        };

    /// <summary>Checks every option at once.</summary>
    public Validation<ApiError, WaitOptions> Validate(string field = "options") =>
        (
            Timeout.Exists(t => t is < 0 or > MaxTimeoutMilliseconds)
                ? Fail<ApiError, Unit>(
                    new ApiError.InvalidArgument(
                        $"{field}.timeout",
                        $"must be between 0 and {MaxTimeoutMilliseconds} milliseconds"
                    )
                )
                : Success<ApiError, Unit>(unit),
            Since.Exists(s => s < 0)
                ? Fail<ApiError, Unit>(
                    new ApiError.InvalidArgument($"{field}.since", "must not be negative")
                )
                : Success<ApiError, Unit>(unit)
        ).Apply((_, _) => this);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        Timeout.IfSome(v => w.WriteNumber("timeout"u8, v));
        Since.IfSome(v => w.WriteNumber("since"u8, v));
        w.WriteEndObject();
    }
}
