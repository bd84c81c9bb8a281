using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Emulators.Sis.Query;

/// <summary>What <see cref="Joins.Rewrite"/> needs to know about the stored schemas and entities.</summary>
internal interface IJoinSource
{
    /// <summary>
    /// The reference paths of <paramref name="schema"/> (single ids, arrays of ids, and ids inside arrays of
    /// sub-documents, e.g. <c>docs.ref</c>), or null when the schema does not exist.
    /// </summary>
    IReadOnlyList<ReferencePath>? ReferencePaths(string schema);

    /// <summary>
    /// The <c>_id</c>s (strings) of the entities of <paramref name="schema"/> that match <paramref name="query"/>.
    /// The query is already rewritten: compile it with <see cref="MongoFilter.Compile"/> and the schema's path types
    /// as it is, without rewriting it again. Only called for schemas that exist.
    /// </summary>
    Outcome<IReadOnlyList<string>> FindIds(string schema, JsonObject query);
}

/// <summary>
/// Joins in entity queries (spec §2.5): a key <c>&lt;refPath&gt;.&lt;subPath&gt;</c> whose <c>refPath</c> is a reference
/// path of the schema (and whose <c>subPath</c> is not <c>_id</c>) is resolved by querying the referenced schema for
/// the matching <c>_id</c>s and rewritten to <c>&lt;refPath&gt;: &lt;id&gt;</c> (one id) or
/// <c>&lt;refPath&gt;: {"$in": [ids]}</c> (none or several). Sub-paths may go through further references
/// (<c>ref_1.ref_0.num</c>); conditions inside <c>$or</c>/<c>$and</c>/<c>$nor</c> are rewritten too; several joins on
/// the same reference path intersect. A key ending in <c>.</c> (or a logical operator whose value is not an array)
/// leaves its whole query object as it is; <c>refPath._id</c> is not a join; a reference to a schema that does not
/// exist leaves its condition as it is (it then matches nothing).
/// </summary>
internal static class Joins
{
    /// <summary>
    /// Rewrites the joins of <paramref name="query"/> (a query on the entities of <paramref name="schema"/>). The result
    /// is a new object that shares no node with <paramref name="query"/> (which is not modified); its keys keep their
    /// order, a rewritten reference path takes the place of a plain condition on the same path or else comes after the
    /// other keys. Fails only when <see cref="IJoinSource.FindIds"/> fails.
    /// </summary>
    public static Outcome<JsonObject> Rewrite(JsonObject query, string schema, IJoinSource source)
    {
        var references = source.ReferencePaths(schema);
        if (references is not { Count: > 0 } || !Flattenable(query))
        {
            return Outcome.Ok(Copy(query));
        }
        var result = new JsonObject();
        var resolved = new List<(string Path, List<string> Ids)>();
        foreach (var (key, value) in query)
        {
            if (IsLogical(key))
            {
                var branches = new JsonArray();
                foreach (var element in (JsonArray)value!)
                {
                    if (element is JsonObject branch)
                    {
                        var rewritten = Rewrite(branch, schema, source);
                        if (!rewritten.IsOk)
                        {
                            return rewritten;
                        }
                        branches.Add(rewritten.Value);
                    }
                    else
                    {
                        branches.Add(element?.DeepClone());
                    }
                }
                result[key] = branches;
                continue;
            }
            var reference = JoinOf(key, references);
            if (reference is null || source.ReferencePaths(reference.Ref) is null)
            {
                result[key] = value?.DeepClone();
                continue;
            }
            var ids = Ids(reference, key[(reference.Path.Length + 1)..], value, source);
            if (!ids.IsOk)
            {
                return ids.Problem!;
            }
            Intersect(resolved, reference.Path, ids.Value!);
        }
        foreach (var (path, ids) in resolved)
        {
            result[path] = Condition(ids);
        }
        return Outcome.Ok(result);
    }

    /// <summary>An <see cref="IJoinSource"/> made of two functions (see the interface for their contracts).</summary>
    public static IJoinSource Source(
        Func<string, IReadOnlyList<ReferencePath>?> referencePaths,
        Func<string, JsonObject, Outcome<IReadOnlyList<string>>> findIds
    ) => new DelegateSource(referencePaths, findIds);

