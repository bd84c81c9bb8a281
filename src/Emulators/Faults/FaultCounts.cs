namespace Functional.Emulators.Faults;

/// <summary>A snapshot of what an emulator's fault injection has done since it started.</summary>
public sealed class FaultCounts
{
    private readonly long[] byKind;
    private readonly long[] byRule;

    internal FaultCounts(long requests, long[] byKind, long[] byRule)
    {
        Requests = requests;
        this.byKind = byKind;
        this.byRule = byRule;
    }

    /// <summary>Requests the fault injection saw (all of them, faulted or not); 0 when no rule is configured.</summary>
    public long Requests { get; }

    /// <summary>Faults injected, of every kind (a request with a latency and a reset counts twice).</summary>
    public long Total => byKind.Sum();

    /// <summary>Faults injected per rule, in the order of <see cref="FaultOptions.Rules"/>.</summary>
    public IReadOnlyList<long> ByRule => byRule;

    /// <summary>Faults of <paramref name="kind"/> injected.</summary>
    public long Of(FaultKind kind) =>
        (int)kind >= 0 && (int)kind < byKind.Length ? byKind[(int)kind] : 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Total} faults in {Requests} requests ("
        + string.Join(
            ", ",
            Enum.GetValues<FaultKind>().Where(k => Of(k) > 0).Select(k => $"{k} {Of(k)}")
        )
        + ")";
}
