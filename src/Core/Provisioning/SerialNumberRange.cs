using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.Provisioning;

/// <summary>How the serial numbers of a <see cref="SerialNumberRange"/> are written (spec §3.2 <c>format</c>).</summary>
public enum SerialNumberFormat
{
    /// <summary><c>base10</c>: decimal digits, zero-padded to the length.</summary>
    Base10,

    /// <summary><c>base16</c>: hex digits, zero-padded to the length.</summary>
    Base16,

    /// <summary><c>mac:48</c>: a MAC address with colons, e.g. <c>01:02:03:04:05:00</c>.</summary>
    MacColon,

    /// <summary><c>mac-48</c>: a MAC address with dashes, e.g. <c>01-02-03-04-05-00</c>.</summary>
    MacDash,

    /// <summary><c>mac.48</c>: a MAC address in dotted quads, e.g. <c>0102.0304.0500</c>.</summary>
    MacDot,
}

/// <summary>The letter case of hex digits in a <see cref="SerialNumberRange"/> (spec §3.2 <c>casing</c>).</summary>
public enum SerialNumberCasing
{
    /// <summary><c>upper</c>: <c>AB</c>.</summary>
    Upper,

    /// <summary><c>lower</c>: <c>ab</c>.</summary>
    Lower,
}

/// <summary>The wire names of <see cref="SerialNumberFormat"/> and <see cref="SerialNumberCasing"/>.</summary>
public static class SerialNumberFormats
{
    /// <summary>The largest 48-bit value, the last MAC address: 2^48 - 1.</summary>
    public const long MaxMac = (1L << 48) - 1;

    /// <summary>The wire name: <c>base10</c>, <c>base16</c>, <c>mac:48</c>, <c>mac-48</c> or <c>mac.48</c>; None for an undefined value.</summary>
    public static Option<string> WireName(SerialNumberFormat format) =>
        format switch
        {
            SerialNumberFormat.Base10 => Some("base10"),
            SerialNumberFormat.Base16 => Some("base16"),
            SerialNumberFormat.MacColon => Some("mac:48"),
            SerialNumberFormat.MacDash => Some("mac-48"),
            SerialNumberFormat.MacDot => Some("mac.48"),
            _ => None,
        };

    /// <summary>The format with wire name <paramref name="name"/> (exact, case-sensitive); None when unknown.</summary>
    public static Option<SerialNumberFormat> ParseFormat(string name) =>
        name switch
        {
            "base10" => Some(SerialNumberFormat.Base10),
            "base16" => Some(SerialNumberFormat.Base16),
            "mac:48" => Some(SerialNumberFormat.MacColon),
            "mac-48" => Some(SerialNumberFormat.MacDash),
            "mac.48" => Some(SerialNumberFormat.MacDot),
            _ => None,
        };

    /// <summary>The wire name: <c>upper</c> or <c>lower</c>; None for an undefined value.</summary>
    public static Option<string> WireName(SerialNumberCasing casing) =>
        casing switch
        {
            SerialNumberCasing.Upper => Some("upper"),
            SerialNumberCasing.Lower => Some("lower"),
            _ => None,
        };

    /// <summary>The casing with wire name <paramref name="name"/>; None when unknown.</summary>
    public static Option<SerialNumberCasing> ParseCasing(string name) =>
        name switch
        {
            "upper" => Some(SerialNumberCasing.Upper),
            "lower" => Some(SerialNumberCasing.Lower),
            _ => None,
        };

    /// <summary>True for the three MAC-address formats (values are 48-bit integers).</summary>
    public static bool IsMac(SerialNumberFormat format) =>
        format
            is SerialNumberFormat.MacColon
                or SerialNumberFormat.MacDash
                or SerialNumberFormat.MacDot;
}

