using Functional.Facade.OnePlatform;

namespace Functional.Tests.Soak;

/// <summary>A dataport creation as the worker saw it.</summary>
internal sealed record DataportCreate(string Name, Outcome Outcome, string? Rid);

/// <summary>One <c>record</c> call (alone or in a chunked batch): its points (timestamps unique across the soak).</summary>
internal sealed record PointWrite(string Rid, (long Ts, long Value)[] Points, Outcome Outcome);

/// <summary>
/// One One Platform worker: creates dataports, records points with unique timestamps (single calls and chunked
/// batches), reads, asks info and listing; keeps a ledger of every write and checks read-your-writes as it goes.
/// </summary>
internal sealed class OnePlatformWorker(
    int index,
    OnePlatformClient client,
    Auth root,
    SoakCounters counters
)
{
    private readonly Random random = new(1000 + index);
    private readonly List<string> rids = [];
    private readonly Dictionary<string, long> newestAcknowledged = new(StringComparer.Ordinal);
    private long nextTimestamp = 1_600_000_000L + (index * 10_000_000L);

    public List<DataportCreate> Creates { get; } = [];

    public List<PointWrite> Writes { get; } = [];

    /// <summary>Read-your-writes violations seen during the run.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>The first and last timestamp this worker can use (for the final read window).</summary>
    public (long First, long Last) Window =>
        (1_600_000_000L + (index * 10_000_000L), nextTimestamp);

    public async Task RunAsync(Func<bool> keepGoing, int maxOperations, CancellationToken ct)
    {
        for (var n = 0; n < maxOperations && keepGoing(); n++)
        {
            counters.Operation();
            var roll = random.Next(100);
            if (rids.Count < 2 || roll < 5)
            {
                await CreateAsync(ct);
            }
            else if (roll < 40)
            {
                await RecordAsync(ct);
            }
            else if (roll < 65)
            {
                await BatchAsync(ct);
            }
            else if (roll < 85)
            {
                await ReadAsync(ct);
            }
            else
            {
                await InfoOrListingAsync(roll, ct);
            }
        }
    }

    private async Task CreateAsync(CancellationToken ct)
    {
        var name = $"soak-w{index}-d{Creates.Count}";
        var result = await client.TryCallAsync(
            root,
            Resources.Create(
                ResourceId.Self,
                DataportDescription.Of(DataFormat.Integer).WithName(name)
            ),
            ct
        );
        var (rid, error) = Split(result);
        var outcome = error is null
            ? Outcome.Acknowledged
            : counters.Classify(error, "create").Outcome;
        counters.Write(outcome);
        Creates.Add(new DataportCreate(name, outcome, rid));
        if (rid is not null)
        {
            rids.Add(rid);
        }
    }

    private (long Ts, long Value)[] NextPoints(int count)
    {
        var points = new (long, long)[count];
        for (var i = 0; i < count; i++)
        {
            var ts = nextTimestamp++;
            points[i] = (ts, (ts % 1_000_000L * 100L) + index);
        }
        return points;
    }

    private static Validation<ApiError, RpcCall<Unit>> Record(
        string rid,
        (long Ts, long Value)[] points
    ) =>
        TimeSeries.Record(
            ResourceId.Rid(rid),
            toSeq(points.Select(p => (p.Ts, PointValue.Of(p.Value))))
        );

    private void Book(string rid, (long Ts, long Value)[] points, Outcome outcome)
    {
        counters.Write(outcome);
        Writes.Add(new PointWrite(rid, points, outcome));
        if (outcome == Outcome.Acknowledged)
        {
            newestAcknowledged[rid] = Math.Max(
                newestAcknowledged.GetValueOrDefault(rid),
                points.Max(p => p.Ts)
            );
        }
    }

    private async Task RecordAsync(CancellationToken ct)
    {
        var rid = rids[random.Next(rids.Count)];
        var points = NextPoints(1 + random.Next(4));
        var result = await client.TryCallAsync(root, Record(rid, points), ct);
        var (_, error) = Split(result);
        Book(
            rid,
            points,
            error is null ? Outcome.Acknowledged : counters.Classify(error, "record").Outcome
        );
    }

    /// <summary>4 to 7 <c>record</c> calls in one batch; the client splits it into chunks of 3 calls.</summary>
    private async Task BatchAsync(CancellationToken ct)
    {
        var calls = Enumerable
            .Range(0, 4 + random.Next(4))
            .Select(_ =>
                (Rid: rids[random.Next(rids.Count)], Points: NextPoints(1 + random.Next(3)))
            )
            .ToArray();
        try
        {
            var results = await client.SendBatchAsync(
                root,
                toSeq(calls.Select(c => Record(c.Rid, c.Points))),
                ct
            );
            if (results.Count != calls.Length)
            {
                Violations.Add($"a batch of {calls.Length} calls gave {results.Count} results");
            }
            foreach (var (call, result) in calls.Zip(results))
            {
                var (_, error) = Split(result.Outcome);
                Book(
                    call.Rid,
                    call.Points,
                    error is null
                        ? Outcome.Acknowledged
                        : counters.Classify(error, "batch record").Outcome
                );
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var verdict = counters.Classify(SoakCounters.ErrorOf(ex), "batch");
            foreach (var call in calls)
            {
                Book(call.Rid, call.Points, verdict.Outcome);
            }
        }
    }

    /// <summary>The newest point of a dataport: never older than the newest acknowledged one (the worker owns it).</summary>
    private async Task ReadAsync(CancellationToken ct)
    {
        var rid = rids[random.Next(rids.Count)];
        var result = await client.TryCallAsync(
            root,
            TimeSeries.Read(ResourceId.Rid(rid), ReadOptions.Latest),
            ct
        );
        var (read, error) = Split(result);
        counters.Read(error, "read");
        if (read is { } points && newestAcknowledged.TryGetValue(rid, out var newest))
        {
            var latest = points.IsEmpty ? (long?)null : points.Head.Timestamp;
            if (latest is null || latest < newest)
            {
                Violations.Add(
                    $"read of {rid}: newest point {latest?.ToString() ?? "none"} older than the acknowledged {newest}"
                );
            }
        }
    }

    private async Task InfoOrListingAsync(int roll, CancellationToken ct)
    {
        if (roll % 2 == 0)
        {
            var result = await client.TryCallAsync(
                root,
                Resources.Info(ResourceId.Rid(rids[random.Next(rids.Count)]), InfoOptions.All),
                ct
            );
            counters.Read(Split(result).Error, "info");
        }
        else
        {
            var result = await client.TryCallAsync(
                root,
                Resources.Listing(
                    ResourceId.Self,
                    Seq1(ResourceType.Dataport),
                    ListingOptions.Default
                ),
                ct
            );
            counters.Read(Split(result).Error, "listing");
        }
    }

    private static (T? Value, ApiError? Error) Split<T>(Either<ApiError, T> result)
        where T : class => result.Match(v => (v, (ApiError?)null), e => ((T?)null, e));

    private static (Seq<Point>? Value, ApiError? Error) Split(
        Either<ApiError, Seq<Point>> result
    ) => result.Match(v => ((Seq<Point>?)v, (ApiError?)null), e => ((Seq<Point>?)null, e));

    private static (Unit? Value, ApiError? Error) Split(Either<ApiError, Unit> result) =>
        result.Match(v => ((Unit?)v, (ApiError?)null), e => ((Unit?)null, e));
}
