using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>One stored value, already coerced to its series' format.</summary>
internal readonly record struct DataValue(
    DataFormat Format,
    long Integer,
    double Float,
    string Text
)
{
    public static DataValue OfInteger(long value) => new(DataFormat.Integer, value, 0, "");

    public static DataValue OfFloat(double value) => new(DataFormat.Float, 0, value, "");

    public static DataValue OfString(string value) => new(DataFormat.String, 0, 0, value);

    /// <summary>Integers as JSON integers, floats always with a fraction, strings as strings.</summary>
    public JsonNode ToNode() =>
        Format switch
        {
            DataFormat.Integer => JsonValue.Create(Integer),
            DataFormat.Float => JsonValue.Create(Float),
            _ => JsonValue.Create(Text),
        };

    /// <summary>Bytes this value occupies for storage/disk accounting.</summary>
    public long Size => Format == DataFormat.String ? Encoding.UTF8.GetByteCount(Text) : 8;

    /// <summary>The numeric reading used by datarules and preprocessing; strings count only if they parse.</summary>
    public bool TryNumber(out double number)
    {
        switch (Format)
        {
            case DataFormat.Integer:
                number = Integer;
                return true;
            case DataFormat.Float:
                number = Float;
                return true;
            default:
                return double.TryParse(
                        Text,
                        NumberStyles.Float,
                        CultureInfo.InvariantCulture,
                        out number
                    ) && double.IsFinite(number);
        }
    }

    public string AsText() =>
        Format switch
        {
            DataFormat.Integer => Integer.ToString(CultureInfo.InvariantCulture),
            DataFormat.Float => JsonOut.FormatFloat(Float),
            _ => Text,
        };
}
