using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>Batch methods for writegroup, record, recordbatch, flush and wait.</summary>
public sealed partial class OnePlatformBatch
{
    /// <summary>Adds <c>writegroup</c>.</summary>
    public OnePlatformBatch WriteGroup(IEnumerable<(ResourceId Resource, PointValue Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Add(TimeSeries.WriteGroup(toSeq(entries.ToArray())));
    }

    /// <summary>Adds <c>record</c> (deprecated procedure; negative timestamps are seconds before now).</summary>
    public OnePlatformBatch Record(
        ResourceId resource,
        IEnumerable<(long Timestamp, PointValue Value)> entries
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Add(TimeSeries.Record(resource, toSeq(entries.ToArray())));
    }

    /// <summary>
    /// Adds <c>recordbatch</c>. Its result is the <c>Seq</c> of <see cref="RejectedEntry"/> the server
    /// refused (empty when all were stored): a partial refusal is not a failed call.
    /// </summary>
    public OnePlatformBatch RecordBatch(
        ResourceId resource,
        IEnumerable<(long Timestamp, PointValue Value)> entries
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Add(TimeSeries.RecordBatchReportingRejections(resource, toSeq(entries.ToArray())));
    }

    /// <summary>Adds <c>flush</c> (default: every point).</summary>
    public OnePlatformBatch Flush(ResourceId resource, FlushOptions? options = null) =>
        Add(TimeSeries.Flush(resource, options ?? FlushOptions.All));

    /// <summary>
    /// Adds <c>wait</c> (the whole request then waits up to the long poll's timeout). Its result is an
    /// <c>Option</c> of <see cref="Point"/>: None when the wait expired.
    /// </summary>
    public OnePlatformBatch Wait(ResourceId resource, WaitOptions? options = null) =>
        Add(TimeSeries.Wait(resource, options ?? WaitOptions.Default));
}
