namespace Functional.Emulators.OnePlatform.Model;

/// <summary>The value format of a dataport, datarule or dispatch series.</summary>
internal enum DataFormat
{
    Float,
    Integer,
    String,
}

internal static class DataFormats
{
    public static bool TryParse(string? name, out DataFormat format)
    {
        switch (name)
        {
            case "float":
                format = DataFormat.Float;
                return true;
            case "integer":
                format = DataFormat.Integer;
                return true;
            case "string":
                format = DataFormat.String;
                return true;
            default:
                format = DataFormat.String;
                return false;
        }
    }
}
