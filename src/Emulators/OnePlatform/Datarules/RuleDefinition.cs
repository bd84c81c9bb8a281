using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>The rule families of a datarule description (§2.5).</summary>
internal enum RuleKind
{
    Simple,
    Timeout,
    Interval,
    Duration,
    Count,
    Script,
}

/// <summary>A validated datarule <c>rule</c> object.</summary>
internal sealed record RuleDefinition(
    RuleKind Kind,
    string Comparison,
    double Constant,
    double Timeout,
    long Count,
    bool Repeat
)
{
    private static readonly Dictionary<string, RuleKind> Kinds = new(StringComparer.Ordinal)
    {
        ["simple"] = RuleKind.Simple,
        ["timeout"] = RuleKind.Timeout,
        ["interval"] = RuleKind.Interval,
        ["duration"] = RuleKind.Duration,
        ["count"] = RuleKind.Count,
        ["script"] = RuleKind.Script,
    };

    /// <summary>
    /// Validates a rule object and returns it with <c>repeat</c> filled (default false); unknown keys inside the
    /// rule body are kept. Null when the rule is malformed.
    /// </summary>
    public static JsonObject? Normalize(JsonNode? rule)
    {
        if (rule is not JsonObject obj || obj.Count != 1)
        {
            return null;
        }
        var (name, body) = obj.First();
        if (!Kinds.TryGetValue(name, out var kind))
        {
            return null;
        }
        if (kind == RuleKind.Script)
        {
            return JsonArgs.TryString(body, out var source)
                ? new JsonObject { ["script"] = source }
                : null;
        }
        if (body is not JsonObject fields)
        {
            return null;
        }
        var output = new JsonObject();
        var needsComparison = kind is not RuleKind.Timeout;
        var needsTimeout = kind is not RuleKind.Simple;
        if (needsComparison)
        {
            if (
                !JsonArgs.TryString(fields["comparison"], out var comparison)
                || !Comparisons.Names.Contains(comparison)
            )
            {
                return null;
            }
            if (!JsonArgs.TryDouble(fields["constant"], out _))
            {
                return null;
            }
            output["comparison"] = comparison;
            output["constant"] = fields["constant"]!.DeepClone();
        }
        if (kind == RuleKind.Count)
        {
            if (!JsonArgs.TryLong(fields["count"], out var count) || count < 1)
            {
                return null;
            }
            output["count"] = count;
        }
        if (needsTimeout)
        {
            if (!JsonArgs.TryDouble(fields["timeout"], out var timeout) || timeout <= 0)
            {
                return null;
            }
            output["timeout"] = fields["timeout"]!.DeepClone();
        }
        var repeat = false;
        if (fields["repeat"] is not null && !JsonArgs.TryBool(fields["repeat"], out repeat))
        {
            return null;
        }
        output["repeat"] = repeat;
        foreach (var (key, value) in fields)
        {
            if (!output.ContainsKey(key))
            {
                output[key] = value?.DeepClone();
            }
        }
        return new JsonObject { [name] = output };
    }

    /// <summary>Reads a normalized rule (as stored in a description).</summary>
    public static RuleDefinition? Parse(JsonNode? rule)
    {
        if (rule is not JsonObject obj || obj.Count != 1)
        {
            return null;
        }
        var (name, body) = obj.First();
        if (!Kinds.TryGetValue(name, out var kind))
        {
            return null;
        }
        if (kind == RuleKind.Script)
        {
            return new RuleDefinition(kind, "", 0, 0, 0, false);
        }
        var fields = body as JsonObject ?? [];
        JsonArgs.TryString(fields["comparison"], out var comparison);
        JsonArgs.TryDouble(fields["constant"], out var constant);
        JsonArgs.TryDouble(fields["timeout"], out var timeout);
        JsonArgs.TryLong(fields["count"], out var count);
        JsonArgs.TryBool(fields["repeat"], out var repeat);
        return new RuleDefinition(kind, comparison, constant, timeout, count, repeat);
    }

    /// <summary>The timeout in whole seconds (at least 1), as the clock is second-resolution.</summary>
    public long TimeoutSeconds => Math.Max(1, (long)Math.Ceiling(Timeout));
}
