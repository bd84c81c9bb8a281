using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>The time-series procedures besides read and write: writegroup, record, recordbatch, flush and wait.</summary>
public sealed partial class OnePlatformClient
{
    /// <summary><c>writegroup</c>: writes several resources at once; every point gets the same server timestamp.</summary>
    public Task WriteGroupAsync(
        Auth auth,
        IEnumerable<(ResourceId Resource, PointValue Value)> entries,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        return CallAsync(auth, TimeSeries.WriteGroup(toSeq(entries.ToArray())), cancellationToken);
    }

    /// <summary>
    /// <c>record</c> (deprecated; prefer <see cref="RecordBatchAsync(Auth, ResourceId, IEnumerable{ValueTuple{long, PointValue}}, CancellationToken)"/>):
    /// stores points at Unix timestamps; a negative timestamp means that many seconds before the server's now.
    /// </summary>
    public Task RecordAsync(
        Auth auth,
        ResourceId resource,
        IEnumerable<(long Timestamp, PointValue Value)> entries,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        return CallAsync(
            auth,
            TimeSeries.Record(resource, toSeq(entries.ToArray())),
            cancellationToken
        );
    }

    /// <summary><c>record</c> (deprecated) with points at the given times (whole seconds).</summary>
    public Task RecordAsync(
        Auth auth,
        ResourceId resource,
        IEnumerable<(DateTimeOffset Time, PointValue Value)> entries,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        return CallAsync(
            auth,
            TimeSeries.Record(resource, toSeq(entries.ToArray())),
            cancellationToken
        );
    }

    /// <summary>
    /// <c>recordbatch</c>: stores points at Unix timestamps (negative = seconds before now). Returns the entries the
    /// server refused (empty when all were stored); a partial refusal is not thrown. Other failure statuses
    /// (<c>restricted</c>, <c>invalid</c>…) throw <see cref="OnePlatformCallException"/>.
    /// </summary>
    public async Task<IReadOnlyList<RejectedEntry>> RecordBatchAsync(
        Auth auth,
        ResourceId resource,
        IEnumerable<(long Timestamp, PointValue Value)> entries,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rejected = await CallAsync(
                auth,
                TimeSeries.RecordBatchReportingRejections(resource, toSeq(entries.ToArray())),
                cancellationToken
            )
            .ConfigureAwait(false);
        return rejected.ToArray();
    }

    /// <summary><c>recordbatch</c> with points at the given times (whole seconds). Returns the refused entries.</summary>
    public async Task<IReadOnlyList<RejectedEntry>> RecordBatchAsync(
        Auth auth,
        ResourceId resource,
        IEnumerable<(DateTimeOffset Time, PointValue Value)> entries,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rejected = await CallAsync(
                auth,
                TimeSeries.RecordBatchReportingRejections(resource, toSeq(entries.ToArray())),
                cancellationToken
            )
            .ConfigureAwait(false);
        return rejected.ToArray();
    }

    /// <summary>
    /// <c>flush</c>: deletes the points of <paramref name="resource"/> strictly inside the bounds of
    /// <paramref name="options"/> (default: every point).
    /// </summary>
    public Task FlushAsync(
        Auth auth,
        ResourceId resource,
        FlushOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(auth, TimeSeries.Flush(resource, options ?? FlushOptions.All), cancellationToken);

    /// <summary>
    /// <c>wait</c>: a long poll for the next point written to <paramref name="resource"/> (default options: the
    /// server's 30 s timeout). Returns the point, or null when the timeout passed first (status <c>expire</c>).
    /// The request is allowed up to 330 s regardless of <see cref="OnePlatformClientOptions.Timeout"/>, but the
    /// <see cref="HttpClient.Timeout"/> of the client you pass in still applies (100 s by default): for waits
    /// longer than that, give this client an <see cref="HttpClient"/> whose timeout is
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public async Task<Point?> WaitAsync(
        Auth auth,
        ResourceId resource,
        WaitOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        var point = await CallAsync(
                auth,
                TimeSeries.Wait(resource, options ?? WaitOptions.Default),
                cancellationToken
            )
            .ConfigureAwait(false);
        return point.IsSome ? (Point)point : null;
    }
}
