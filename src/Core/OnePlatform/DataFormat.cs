namespace Functional.Core.OnePlatform;

/// <summary>The format of a dataport's (or datarule's) values: <c>float</c>, <c>integer</c> or <c>string</c>.</summary>
public enum DataFormat
{
    /// <summary><c>float</c>: numbers, read back with a fraction (<c>1.0</c>).</summary>
    Float,

    /// <summary><c>integer</c>: whole numbers.</summary>
    Integer,

    /// <summary><c>string</c>: text of at most 64 KB (also the format of script datarules).</summary>
    String,
}

/// <summary>Wire names of <see cref="DataFormat"/>.</summary>
internal static class DataFormats
{
    public static string Name(DataFormat format) =>
        format switch
        {
            DataFormat.Float => "float",
            DataFormat.Integer => "integer",
            _ => "string",
        };

    public static Option<DataFormat> Parse(string? name) =>
        name switch
        {
            "float" => DataFormat.Float,
            "integer" => DataFormat.Integer,
            "string" => DataFormat.String,
            _ => None,
        };
}
