namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>Mutable evaluation state of one datarule (persisted with the state file).</summary>
internal sealed class RuleState
{
    /// <summary>The last value the rule wrote (0 or 1), if any.</summary>
    public int? LastOutput { get; set; }

    /// <summary>Timestamp of the last input point.</summary>
    public long? LastInput { get; set; }

    /// <summary>Start of the current run of inputs that meet the comparison (interval, duration).</summary>
    public long? RunStart { get; set; }

    /// <summary>Timestamp of the last timer-driven output (timeout, duration).</summary>
    public long? LastFire { get; set; }

    /// <summary>Timestamps of inputs meeting the comparison inside the sliding window (count).</summary>
    public List<long> Window { get; } = [];
}
