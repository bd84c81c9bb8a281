using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// Coerces written JSON values to a series format (§4.3 item 24): "42" → 42 on integer, "1" → 1.0 on float,
/// numbers → their text on string. Anything that does not fit is rejected (the caller answers <c>invalid</c>).
/// </summary>
internal static class ValueCoercion
{
    /// <summary>String values are limited to 64 KB (§2.5 dataport description).</summary>
    public const int MaxStringBytes = 64 * 1024;

    public static bool TryCoerce(JsonNode? input, DataFormat format, out DataValue value)
    {
        value = default;
        var kind = JsonArgs.Kind(input);
        switch (format)
        {
            case DataFormat.Integer:
                if (kind == JsonValueKind.Number && JsonArgs.TryLong(input, out var l))
                {
                    value = DataValue.OfInteger(l);
                    return true;
                }
                if (
                    kind == JsonValueKind.String
                    && JsonArgs.TryString(input, out var si)
                    && TryParseInteger(si, out l)
                )
                {
                    value = DataValue.OfInteger(l);
                    return true;
                }
                return false;
            case DataFormat.Float:
                if (kind == JsonValueKind.Number && JsonArgs.TryDouble(input, out var d))
                {
                    value = DataValue.OfFloat(d);
                    return true;
                }
                if (
                    kind == JsonValueKind.String
                    && JsonArgs.TryString(input, out var sf)
                    && TryParseFloat(sf, out d)
                )
                {
                    value = DataValue.OfFloat(d);
                    return true;
                }
                return false;
            default:
                string text;
                if (kind == JsonValueKind.String && JsonArgs.TryString(input, out var s))
                {
                    text = s;
                }
                else if (kind == JsonValueKind.Number)
                {
                    text = JsonArgs.NumberText(input!);
                }
                else if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    text = kind == JsonValueKind.True ? "true" : "false";
                }
                else
                {
                    return false;
                }
                if (Encoding.UTF8.GetByteCount(text) > MaxStringBytes)
                {
                    return false;
                }
                value = DataValue.OfString(text);
                return true;
        }
    }

    /// <summary>Re-coerces an already stored value (subscriptions, preprocessing, rule output) to another format.</summary>
    public static bool TryConvert(DataValue input, DataFormat format, out DataValue value)
    {
        value = default;
        switch (format)
        {
            case DataFormat.Integer:
                if (input.Format == DataFormat.Integer)
                {
                    value = input;
                    return true;
                }
                if (input.Format == DataFormat.Float)
                {
                    if (input.Float < long.MinValue || input.Float > long.MaxValue)
                    {
                        return false;
                    }
                    value = DataValue.OfInteger((long)Math.Truncate(input.Float));
                    return true;
                }
                if (TryParseInteger(input.Text, out var l))
                {
                    value = DataValue.OfInteger(l);
                    return true;
                }
                return false;
            case DataFormat.Float:
                if (input.TryNumber(out var d))
                {
                    value = DataValue.OfFloat(d);
                    return true;
                }
                return false;
            default:
                value = DataValue.OfString(input.AsText());
                return true;
        }
    }

    private static bool TryParseInteger(string text, out long value)
    {
        if (
            long.TryParse(
                text,
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out value
            )
        )
        {
            return true;
        }
        if (
            TryParseFloat(text, out var d)
            && double.IsInteger(d)
            && d >= long.MinValue
            && d <= long.MaxValue
        )
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    private static bool TryParseFloat(string text, out double value) =>
        double.TryParse(
            text,
            NumberStyles.AllowLeadingSign
                | NumberStyles.AllowDecimalPoint
                | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value
        ) && double.IsFinite(value);
}
