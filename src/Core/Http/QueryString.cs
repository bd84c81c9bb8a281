using System.Text;

namespace Functional.Core.Http;

/// <summary>Encodes and decodes <c>application/x-www-form-urlencoded</c> pairs (query strings and form bodies).</summary>
public static class QueryString
{
    /// <summary>Encodes the pairs in order as <c>a=1&amp;b=x%20y</c>; every reserved character is %-encoded.</summary>
    public static string Encode(Seq<QueryParam> pairs)
    {
        var sb = new StringBuilder();
        foreach (var p in pairs)
        {
            if (sb.Length > 0)
                sb.Append('&');
            sb.Append(Uri.EscapeDataString(p.Name))
                .Append('=')
                .Append(Uri.EscapeDataString(p.Value));
        }
        return sb.ToString();
    }

    /// <summary>Decodes <c>a=1&amp;b=x%20y</c> (a leading '?' is ignored; '+' means space) into pairs in order.</summary>
    public static Seq<QueryParam> Decode(string text)
    {
        var s = text.StartsWith('?') ? text[1..] : text;
        if (s.Length == 0)
            return Empty;
        return toSeq(
            s.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(part =>
                {
                    var eq = part.IndexOf('=', StringComparison.Ordinal);
                    var name = eq < 0 ? part : part[..eq];
                    var value = eq < 0 ? "" : part[(eq + 1)..];
                    return new QueryParam(Unescape(name), Unescape(value));
                })
                .ToArray()
        );
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
