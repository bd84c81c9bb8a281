using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Cli.Output;

/// <summary>
/// Everything a command prints: tables for people, JSON for scripts (<c>--json</c>), timestamps in the chosen
/// format, and secrets (CIKs, tokens, passwords) masked unless <c>--reveal</c> is given.
/// </summary>
/// <param name="Host">The streams.</param>
/// <param name="Json">Whether results are printed as JSON.</param>
/// <param name="Time">How timestamps are printed.</param>
/// <param name="Reveal">Whether secrets are printed in full.</param>
internal sealed record CliOutput(CliHost Host, bool Json, TimeFormat Time, bool Reveal)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A secret as printed: the first 6 characters and an ellipsis, or all of it with <c>--reveal</c>.</summary>
    public string Secret(string? secret) =>
        secret is null ? ""
        : Reveal ? secret
        : Mask(secret);

    /// <summary>The masked form of <paramref name="secret"/> (never more than 6 of its characters).</summary>
    public static string Mask(string secret) =>
        secret.Length <= 8 ? "••••" : string.Concat(secret.AsSpan(0, 6), "…");

    /// <summary>A Unix timestamp (seconds) as <see cref="Time"/> says.</summary>
    public string Timestamp(long unixSeconds) =>
        Time == TimeFormat.Unix ? unixSeconds.ToString(CultureInfo.InvariantCulture)
        : Moment(unixSeconds) is not { } at ? unixSeconds.ToString(CultureInfo.InvariantCulture)
        : Time == TimeFormat.Iso ? Iso(at)
        : TimeZoneInfo
            .ConvertTime(at, Host.TimeZone)
            .ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>A Unix timestamp as a JSON value for <c>--json</c>: a number with <c>--time unix</c> (or out of range), else an ISO string in UTC.</summary>
    public JsonNode TimestampJson(long unixSeconds) =>
        Time != TimeFormat.Unix && Moment(unixSeconds) is { } at
            ? JsonValue.Create(Iso(at))
            : JsonValue.Create(unixSeconds);

    private static DateTimeOffset? Moment(long unixSeconds) =>
        unixSeconds
            is >= Core.OnePlatform.Point.MinTimestamp
                and <= Core.OnePlatform.Point.MaxTimestamp
            ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds)
            : null;

    private static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Prints one line to standard output.</summary>
    public void Line(string text) => Host.Out.WriteLine(text);

    /// <summary>Prints a JSON document (indented, non-ASCII kept as is) to standard output.</summary>
    public void WriteJson(JsonNode? node) =>
        Host.Out.WriteLine(node is null ? "null" : node.ToJsonString(Indented));

    /// <summary>Prints a JSON element (indented) to standard output.</summary>
    public void WriteJson(JsonElement element) =>
        Host.Out.WriteLine(JsonSerializer.Serialize(element, Indented));

    /// <summary>
    /// Prints rows as an aligned table with a header line; with <c>--json</c>, as an array of objects keyed by the
    /// headers in lower case (use <see cref="WriteJson(JsonNode?)"/> for richer JSON).
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        if (Json)
        {
            var array = new JsonArray();
            foreach (var row in all)
            {
                var o = new JsonObject();
                for (var i = 0; i < headers.Count; i++)
                {
                    o[headers[i].ToLowerInvariant().Replace(' ', '_')] =
                        i < row.Count ? row[i] : null;
                }
                array.Add(o);
            }
            WriteJson(array);
            return;
        }
        var widths = headers.Select(Width).ToArray();
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], Width(row[i]));
            }
        }
        WriteRow(headers, widths);
        Host.Out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        foreach (var row in all)
        {
            WriteRow(row, widths);
        }
    }

    private void WriteRow(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? Printable(cells[i]) : "";
            line.Append(cell);
            if (i < widths.Length - 1)
            {
                line.Append(' ', widths[i] - Width(cell) + 2);
            }
        }
        Host.Out.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Control characters (a newline in a value) would break the table: they print as <c>\n</c>-style escapes.</summary>
    private static string Printable(string s)
    {
        if (!s.Any(char.IsControl))
        {
            return s;
        }
        var b = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            _ = c switch
            {
                '\n' => b.Append("\\n"),
                '\r' => b.Append("\\r"),
                '\t' => b.Append("\\t"),
                _ when char.IsControl(c) => b.Append(
                    CultureInfo.InvariantCulture,
                    $"\\u{(int)c:x4}"
                ),
                _ => b.Append(c),
            };
        }
        return b.ToString();
    }

    /// <summary>Display width: East Asian wide characters and emoji take two columns.</summary>
    internal static int Width(string s)
    {
        var text = Printable(s);
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            width +=
                (v >= 0x1100 && v <= 0x115F)
                || (v >= 0x2E80 && v <= 0xA4CF)
                || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF)
                || (v >= 0xFE30 && v <= 0xFE4F)
                || (v >= 0xFF00 && v <= 0xFF60)
                || (v >= 0xFFE0 && v <= 0xFFE6)
                || (v >= 0x1F300 && v <= 0x1FAFF)
                || (v >= 0x20000 && v <= 0x3FFFD)
                    ? 2
                    : 1;
        }
        return width;
    }
}
