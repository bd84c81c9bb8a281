using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Schemas;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>
/// The seam between the host and the other parts of the emulator (query, schema, history): every call the host makes
/// into them goes through here, so wiring a part in (or replacing a stand-in) is a change in this file only.
/// </summary>
internal static class Parts
{
    /// <summary>The query string (without <c>?</c>) parsed like qs 4.0.</summary>
    public static Dictionary<string, JsonNode?> ParseQuery(string raw) => QsParser.Parse(raw);

    /// <summary>
    /// A <c>q</c>/<c>cas</c> parameter as an object: a JSON string is parsed, a qs object is taken as is; null when it
    /// is absent or not an object.
    /// </summary>
    public static JsonObject? ObjectParam(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject o:
                return (JsonObject)o.DeepClone();
            case JsonValue v when v.TryGetValue<string>(out var text):
                try
                {
                    return SisJson.Parse(text) as JsonObject;
                }
                catch (JsonException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>Compiles a Mongo query document; <paramref name="typeOf"/> gives a dotted path's schema type.</summary>
    public static Outcome<Func<JsonObject, bool>> Filter(
        JsonObject query,
        Func<string, FieldTypeInfo?> typeOf
    ) => MongoFilter.Compile(query, typeOf).Map<Func<JsonObject, bool>>(f => f.Matches);

    /// <summary>Sorts by a <c>sort</c> parameter (<c>-name,num</c>); null keeps natural order.</summary>
    public static IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> docs, string? sort) =>
        Sorter.Parse(sort) is { IsEmpty: false } sorter ? sorter.Sort(docs) : docs;

    /// <summary>A <c>fields</c> projection (<c>a,b.c</c> or <c>-x</c>; <c>_id</c> is always kept).</summary>
    public static Outcome<Func<JsonObject, JsonObject>> Projection(string? fields) =>
        Query
            .Projection.Parse(fields)
            .Map<Func<JsonObject, JsonObject>>(p => p.IsEmpty ? d => d : p.Apply);

    /// <summary>Mongoose <c>doc.set(patch)</c>: top-level keys replace, plain nested objects merge recursively.</summary>
    public static JsonObject MergeNested(JsonObject target, JsonObject patch) =>
        Merge.Nested(target, patch);

    /// <summary>
    /// SIS <c>applyPartial</c>: objects merge recursively, a null value deletes the key, anything else replaces.
    /// </summary>
    public static JsonNode? ApplyPartial(JsonNode? existing, JsonNode? patch) =>
        Merge.ApplyPartial(existing, patch);
}
