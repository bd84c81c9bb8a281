using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Functional.PropertyTests.Parsers;

/// <summary>
/// Reads every part of a parse outcome that could still throw later: texts, messages, nested records, sequences
/// and JSON elements (a parser that kept an element of a disposed document without cloning it fails here).
/// </summary>
public static class Touch
{
    /// <summary>Visits <paramref name="value"/> deeply; returns a number so the work is not optimised away.</summary>
    public static int Deep(object? value)
    {
        var sb = new StringBuilder();
        Visit(value, sb, 0);
        return sb.Length;
    }

    /// <summary>Visits an Either outcome: the error's message and text, or the value.</summary>
    public static int Outcome<T>(Either<ApiError, T> outcome) =>
        outcome.Match(v => Deep(v), e => Deep(e));

    private static void Visit(object? value, StringBuilder sb, int depth)
    {
        if (value is null || depth > 16)
            return;
        switch (value)
        {
            case string s:
                sb.Append(s.Length);
                return;
            case JsonElement e:
                sb.Append(e.GetRawText().Length);
                return;
            case ReadOnlyMemory<byte> m:
                sb.Append(m.Length);
                return;
            case ApiError error:
                sb.Append(error.Message).Append(error.ToString());
                break;
            case Exception ex:
                sb.Append(ex.Message);
                return;
            case IEnumerable items:
                foreach (var item in items)
                    Visit(item, sb, depth + 1);
                return;
            default:
                sb.Append(value.ToString());
                break;
        }
        var type = value.GetType();
        if (type.Namespace?.StartsWith("Functional.Core", StringComparison.Ordinal) != true)
            return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                Visit(p.GetValue(value), sb, depth + 1);
        }
    }
}
