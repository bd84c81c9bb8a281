using System.Globalization;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>The operand of a <see cref="PreprocessStep"/>: a constant number, or a resource whose latest value is used.</summary>
public abstract record PreprocessOperand
{
    private PreprocessOperand() { }

    /// <summary>A constant (must be finite).</summary>
    public static PreprocessOperand Of(double value) => new Number(value);

    /// <summary>The latest value of <paramref name="resource"/>.</summary>
    public static PreprocessOperand Of(ResourceId resource) => new Resource(resource);

    /// <summary>Implicit conversion from a number.</summary>
    public static implicit operator PreprocessOperand(double value) => new Number(value);

    /// <summary>Implicit conversion from a resource.</summary>
    public static implicit operator PreprocessOperand(ResourceId resource) =>
        new Resource(resource);

    /// <summary>Checks the operand; the error names <paramref name="field"/>.</summary>
    public Validation<ApiError, PreprocessOperand> Validate(string field) =>
        this switch
        {
            Number n => ArgumentChecks.Finite(field, n.Value).Map(_ => this),
            Resource r => ResourceId.Require(field, r.Id).Map(_ => this),
            _ => Fail<ApiError, PreprocessOperand>(
                new ApiError.InvalidArgument(field, "is required")
            ),
        };

    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>A constant.</summary>
    /// <param name="Value">The number (written as an integer when it has no fraction).</param>
    public sealed record Number(double Value) : PreprocessOperand
    {
        internal override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        /// <inheritdoc />
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A resource's latest value.</summary>
    /// <param name="Id">The resource.</param>
    public sealed record Resource(ResourceId Id) : PreprocessOperand
    {
        internal override void WriteTo(Utf8JsonWriter writer) => Id.WriteTo(writer);

        /// <inheritdoc />
        public override string ToString() => Id?.ToString() ?? "";
    }
}
