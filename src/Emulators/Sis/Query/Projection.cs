using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Query;

/// <summary>
/// The <c>fields</c> parameter (spec §2.4): a comma list → Mongoose projection. <c>"a,b.c"</c> keeps only those paths,
/// <c>"-x"</c> drops them; <c>_id</c> is always returned. Dotted paths go through objects and arrays of objects.
/// </summary>
internal sealed class Projection
{
    private readonly List<string[]> paths;

    private Projection(List<string[]> paths, bool exclusive)
    {
        this.paths = paths;
        Exclusive = exclusive;
    }

    /// <summary>True for an exclusion projection (<c>-x</c>).</summary>
    public bool Exclusive { get; }

    /// <summary>True when the projection keeps everything.</summary>
    public bool IsEmpty => paths.Count == 0;

    /// <summary>
    /// Parses <c>"a,b.c"</c> or <c>"-x,-y"</c> (commas or spaces separate; <c>+f</c> includes). Mixing inclusion and
    /// exclusion fails with Mongo's error; null or empty keeps everything.
    /// </summary>
    public static Outcome<Projection> Parse(string? fields)
    {
        var included = new List<string[]>();
        var excluded = new List<string[]>();
        foreach (var raw in (fields ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim();
            var exclude = token.StartsWith('-');
            if (exclude || token.StartsWith('+'))
            {
                token = token[1..];
            }
            if (token.Length == 0 || token == "_id")
            {
                continue;
            }
            (exclude ? excluded : included).Add(token.Split('.'));
        }
        if (included.Count > 0 && excluded.Count > 0)
        {
            return MongoFilter.MongoError(
                "Projection cannot have a mix of inclusion and exclusion."
            );
        }
        return Outcome.Ok(
            included.Count > 0 ? new Projection(included, false) : new Projection(excluded, true)
        );
    }

    /// <summary>A projected copy of <paramref name="doc"/>.</summary>
    public JsonObject Apply(JsonObject doc)
    {
        if (IsEmpty)
        {
            return (JsonObject)doc.DeepClone();
        }
        if (Exclusive)
        {
            var copy = (JsonObject)doc.DeepClone();
            foreach (var path in paths)
            {
                Remove(copy, path, 0);
            }
            return copy;
        }
        var result = Include(doc, paths, 0);
        if (doc.TryGetPropertyValue("_id", out var id) && !result.ContainsKey("_id"))
        {
            var ordered = new JsonObject { ["_id"] = id?.DeepClone() };
            foreach (var (key, value) in result.ToList())
            {
                result.Remove(key);
                ordered[key] = value;
            }
            return ordered;
        }
        return result;
    }

    private static JsonObject Include(JsonObject obj, List<string[]> selected, int depth)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (depth == 0 && key == "_id")
            {
                result[key] = value?.DeepClone();
                continue;
            }
            var matching = selected.Where(p => p[depth] == key).ToList();
            if (matching.Count == 0)
            {
                continue;
            }
            if (matching.Exists(p => p.Length == depth + 1))
            {
                result[key] = value?.DeepClone();
                continue;
            }
            switch (value)
            {
                case JsonObject child:
                    result[key] = Include(child, matching, depth + 1);
                    break;
                case JsonArray array:
                    result[key] = new JsonArray([
                        .. array
                            .OfType<JsonObject>()
                            .Select(e => (JsonNode)Include(e, matching, depth + 1)),
                    ]);
                    break;
                default:
                    break;
            }
        }
        return result;
    }

    private static void Remove(JsonNode? node, string[] path, int depth)
    {
        switch (node)
        {
            case JsonObject obj when depth == path.Length - 1:
                obj.Remove(path[depth]);
                break;
            case JsonObject obj:
                Remove(obj[path[depth]], path, depth + 1);
                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    if (element is JsonObject)
                    {
                        Remove(element, path, depth);
                    }
                }
                break;
            default:
                break;
        }
    }
}
