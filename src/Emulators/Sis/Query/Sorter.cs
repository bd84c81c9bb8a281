using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Query;

/// <summary>
/// The <c>sort</c> parameter (spec §2.4): a comma list of dotted paths, <c>-f</c> descending, <c>+f</c> or <c>f</c>
/// ascending. Compares documents in Mongo's type order (missing and null first when ascending); an array sorts by its
/// smallest element ascending and its largest descending. <see cref="Sort"/> is stable, so equal keys keep the natural
/// (insertion) order.
/// </summary>
internal sealed class Sorter : IComparer<JsonObject>
{
    private Sorter(IReadOnlyList<(string Path, bool Descending)> keys) => Keys = keys;

    /// <summary>The sort keys in priority order.</summary>
    public IReadOnlyList<(string Path, bool Descending)> Keys { get; }

    /// <summary>True when there is nothing to sort by (natural order).</summary>
    public bool IsEmpty => Keys.Count == 0;

    /// <summary>Parses <c>"-name,num"</c>; blank entries are ignored; null or empty → natural order.</summary>
    public static Sorter Parse(string? sort)
    {
        var keys = new List<(string, bool)>();
        foreach (var raw in (sort ?? "").Split(','))
        {
            var token = raw.Trim();
            var descending = token.StartsWith('-');
            if (descending || token.StartsWith('+'))
            {
                token = token[1..].Trim();
            }
            if (token.Length > 0)
            {
                keys.Add((token, descending));
            }
        }
        return new Sorter(keys);
    }

    /// <summary>Compares two documents by the keys.</summary>
    public int Compare(JsonObject? x, JsonObject? y)
    {
        foreach (var (path, descending) in Keys)
        {
            var c = BsonOrder.Compare(KeyOf(x, path, descending), KeyOf(y, path, descending));
            if (c != 0)
            {
                return descending ? -c : c;
            }
        }
        return 0;
    }

    /// <summary>Sorts stably (documents with equal keys keep their input order).</summary>
    public List<JsonObject> Sort(IEnumerable<JsonObject> documents) =>
        IsEmpty ? [.. documents] : [.. documents.OrderBy(d => d, this)];

    private static JsonNode? KeyOf(JsonObject? doc, string path, bool descending)
    {
        var values = new List<JsonNode?>();
        foreach (var (value, present) in BsonOrder.Resolve(doc, path))
        {
            if (!present)
            {
                continue;
            }
            if (value is JsonArray array)
            {
                values.AddRange(array);
            }
            else
            {
                values.Add(value);
            }
        }
        JsonNode? best = null;
        var first = true;
        foreach (var value in values)
        {
            if (first)
            {
                best = value;
                first = false;
                continue;
            }
            var c = BsonOrder.Compare(value, best);
            if (descending ? c > 0 : c < 0)
            {
                best = value;
            }
        }
        return best;
    }
}
