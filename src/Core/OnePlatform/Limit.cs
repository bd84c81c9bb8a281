using System.Globalization;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// One client limit: a number (at least 0) or <c>"inherit"</c> (share the owner's allowance).
/// A new client's limits are 0 unless given.
/// </summary>
public abstract record Limit
{
    private Limit() { }

    /// <summary>A limit of <paramref name="amount"/> (must not be negative).</summary>
    public static Limit Of(long amount) => new Amount(amount);

    /// <summary>A limit of 0 (the default).</summary>
    public static Limit Zero { get; } = new Amount(0);

    /// <summary><c>"inherit"</c>: draw from the owner's allowance.</summary>
    public static Limit Inherit { get; } = new Inherited();

    /// <summary>Implicit conversion from a number.</summary>
    public static implicit operator Limit(long amount) => new Amount(amount);

    /// <summary>The number, when this limit is one.</summary>
    public Option<long> AsAmount() => this is Amount a ? Some(a.Value) : None;

    /// <summary>Checks the value; the error names <paramref name="field"/>.</summary>
    public Validation<ApiError, Limit> Validate(string field) =>
        this is Amount { Value: < 0 }
            ? Fail<ApiError, Limit>(
                new ApiError.InvalidArgument(field, "must be a number ≥ 0 or \"inherit\"")
            )
            : Success<ApiError, Limit>(this);

    /// <summary>Reads a number or <c>"inherit"</c>; None for anything else.</summary>
    internal static Option<Limit> FromJson(JsonElement e) =>
        e.ValueKind switch
        {
            JsonValueKind.Number when e.TryGetInt64(out var n) => new Amount(n),
            JsonValueKind.Number
                when e.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18 =>
                new Amount((long)d),
            JsonValueKind.String when e.ValueEquals("inherit"u8) => Inherit,
            _ => None,
        };

    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>A number.</summary>
    /// <param name="Value">The limit.</param>
    public sealed record Amount(long Value) : Limit
    {
        internal override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        /// <inheritdoc />
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>"inherit"</c>.</summary>
    public sealed record Inherited : Limit
    {
        internal override void WriteTo(Utf8JsonWriter writer) =>
            writer.WriteStringValue("inherit"u8);

        /// <inheritdoc />
        public override string ToString() => "inherit";
    }
}
