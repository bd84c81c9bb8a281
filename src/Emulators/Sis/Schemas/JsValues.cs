using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Schemas;

/// <summary>JavaScript value conversions the Mongoose casting rules rely on (String(v), Number(v), truthiness).</summary>
internal static class JsValues
{
    /// <summary>JavaScript <c>String(v)</c> of a JSON value (arrays joined with ",", objects "[object Object]").</summary>
    public static string ToJsString(JsonNode? value) =>
        value switch
        {
            null => "null",
            JsonArray a => string.Join(",", a.Select(e => e is null ? "" : ToJsString(e))),
            JsonObject => "[object Object]",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => FormatNumber(Num(v)),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "null",
            },
            _ => "null",
        };

    /// <summary>JavaScript's <c>Number.prototype.toString()</c> for finite numbers (shortest round trip).</summary>
    public static string FormatNumber(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21)
        {
            return d.ToString("F0", CultureInfo.InvariantCulture);
        }
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }
        var exponent = r[(e + 1)..];
        return r[..e] + "e" + (exponent.StartsWith('-') ? exponent : "+" + exponent.TrimStart('+'));
    }

    /// <summary>JavaScript <c>Number(string)</c>: NaN when the text is not a numeric literal.</summary>
    public static double StringToNumber(string text)
    {
        var s = text.Trim();
        if (s.Length == 0)
        {
            return 0;
        }
        switch (s)
        {
            case "Infinity":
            case "+Infinity":
                return double.PositiveInfinity;
            case "-Infinity":
                return double.NegativeInfinity;
        }
        if (s.Length > 2 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (s[1] | 0x20) switch
            {
                'x' => 16,
                'o' => 8,
                _ => 2,
            };
            double acc = 0;
            foreach (var c in s[2..])
            {
                var digit = HexDigit(c);
                if (digit < 0 || digit >= radix)
                {
                    return double.NaN;
                }
                acc = (acc * radix) + digit;
            }
            return acc;
        }
        return
            IsDecimalLiteral(s)
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : double.NaN;
    }

    /// <summary>JavaScript <c>Number(v)</c> of a JSON value.</summary>
    public static double ToNumber(JsonNode? value) =>
        value switch
        {
            null => 0,
            JsonArray a => a.Count == 0 ? 0
            : a.Count == 1 ? StringToNumber(ToJsString(a[0]))
            : double.NaN,
            JsonObject => double.NaN,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => StringToNumber(v.GetValue<string>()),
                JsonValueKind.Number => Num(v),
                JsonValueKind.True => 1,
                _ => 0,
            },
            _ => double.NaN,
        };

    /// <summary>JavaScript truthiness of a JSON value.</summary>
    public static bool Truthy(JsonNode? value) =>
        value switch
        {
            null => false,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>().Length > 0,
                JsonValueKind.Number => Num(v) is var d && d != 0 && !double.IsNaN(d),
                JsonValueKind.True => true,
                _ => false,
            },
            _ => true,
        };

    /// <summary>A JSON number node for <paramref name="d"/> (integral values written without a fraction).</summary>
    public static JsonNode? NumberNode(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return null;
        }
        if (d == Math.Floor(d) && Math.Abs(d) <= 9007199254740992d)
        {
            return JsonValue.Create((long)d);
        }
        return JsonValue.Create(d);
    }

    /// <summary>The string of a JSON string value, or null.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    /// <summary>The number of a JSON number value, or null.</summary>
    public static double? AsNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? Num(v) : null;

    /// <summary>True for a JSON boolean.</summary>
    public static bool IsBoolean(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    private static double Num(JsonValue v)
    {
        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }
        if (v.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }
        return double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int HexDigit(char c) =>
        c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

    private static bool IsDecimalLiteral(string s)
    {
        var i = 0;
        if (s[i] is '+' or '-')
        {
            i++;
        }
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }
            var expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                expDigits++;
            }
            if (expDigits == 0)
            {
                return false;
            }
        }
        return i == s.Length;
    }
}
