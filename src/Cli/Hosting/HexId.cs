namespace Functional.Cli;

/// <summary>Checks for the 40-hex-character ids the CLI accepts (RIDs, CIKs, tokens).</summary>
internal static class HexId
{
    /// <summary>Whether <paramref name="text"/> is 40 hex characters (either case).</summary>
    public static bool Is(string? text) => text is { Length: 40 } && text.All(char.IsAsciiHexDigit);

    /// <summary>Whether <paramref name="text"/> is 40 lower-case hex characters.</summary>
    public static bool IsLower(string? text) =>
        text is { Length: 40 } && text.All(char.IsAsciiHexDigitLower);
}
