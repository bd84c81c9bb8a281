using System.Collections.Concurrent;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;

namespace Functional.Tests.Soak;

/// <summary>What a worker knows about one write after the client returned.</summary>
internal enum Outcome
{
    /// <summary>The client returned success: the write must be stored, exactly as written.</summary>
    Acknowledged,

    /// <summary>The answer was lost, late or mangled: the write may or may not be stored.</summary>
    Unknown,

    /// <summary>The client says it definitely did not apply (5xx before processing, not sent): it must be absent.</summary>
    Failed,
}

/// <summary>How a client error is booked, and under which name it is counted in the summary.</summary>
/// <param name="Outcome">The ledger's verdict.</param>
/// <param name="Kind">A short name (<c>reset</c>, <c>503</c>, <c>mangled</c>...).</param>
/// <param name="Expected">False for an error no injected fault explains (the soak fails on those).</param>
internal sealed record Verdict(Outcome Outcome, string Kind, bool Expected);

/// <summary>Classifies errors and counts what happened; shared by every worker (thread-safe).</summary>
internal sealed class SoakCounters
{
    private readonly ConcurrentDictionary<string, long> errorKinds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> unexpected = new();
    private long acknowledged;
    private long unknown;
    private long failed;
    private long reads;
    private long readErrors;
    private long operations;

    public long Acknowledged => Interlocked.Read(ref acknowledged);
    public long Unknown => Interlocked.Read(ref unknown);
    public long Failed => Interlocked.Read(ref failed);
    public long Reads => Interlocked.Read(ref reads);
    public long ReadErrors => Interlocked.Read(ref readErrors);
    public long Operations => Interlocked.Read(ref operations);
    public IReadOnlyList<string> Unexpected => [.. unexpected];
    public IReadOnlyDictionary<string, long> ErrorKinds => errorKinds;

    /// <summary>Counts one worker operation (a write op, a read op or a batch).</summary>
    public void Operation() => Interlocked.Increment(ref operations);

    /// <summary>Books one write (one ledger entry; a batch books each call).</summary>
    public void Write(Outcome outcome)
    {
        switch (outcome)
        {
            case Outcome.Acknowledged:
                Interlocked.Increment(ref acknowledged);
                break;
            case Outcome.Unknown:
                Interlocked.Increment(ref unknown);
                break;
            default:
                Interlocked.Increment(ref failed);
                break;
        }
    }

    /// <summary>Books a read: success, or an error that must be one the faults explain.</summary>
    public void Read(ApiError? error, string what)
    {
        Interlocked.Increment(ref reads);
        if (error is null)
        {
            return;
        }
        Interlocked.Increment(ref readErrors);
        Classify(error, what);
    }

    /// <summary>The verdict for a write's error; counts its kind and remembers unexpected ones.</summary>
    public Verdict Classify(ApiError error, string what)
    {
        var verdict = Judge(error);
        errorKinds.AddOrUpdate(verdict.Kind, 1, (_, n) => n + 1);
        if (!verdict.Expected && unexpected.Count < 20)
        {
            unexpected.Enqueue($"{what}: {error}");
        }
        return verdict;
    }

    /// <summary>The typed error behind an exception thrown by a facade client.</summary>
    public static ApiError ErrorOf(Exception exception) =>
        exception switch
        {
            OnePlatformException e => e.Error,
            SisException e => e.ApiError,
            _ => exception.Data[OnePlatformErrors.ApiErrorKey] as ApiError
                ?? throw new InvalidOperationException(
                    "an exception without a typed error escaped a client",
                    exception
                ),
        };

    /// <summary>
    /// The booking rules. Unknown: the documented unknown outcomes (<see cref="ApiError.OutcomeIsUnknown"/>) and an
    /// answer that arrived but could not be parsed (a truncated body was processed first). Failed: an answer
    /// (503) given before processing, or a call that was never sent.
    /// </summary>
    private static Verdict Judge(ApiError error) =>
        error switch
        {
            ApiError.Transport { RequestMayHaveBeenProcessed: true } => new(
                Outcome.Unknown,
                "reset",
                true
            ),
            ApiError.Timeout => new(Outcome.Unknown, "timeout", true),
            ApiError.RpcNoAnswer => new(Outcome.Unknown, "no-answer", true),
            // Not flagged OutcomeIsUnknown by Core, yet the server processed the request: see the soak's report.
            ApiError.MalformedResponse => new(Outcome.Unknown, "mangled", true),
            ApiError.Sis { Detail.HttpStatus: < 300 } => new(Outcome.Unknown, "mangled", true),
            ApiError.HttpStatus { Status: 503 } => new(Outcome.Failed, "503", true),
            ApiError.Sis { Detail.HttpStatus: 503 } => new(Outcome.Failed, "503", true),
            ApiError.RpcNotSent => new(Outcome.Failed, "not-sent", true),
            ApiError.Transport { RequestMayHaveBeenProcessed: false } => new(
                Outcome.Failed,
                "not-sent",
                true
            ),
            _ => new(Outcome.Unknown, "unexpected:" + error.GetType().Name, false),
        };
}