/// <summary>
/// A range of serial numbers a model accepts without adding each one (spec §3.2 <c>?show=ranges</c>):
/// every value from <paramref name="First"/> to <paramref name="Last"/> (inclusive), written per
/// <paramref name="Format"/>. MAC values are the address as an integer, e.g. <c>01:02:03:04:05:00</c> is
/// 1108152157440. The server sends <c>null</c> for an unset length or casing (exoline leaves both unset for MAC
/// ranges and the casing unset for <c>base10</c>).
/// </summary>
/// <param name="Format">How each serial number is written.</param>
/// <param name="Length">The minimum number of digits for <c>base10</c>/<c>base16</c> (zero-padded); None sends <c>null</c>. MAC formats always have 12 hex digits.</param>
/// <param name="Casing">The case of hex digits; None sends <c>null</c> (formatted as lower case).</param>
/// <param name="First">The first value (non-negative; at most 2^48 - 1 for MAC formats).</param>
/// <param name="Last">The last value, not less than <paramref name="First"/>.</param>
public sealed record SerialNumberRange(
    SerialNumberFormat Format,
    Option<int> Length,
    Option<SerialNumberCasing> Casing,
    long First,
    long Last
)
{
    /// <summary>The largest accepted <see cref="Length"/>.</summary>
    public const int MaxLength = 64;

    /// <summary>A decimal range (<c>base10</c>), zero-padded to <paramref name="length"/> digits when given.</summary>
    public static SerialNumberRange Base10(long first, long last, Option<int> length) =>
        new(SerialNumberFormat.Base10, length, None, first, last);

    /// <summary>A hex range (<c>base16</c>), zero-padded to <paramref name="length"/> digits when given.</summary>
    public static SerialNumberRange Base16(
        long first,
        long last,
        Option<int> length,
        SerialNumberCasing casing
    ) => new(SerialNumberFormat.Base16, length, Some(casing), first, last);

    /// <summary>A MAC-address range in one of the MAC formats.</summary>
    public static SerialNumberRange Mac(
        SerialNumberFormat format,
        long first,
        long last,
        SerialNumberCasing casing
    ) => new(format, None, Some(casing), first, last);

    /// <summary>A copy with the given length.</summary>
    public SerialNumberRange WithLength(int length) => this with { Length = Some(length) };

    /// <summary>A copy with the given casing.</summary>
    public SerialNumberRange WithCasing(SerialNumberCasing casing) =>
        this with
        {
            Casing = Some(casing),
        };

    /// <summary>
    /// Checks every field, reporting all problems at once with dotted names under <paramref name="field"/>
    /// (<c>ranges[0].first</c>, …): a known format and casing, a length of 1 to <see cref="MaxLength"/>,
    /// non-negative ends, <c>first ≤ last</c>, and MAC ends at most 2^48 - 1.
    /// </summary>
    public Validation<ApiError, SerialNumberRange> Validate(string field)
    {
        var problems = new List<ApiError>();
        void Problem(string name, string problem) =>
            problems.Add(new ApiError.InvalidArgument($"{field}.{name}", problem));

        var formatKnown = SerialNumberFormats.WireName(Format).IsSome;
        if (!formatKnown)
            Problem("format", "is not a known format");
        Length.IfSome(n =>
        {
            if (n is < 1 or > MaxLength)
                Problem("length", $"must be between 1 and {MaxLength}");
        });
        Casing.IfSome(c =>
        {
            if (SerialNumberFormats.WireName(c).IsNone)
                Problem("casing", "is not a known casing");
        });
        var mac = formatKnown && SerialNumberFormats.IsMac(Format);
        foreach (var (name, value) in new[] { ("first", First), ("last", Last) })
        {
            if (value < 0)
                Problem(name, "must not be negative");
            else if (mac && value > SerialNumberFormats.MaxMac)
                Problem(
                    name,
                    $"must be at most {SerialNumberFormats.MaxMac} (48 bits) for a MAC format"
                );
        }
        if (First > Last)
            Problem("last", "must not be less than first");
        return problems.Count == 0
            ? Success<ApiError, SerialNumberRange>(this)
            : Fail<ApiError, SerialNumberRange>(toSeq(problems.ToArray()));
    }

    /// <summary>
    /// The serial number of <paramref name="value"/> in this range: <c>base10</c> and <c>base16</c> zero-padded to the
    /// length, MAC formats as 12 hex digits with colons, dashes or dots. Fails (never throws) when the range is not
    /// valid or the value lies outside it.
    /// </summary>
    public Either<ApiError, string> SerialNumberOf(long value) =>
        Validate("range")
            .ToEither()
            .MapLeft(ApiError.Combine)
            .Bind(r =>
                value < r.First || value > r.Last
                    ? Left<ApiError, string>(
                        new ApiError.InvalidArgument(
                            "value",
                            $"must be between first ({r.First}) and last ({r.Last})"
                        )
                    )
                    : Right<ApiError, string>(r.Write(value))
            );

    /// <summary>
    /// Every serial number of the range in order, produced lazily (a range may hold billions). Fails when the range is
    /// not valid.
    /// </summary>
    public Either<ApiError, Seq<string>> AllSerialNumbers() =>
        Validate("range")
            .ToEither()
            .MapLeft(ApiError.Combine)
            .Map(r => toSeq(r.Values().Select(r.Write)));

    /// <summary>
    /// The integer value of a serial number written in <paramref name="format"/> (the inverse of
    /// <see cref="SerialNumberOf"/>, ignoring case and padding): decimal digits for <c>base10</c>, hex digits for
    /// <c>base16</c>, six hex pairs joined by <c>:</c> or <c>-</c>, or three hex quads joined by <c>.</c>, for the
    /// MAC formats. Problems are reported on <paramref name="field"/>.
    /// </summary>
    public static Validation<ApiError, long> ValueOf(
        SerialNumberFormat format,
        string serialNumber,
        string field = "serialNumber"
    )
    {
        Validation<ApiError, long> Bad(string problem) =>
            Fail<ApiError, long>(new ApiError.InvalidArgument(field, problem));
        if (serialNumber is null)
            return Bad("is required");
        var (digits, style, what) = format switch
        {
            SerialNumberFormat.Base10 => (serialNumber, NumberStyles.None, "decimal digits"),
            SerialNumberFormat.Base16 => (
                serialNumber,
                NumberStyles.AllowHexSpecifier,
                "hex digits"
            ),
            SerialNumberFormat.MacColon => (
                MacDigits(serialNumber, ':', 2),
                NumberStyles.AllowHexSpecifier,
                "a MAC address like 01:02:03:04:05:00"
            ),
            SerialNumberFormat.MacDash => (
                MacDigits(serialNumber, '-', 2),
                NumberStyles.AllowHexSpecifier,
                "a MAC address like 01-02-03-04-05-00"
            ),
            SerialNumberFormat.MacDot => (
                MacDigits(serialNumber, '.', 4),
                NumberStyles.AllowHexSpecifier,
                "a MAC address like 0102.0304.0500"
            ),
            _ => ("", NumberStyles.None, ""),
        };
        if (what.Length == 0)
            return Bad("has no known format");
        if (
            digits.Length == 0
            || digits.Length > (style == NumberStyles.None ? 19 : 16)
            || !long.TryParse(digits, style, CultureInfo.InvariantCulture, out var value)
            || value < 0
        )
            return Bad($"must be {what}");
        return Success<ApiError, long>(value);
    }

    /// <summary>The hex digits of a MAC address with groups of <paramref name="group"/> digits; empty when malformed.</summary>
    private static string MacDigits(string text, char separator, int group)
    {
        var parts = text.Split(separator);
        return
            parts.Length == 12 / group
            && parts.All(p => p.Length == group && p.All(char.IsAsciiHexDigit))
            ? string.Concat(parts)
            : "";
    }

    private IEnumerable<long> Values()
    {
        for (var v = First; ; v++)
        {
            yield return v;
            if (v == Last)
                yield break;
        }
    }

    private string Write(long value)
    {
        var upper = Casing.Match(c => c == SerialNumberCasing.Upper, () => false);
        var hex = upper ? "X" : "x";
        var width = Length.IfNone(1);
        switch (Format)
        {
            case SerialNumberFormat.Base10:
                return value.ToString(
                    "D" + width.ToString(CultureInfo.InvariantCulture),
                    CultureInfo.InvariantCulture
                );
            case SerialNumberFormat.Base16:
                return value.ToString(
                    hex + width.ToString(CultureInfo.InvariantCulture),
                    CultureInfo.InvariantCulture
                );
            default:
                var digits = value.ToString(hex + "12", CultureInfo.InvariantCulture);
                var (separator, group) = Format switch
                {
                    SerialNumberFormat.MacColon => (':', 2),
                    SerialNumberFormat.MacDash => ('-', 2),
                    _ => ('.', 4),
                };
                var sb = new StringBuilder(17);
                for (var i = 0; i < 12; i += group)
                {
                    if (i > 0)
                        sb.Append(separator);
                    sb.Append(digits, i, group);
                }
                return sb.ToString();
        }
    }

    /// <summary>Writes the range as the JSON object the Provisioning API reads.</summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("format", SerialNumberFormats.WireName(Format).IfNone(""));
        Length.Match(n => writer.WriteNumber("length", n), () => writer.WriteNull("length"));
        Casing.Match(
            c => writer.WriteString("casing", SerialNumberFormats.WireName(c).IfNone("")),
            () => writer.WriteNull("casing")
        );
        writer.WriteNumber("first", First);
        writer.WriteNumber("last", Last);
        writer.WriteEndObject();
    }
}
