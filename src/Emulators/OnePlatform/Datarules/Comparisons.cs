namespace Functional.Emulators.OnePlatform.Datarules;

/// <summary>The comparison operators of datarules and preprocessing (gt lt eq geq leq neq).</summary>
internal static class Comparisons
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "gt",
        "lt",
        "eq",
        "geq",
        "leq",
        "neq",
    };

    public static bool Holds(string comparison, double value, double constant) =>
        comparison switch
        {
            "gt" => value > constant,
            "lt" => value < constant,
            "eq" => value == constant,
            "geq" => value >= constant,
            "leq" => value <= constant,
            "neq" => value != constant,
            _ => false,
        };
}