    /// <summary>
    /// The ids of the entities of <paramref name="reference"/>'s schema (which exists) whose <paramref name="subPath"/>
    /// satisfies <paramref name="condition"/>, following further references of that schema.
    /// </summary>
    private static Outcome<IReadOnlyList<string>> Ids(
        ReferencePath reference,
        string subPath,
        JsonNode? condition,
        IJoinSource source
    )
    {
        var schema = reference.Ref;
        if (subPath.StartsWith('$'))
        {
            // Never a schema path: SIS finds no ids for paths its schema does not know.
            return Outcome.Ok<IReadOnlyList<string>>([]);
        }
        var inner = JoinOf(subPath, source.ReferencePaths(schema) ?? []);
        if (inner is null || source.ReferencePaths(inner.Ref) is null)
        {
            return Find(schema, new JsonObject { [subPath] = condition?.DeepClone() }, source);
        }
        return Ids(inner, subPath[(inner.Path.Length + 1)..], condition, source)
            .Then(ids =>
                ids.Count == 0
                    ? Outcome.Ok(ids)
                    : Find(
                        schema,
                        new JsonObject
                        {
                            [inner.Path] = Condition([.. ids.Distinct(StringComparer.Ordinal)]),
                        },
                        source
                    )
            );
    }

    private static Outcome<IReadOnlyList<string>> Find(
        string schema,
        JsonObject query,
        IJoinSource source
    ) =>
        source
            .FindIds(schema, query)
            .Map(ids => (IReadOnlyList<string>)[.. ids.Distinct(StringComparer.Ordinal)]);

    /// <summary>The first reference path <c>p</c> with <paramref name="key"/> = <c>p.&lt;sub&gt;</c> and <c>sub</c> ≠ <c>_id</c>.</summary>
    private static ReferencePath? JoinOf(string key, IReadOnlyList<ReferencePath> references)
    {
        foreach (var reference in references)
        {
            if (
                key.Length > reference.Path.Length + 1
                && key.StartsWith(reference.Path, StringComparison.Ordinal)
                && key[reference.Path.Length] == '.'
            )
            {
                return
                    key.Length == reference.Path.Length + 4
                    && key.EndsWith("._id", StringComparison.Ordinal)
                    ? null
                    : reference;
            }
        }
        return null;
    }

    /// <summary>Several joins on one path keep only the ids every one of them found (in the first one's order).</summary>
    private static void Intersect(
        List<(string Path, List<string> Ids)> resolved,
        string path,
        IReadOnlyList<string> ids
    )
    {
        var index = resolved.FindIndex(r => r.Path == path);
        if (index < 0)
        {
            resolved.Add((path, [.. ids]));
            return;
        }
        var found = new HashSet<string>(ids, StringComparer.Ordinal);
        resolved[index].Ids.RemoveAll(id => !found.Contains(id));
    }

    /// <summary>One id → the id; otherwise <c>{"$in": [ids]}</c> (<c>[]</c> matches nothing).</summary>
    private static JsonNode Condition(List<string> ids) =>
        ids.Count == 1
            ? JsonValue.Create(ids[0])
            : new JsonObject
            {
                ["$in"] = new JsonArray([.. ids.Select(id => (JsonNode)JsonValue.Create(id))]),
            };

    /// <summary>False when a key ends in <c>.</c> or a logical operator is not given an array: SIS then leaves the query as it is.</summary>
    private static bool Flattenable(JsonObject query) =>
        query.Count > 0
        && !query.Any(e => e.Key.EndsWith('.') || (IsLogical(e.Key) && e.Value is not JsonArray));

    private static bool IsLogical(string key) => key is "$or" or "$and" or "$nor";

    private static JsonObject Copy(JsonObject query) => (JsonObject)query.DeepClone();

    private sealed class DelegateSource(
        Func<string, IReadOnlyList<ReferencePath>?> referencePaths,
        Func<string, JsonObject, Outcome<IReadOnlyList<string>>> findIds
    ) : IJoinSource
    {
        public IReadOnlyList<ReferencePath>? ReferencePaths(string schema) =>
            referencePaths(schema);

        public Outcome<IReadOnlyList<string>> FindIds(string schema, JsonObject query) =>
            findIds(schema, query);
    }
}
