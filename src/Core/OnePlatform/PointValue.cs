using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// A data point's value: an integer, a float, a string, or (rarely) another JSON value. The server stores
/// it in the dataport's format and coerces what it can (a written <c>"42"</c> reads back as 42 on an
/// integer dataport).
/// </summary>
public abstract record PointValue
{
    private PointValue() { }

    /// <summary>The most bytes a string value may have (the platform's limit is 64 KB).</summary>
    public const int MaxStringBytes = 65536;

    /// <summary>An integer value.</summary>
    public static PointValue Of(long value) => new Integer(value);

    /// <summary>A float value (must be finite).</summary>
    public static PointValue Of(double value) => new Float(value);

    /// <summary>A string value.</summary>
    public static PointValue Of(string value) => new Text(value);

    /// <summary>Any JSON value (for values the typed cases do not cover).</summary>
    public static PointValue Of(JsonElement value) => FromJson(value);

    /// <summary>Implicit conversion from <see cref="long"/>.</summary>
    public static implicit operator PointValue(long value) => new Integer(value);

    /// <summary>Implicit conversion from <see cref="double"/>.</summary>
    public static implicit operator PointValue(double value) => new Float(value);

    /// <summary>Implicit conversion from <see cref="string"/>.</summary>
    public static implicit operator PointValue(string value) => new Text(value);

    /// <summary>The value as an integer, when it is one (or a float with no fraction, or a string that parses).</summary>
    public Option<long> AsInteger() =>
        this switch
        {
            Integer i => Some(i.Value),
            Float f
                when Math.Floor(f.Value) == f.Value
                    && f.Value is >= long.MinValue and <= long.MaxValue => Some((long)f.Value),
            Text t
                when long.TryParse(
                    t.Value,
                    NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture,
                    out var n
                ) => Some(n),
            _ => None,
        };

    /// <summary>The value as a float, when it is a number (or a string that parses as one).</summary>
    public Option<double> AsFloat() =>
        this switch
        {
            Integer i => Some((double)i.Value),
            Float f => Some(f.Value),
            Text t
                when double.TryParse(
                    t.Value,
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out var d
                ) => Some(d),
            _ => None,
        };

    /// <summary>The value as a string, when it is one.</summary>
    public Option<string> AsText() => this is Text t ? Some(t.Value) : None;

    /// <summary>Checks that the value can be sent; the error names <paramref name="field"/>.</summary>
    public Validation<ApiError, PointValue> Validate(string field) =>
        this switch
        {
            Float f when !double.IsFinite(f.Value) => Fail<ApiError, PointValue>(
                new ApiError.InvalidArgument(
                    field,
                    "must be a finite number (NaN and infinities cannot be sent)"
                )
            ),
            Text t when t.Value is null => Fail<ApiError, PointValue>(
                new ApiError.InvalidArgument(field, "is required")
            ),
            Text t when !Json.IsValidText(t.Value) => Fail<ApiError, PointValue>(
                new ApiError.InvalidArgument(
                    field,
                    "must be valid Unicode text (it has an unpaired surrogate)"
                )
            ),
            Text t when Encoding.UTF8.GetByteCount(t.Value) > MaxStringBytes => Fail<
                ApiError,
                PointValue
            >(
                new ApiError.InvalidArgument(
                    field,
                    $"is longer than the platform's limit of {MaxStringBytes} bytes"
                )
            ),
            Other o when o.Value.ValueKind == JsonValueKind.Undefined => Fail<ApiError, PointValue>(
                new ApiError.InvalidArgument(field, "is not a JSON value")
            ),
            _ => Success<ApiError, PointValue>(this),
        };

    /// <summary>Reads a JSON value: numbers with a fraction or exponent are floats, other numbers integers.</summary>
    public static PointValue FromJson(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => new Text(value.GetString()!),
            JsonValueKind.Number => NumberOf(value),
            _ => new Other(value.Clone()),
        };

    private static PointValue NumberOf(JsonElement value)
    {
        var isFloat =
            System
                .Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value)
                .IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0;
        if (!isFloat)
            // An integer beyond long keeps its exact digits rather than becoming an approximate double.
            return value.TryGetInt64(out var n) ? new Integer(n) : new Other(value.Clone());
        return value.TryGetDouble(out var d) && double.IsFinite(d)
            ? new Float(d)
            : new Other(value.Clone());
    }

    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>An integer.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Integer(long Value) : PointValue
    {
        internal override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        /// <inheritdoc />
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A float.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Float(double Value) : PointValue
    {
        internal override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        /// <inheritdoc />
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A string.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Text(string Value) : PointValue
    {
        internal override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

        /// <inheritdoc />
        public override string ToString() => Value;
    }

    /// <summary>Any other JSON value.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Other(JsonElement Value) : PointValue
    {
        internal override void WriteTo(Utf8JsonWriter writer) => Json.WriteElement(writer, Value);

        /// <inheritdoc />
        public override string ToString() =>
            Value.ValueKind == JsonValueKind.Undefined ? "" : Value.GetRawText();

        /// <inheritdoc />
        public bool Equals(Other? other) => other is not null && ToString() == other.ToString();

        /// <inheritdoc />
        public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
    }
}
