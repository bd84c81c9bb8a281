using System.Globalization;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// A serial-number range (§3.2): <c>{"format","length","casing","first","last"}</c> with format <c>base10</c>,
/// <c>base16</c>, <c>mac:48</c>, <c>mac-48</c> or <c>mac.48</c>; mac values are the address as an integer. A serial
/// number belongs to the range when it is written exactly as the range writes it (padding and casing included). A
/// <c>null</c> length means no padding, a <c>null</c> or missing casing lower case (exoline sends both).
/// </summary>
internal sealed record SerialNumberRange(
    string Format,
    int? Length,
    string? Casing,
    long First,
    long Last
)
{
    private const long MacMax = (1L << 48) - 1;

    private static readonly string[] Formats = ["base10", "base16", "mac:48", "mac-48", "mac.48"];

    /// <summary>Reads one range object; null when any field is missing or out of its domain.</summary>
    public static SerialNumberRange? FromJson(JsonNode? node)
    {
        if (
            node is not JsonObject o
            || Str(o["format"]) is not { } format
            || !Formats.Contains(format)
            || Num(o["first"]) is not { } first
            || Num(o["last"]) is not { } last
        )
        {
            return null;
        }
        var length = Num(o["length"]);
        if (o["length"] is not null && length is null)
        {
            return null;
        }
        var casing = o["casing"] is null ? null : Str(o["casing"]);
        var max = format.StartsWith("mac", StringComparison.Ordinal) ? MacMax : long.MaxValue;
        return
            (o["casing"] is null || casing is "upper" or "lower")
            && length is null or (>= 1 and <= 64)
            && first >= 0
            && first <= last
            && last <= max
            ? new SerialNumberRange(format, (int?)length, casing, first, last)
            : null;
    }

    public JsonObject ToJson() =>
        new()
        {
            ["format"] = Format,
            ["length"] = Length is { } length ? JsonValue.Create(length) : null,
            ["casing"] = Casing,
            ["first"] = First,
            ["last"] = Last,
        };

    /// <summary>Whether <paramref name="sn"/> is a member, written as this range writes its members.</summary>
    public bool Contains(string sn) =>
        Parse(sn) is { } value
        && value >= First
        && value <= Last
        && string.Equals(Write(value), sn, StringComparison.Ordinal);

    /// <summary>The serial number of <paramref name="value"/> in this range's format.</summary>
    public string Write(long value)
    {
        var hex = value.ToString(Casing == "upper" ? "X12" : "x12", CultureInfo.InvariantCulture);
        return Format switch
        {
            "base10" => value.ToString(CultureInfo.InvariantCulture).PadLeft(Length ?? 0, '0'),
            "base16" => value
                .ToString(Casing == "upper" ? "X" : "x", CultureInfo.InvariantCulture)
                .PadLeft(Length ?? 0, '0'),
            "mac:48" => string.Join(
                ':',
                Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))
            ),
            "mac-48" => string.Join(
                '-',
                Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))
            ),
            _ => string.Join('.', Enumerable.Range(0, 3).Select(i => hex.Substring(i * 4, 4))),
        };
    }

    private long? Parse(string sn)
    {
        var digits = Format switch
        {
            "base10" or "base16" => sn,
            "mac:48" => sn.Replace(":", "", StringComparison.Ordinal),
            "mac-48" => sn.Replace("-", "", StringComparison.Ordinal),
            _ => sn.Replace(".", "", StringComparison.Ordinal),
        };
        var style = Format == "base10" ? NumberStyles.None : NumberStyles.AllowHexSpecifier;
        return
            digits.Length is > 0 and <= 64
            && long.TryParse(digits, style, CultureInfo.InvariantCulture, out var value)
            && value >= 0
            ? value
            : null;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Num(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var n) ? n
        : node is JsonValue d
        && d.TryGetValue<double>(out var x)
        && x == Math.Floor(x)
        && Math.Abs(x) < 9e18
            ? (long)x
        : null;
}
