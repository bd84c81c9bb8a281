using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The <c>rule</c> of a datarule: one of <c>{"simple": …}</c>, <c>{"timeout": …}</c>, <c>{"interval": …}</c>,
/// <c>{"duration": …}</c>, <c>{"count": …}</c> or <c>{"script": "&lt;Lua source&gt;"}</c>. Times are in
/// seconds; <c>repeat</c> makes the rule fire on every match rather than only when its output changes.
/// </summary>
public abstract record DataruleRule
{
    private DataruleRule() { }

    /// <summary>The wire name of the rule (<c>simple</c>, <c>script</c>...).</summary>
    public abstract string Kind { get; }

    /// <summary>Checks the rule; errors name <c>field.kind.key</c>.</summary>
    public Validation<ApiError, DataruleRule> Validate(string field = "rule")
    {
        var f = $"{field}.{Kind}";
        return (
            this switch
            {
                Simple s => Compare(f, s.Comparison, s.Constant),
                Timeout t => ArgumentChecks.NonNegative($"{f}.timeout", t.Seconds),
                Interval i => CheckTimed(f, i.Comparison, i.Constant, None, i.Seconds),
                Duration d => CheckTimed(f, d.Comparison, d.Constant, None, d.Seconds),
                Count c => CheckTimed(f, c.Comparison, c.Constant, c.Times, c.Seconds),
                Script s => ArgumentChecks.NonEmpty(f, s.Source),
                _ => ArgumentChecks.Problem(field, "is required"),
            }
        ).Map(_ => this);
    }

    private static Validation<ApiError, Unit> Compare(
        string field,
        RuleComparison comparison,
        double constant
    ) =>
        (
            ArgumentChecks.Defined($"{field}.comparison", comparison),
            ArgumentChecks.Finite($"{field}.constant", constant)
        ).Apply((_, _) => unit);

    /// <summary>Checks the keys <see cref="WriteTimed"/> writes (interval, duration and count rules).</summary>
    private static Validation<ApiError, Unit> CheckTimed(
        string field,
        RuleComparison comparison,
        double constant,
        Option<long> count,
        long seconds
    ) =>
        (
            Compare(field, comparison, constant),
            count.Match(
                c => ArgumentChecks.NonNegative($"{field}.count", c),
                () => ArgumentChecks.Ok
            ),
            ArgumentChecks.NonNegative($"{field}.timeout", seconds)
        ).Apply((_, _, _) => unit);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WritePropertyName(Kind);
        WriteBody(w);
        w.WriteEndObject();
    }

    private protected abstract void WriteBody(Utf8JsonWriter w);

    private static string Name(RuleComparison c) => c.ToString().ToLowerInvariant();

    /// <summary><c>{"simple": {comparison, constant, repeat}}</c>: true while the value compares true.</summary>
    /// <param name="Comparison">The comparison.</param>
    /// <param name="Constant">The value to compare with.</param>
    /// <param name="Repeat">Fire on every matching value.</param>
    public sealed record Simple(RuleComparison Comparison, double Constant, bool Repeat = false)
        : DataruleRule
    {
        /// <inheritdoc />
        public override string Kind => "simple";

        private protected override void WriteBody(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("comparison"u8, Name(Comparison));
            w.WriteNumber("constant"u8, Constant);
            w.WriteBoolean("repeat"u8, Repeat);
            w.WriteEndObject();
        }
    }

    /// <summary><c>{"timeout": {timeout, repeat}}</c>: true when no value arrives for <paramref name="Seconds"/>.</summary>
    /// <param name="Seconds">The timeout in seconds.</param>
    /// <param name="Repeat">Fire again after each further timeout.</param>
    public sealed record Timeout(long Seconds, bool Repeat = false) : DataruleRule
    {
        /// <inheritdoc />
        public override string Kind => "timeout";

        private protected override void WriteBody(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteNumber("timeout"u8, Seconds);
            w.WriteBoolean("repeat"u8, Repeat);
            w.WriteEndObject();
        }
    }

    /// <summary><c>{"interval": {comparison, constant, timeout, repeat}}</c>: true when values compare true for the whole interval.</summary>
    /// <param name="Comparison">The comparison.</param>
    /// <param name="Constant">The value to compare with.</param>
    /// <param name="Seconds">The interval (<c>timeout</c>) in seconds.</param>
    /// <param name="Repeat">Fire on every interval.</param>
    public sealed record Interval(
        RuleComparison Comparison,
        double Constant,
        long Seconds,
        bool Repeat = false
    ) : DataruleRule
    {
        /// <inheritdoc />
        public override string Kind => "interval";

        private protected override void WriteBody(Utf8JsonWriter w) =>
            WriteTimed(w, Comparison, Constant, None, Seconds, Repeat);
    }

    /// <summary><c>{"duration": {comparison, constant, timeout, repeat}}</c>: true when the value compares true for longer than the duration.</summary>
    /// <param name="Comparison">The comparison.</param>
    /// <param name="Constant">The value to compare with.</param>
    /// <param name="Seconds">The duration (<c>timeout</c>) in seconds.</param>
    /// <param name="Repeat">Fire on every duration.</param>
    public sealed record Duration(
        RuleComparison Comparison,
        double Constant,
        long Seconds,
        bool Repeat = false
    ) : DataruleRule
    {
        /// <inheritdoc />
        public override string Kind => "duration";

        private protected override void WriteBody(Utf8JsonWriter w) =>
            WriteTimed(w, Comparison, Constant, None, Seconds, Repeat);
    }

    /// <summary><c>{"count": {comparison, constant, count, timeout, repeat}}</c>: true when <paramref name="Times"/> values compare true within the timeout.</summary>
    /// <param name="Comparison">The comparison.</param>
    /// <param name="Constant">The value to compare with.</param>
    /// <param name="Times">How many matching values (<c>count</c>).</param>
    /// <param name="Seconds">The window (<c>timeout</c>) in seconds.</param>
    /// <param name="Repeat">Fire on every further match.</param>
    public sealed record Count(
        RuleComparison Comparison,
        double Constant,
        long Times,
        long Seconds,
        bool Repeat = false
    ) : DataruleRule
    {
        /// <inheritdoc />
        public override string Kind => "count";

        private protected override void WriteBody(Utf8JsonWriter w) =>
            WriteTimed(w, Comparison, Constant, Times, Seconds, Repeat);
    }

    /// <summary><c>{"script": "&lt;Lua source&gt;"}</c>: a Lua script (its datarule has format <c>string</c>).</summary>
    /// <param name="Source">The Lua source.</param>
    public sealed record Script(string Source) : DataruleRule
    {
        /// <inheritdoc />
        public override string Kind => "script";

        private protected override void WriteBody(Utf8JsonWriter w) => w.WriteStringValue(Source);
    }

    private static void WriteTimed(
        Utf8JsonWriter w,
        RuleComparison comparison,
        double constant,
        Option<long> count,
        long seconds,
        bool repeat
    )
    {
        w.WriteStartObject();
        w.WriteString("comparison"u8, Name(comparison));
        w.WriteNumber("constant"u8, constant);
        count.IfSome(c => w.WriteNumber("count"u8, c));
        w.WriteNumber("timeout"u8, seconds);
        w.WriteBoolean("repeat"u8, repeat);
        w.WriteEndObject();
    }
}
