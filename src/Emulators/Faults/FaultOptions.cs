namespace Functional.Emulators.Faults;

/// <summary>
/// Fault injection for an emulator (off by default: no rules). For each request the rules are tried in order: each
/// rule whose route matches rolls its probability; every <see cref="Fault.Latency"/> that fires adds its delay and
/// the evaluation goes on; the first other fault that fires is injected and ends the evaluation. With a
/// <see cref="Seed"/> the rolls repeat from run to run (for the same order of requests).
/// </summary>
public sealed record FaultOptions
{
    /// <summary>No rules: nothing is injected.</summary>
    public static FaultOptions None { get; } = new();

    /// <summary>The rules, tried in order; empty (the default) injects nothing.</summary>
    public IReadOnlyList<FaultRule> Rules { get; init; } = [];

    /// <summary>Seed of the random rolls (repeatable runs); null = a random seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Options with the given rules.</summary>
    /// <param name="rules">The rules, in order.</param>
    public static FaultOptions Of(params FaultRule[] rules) =>
        new() { Rules = [.. rules ?? throw new ArgumentNullException(nameof(rules))] };

    /// <summary>A copy with the given seed.</summary>
    public FaultOptions WithSeed(int seed) => this with { Seed = seed };

    /// <summary>The first problem of these options (for <c>StartAsync</c>), or null.</summary>
    internal string? Problem()
    {
        if (Rules is null)
        {
            return "the fault rules must not be null";
        }
        for (var i = 0; i < Rules.Count; i++)
        {
            var problem = Rules[i] is null ? "is null" : Rules[i].Problem();
            if (problem is not null)
            {
                return $"fault rule {i + 1}: {problem}";
            }
        }
        return null;
    }
}
