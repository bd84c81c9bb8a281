using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>
/// Evaluates datarules. The spec names the rule families but not their exact semantics; the emulator uses these
/// (all outputs are 1/0 written to the rule's own series, converted to its format):
/// <list type="bullet">
/// <item><c>simple</c>: each input writes 1 if <c>value comparison constant</c> holds, else 0.</item>
/// <item><c>timeout</c>: an input writes 0; when <c>timeout</c> seconds pass with no input, 1 is written at
/// last-input + timeout (with <c>repeat</c>, again every further timeout).</item>
/// <item><c>interval</c>: each input writes 1 if the comparison has held for every input since at least
/// <c>timeout</c> seconds ago, else 0 (evaluated only when data arrives).</item>
/// <item><c>duration</c>: like interval, but also clock-driven: once the comparison has held for
/// <c>timeout</c> seconds, 1 is written at run-start + timeout even without new data.</item>
/// <item><c>count</c>: each input writes 1 if at least <c>count</c> inputs meeting the comparison arrived within the
/// last <c>timeout</c> seconds, else 0.</item>
/// <item><c>script</c>: stored but never run (no Lua engine) — it never produces values.</item>
/// </list>
/// Without <c>repeat</c> an output is written only when it differs from the previous one. Clock-driven rules are
/// evaluated by <see cref="Tick"/>, which runs before every request and on a one-second timer of the emulator's
/// <see cref="TimeProvider"/>, so results depend only on the clock, never on when the evaluation happens.
/// </summary>
internal static class RuleEngine
{
    private const int MaxFiresPerTick = 10_000;

    public static void OnInput(
        ResourceTree tree,
        Resource rule,
        long timestamp,
        DataValue input,
        long now,
        int depth
    )
    {
        if (
            RuleDefinition.Parse(rule.Description["rule"]) is not { } definition
            || definition.Kind == RuleKind.Script
        )
        {
            return;
        }
        var state = rule.Rule;
        state.LastInput = timestamp;
        tree.Dirty = true;
        var meets =
            input.TryNumber(out var x)
            && Comparisons.Holds(definition.Comparison, x, definition.Constant);
        var timeout = definition.TimeoutSeconds;
        switch (definition.Kind)
        {
            case RuleKind.Simple:
                Emit(tree, rule, definition, meets ? 1 : 0, timestamp, now, depth);
                break;
            case RuleKind.Timeout:
                state.LastFire = null;
                Emit(tree, rule, definition, 0, timestamp, now, depth);
                break;
            case RuleKind.Interval:
                state.RunStart = meets ? state.RunStart ?? timestamp : null;
                Emit(
                    tree,
                    rule,
                    definition,
                    meets && timestamp - state.RunStart >= timeout ? 1 : 0,
                    timestamp,
                    now,
                    depth
                );
                break;
            case RuleKind.Duration:
                if (!meets)
                {
                    state.RunStart = null;
                    state.LastFire = null;
                    Emit(tree, rule, definition, 0, timestamp, now, depth);
                }
                else
                {
                    state.RunStart ??= timestamp;
                    var held = timestamp - state.RunStart >= timeout;
                    if (held)
                    {
                        state.LastFire = timestamp;
                    }
                    Emit(tree, rule, definition, held ? 1 : 0, timestamp, now, depth);
                }
                break;
            case RuleKind.Count:
                if (meets)
                {
                    state.Window.Add(timestamp);
                }
                state.Window.RemoveAll(t => t <= timestamp - timeout);
                Emit(
                    tree,
                    rule,
                    definition,
                    state.Window.Count >= definition.Count ? 1 : 0,
                    timestamp,
                    now,
                    depth
                );
                break;
            default:
                break;
        }
    }

    /// <summary>Fires clock-driven rules (timeout, duration) whose deadline is at or before <paramref name="now"/>.</summary>
    public static void Tick(ResourceTree tree, long now)
    {
        foreach (
            var rule in tree
                .All.Where(r => r.Kind == ResourceKind.Datarule && r.Subscribe is not null)
                .ToList()
        )
        {
            if (RuleDefinition.Parse(rule.Description["rule"]) is not { } definition)
            {
                continue;
            }
            var state = rule.Rule;
            var timeout = definition.TimeoutSeconds;
            long? next = definition.Kind switch
            {
                RuleKind.Timeout => (state.LastFire ?? state.LastInput ?? rule.Created) + timeout,
                RuleKind.Duration when state.RunStart is long start => (state.LastFire ?? start)
                    + timeout,
                _ => null,
            };
            if (next is not long due || (!definition.Repeat && state.LastFire is not null))
            {
                continue;
            }
            for (var fired = 0; due <= now; fired++)
            {
                if (fired == MaxFiresPerTick)
                {
                    due += (now - due) / timeout * timeout;
                }
                state.LastFire = due;
                Emit(tree, rule, definition, 1, due, now, 0);
                if (!definition.Repeat)
                {
                    break;
                }
                due += timeout;
            }
        }
    }

    private static void Emit(
        ResourceTree tree,
        Resource rule,
        RuleDefinition definition,
        int output,
        long timestamp,
        long now,
        int depth
    )
    {
        if (!definition.Repeat && rule.Rule.LastOutput == output)
        {
            return;
        }
        rule.Rule.LastOutput = output;
        tree.Dirty = true;
        if (ValueCoercion.TryConvert(DataValue.OfInteger(output), rule.Format, out var value))
        {
            DataFlow.Store(tree, rule, timestamp, value, now, depth);
        }
    }
}
