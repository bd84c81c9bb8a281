using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Schemas;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>
/// The entities of one schema (§2.8.2): cast by the schema part, id_field lookups, owner rules, reference checks,
/// population, <c>removeEmpty</c>, Mixed merging, joins.
/// </summary>
internal sealed class EntityModel : ResourceModel
{
    private readonly JsonObject schema;
    private readonly SchemaDefinition definition;
    private readonly string name;

    private EntityModel(SisContext context, JsonObject schema, SchemaDefinition definition)
        : base(context)
    {
        this.schema = schema;
        this.definition = definition;
        name = SisJson.Str(schema, "name") ?? "";
        Collection = context.Store.Get(name);
        Collection.UniqueFields = [.. definition.UniqueFields];
        Collection.IndexedFields = [.. definition.IndexedFields.Where(f => !f.Contains('.'))];
    }

    /// <summary>The model of the schema called <paramref name="schemaName"/>, or 404 <c>sis_schemas X does not exist</c>.</summary>
    public static Outcome<ResourceModel> For(SisContext context, string schemaName)
    {
        if (context.Store.Get(SisStore.Schemas).Find("name", schemaName) is not { } schema)
        {
            return SisProblem.NotFound(SisStore.Schemas, schemaName);
        }
        var definition = SchemaDefinition.Parse(schema["definition"] as JsonObject);
        return definition.IsOk
            ? Outcome.Ok<ResourceModel>(new EntityModel(context, schema, definition.Value!))
            : definition.Problem!;
    }

    public override string Type => name;

    public override Collection Collection { get; }

    public override string IdField => SisJson.Str(schema, "id_field") ?? "_id";

    public override string BulkIdField => "_id";

    public override MetaShape Shape => MetaShape.Entity;

    public override string? HistoryType =>
        schema["track_history"] is JsonValue v && v.GetValueKind() == JsonValueKind.False
            ? null
            : name;

    public override string? HookType => name;

    public override string HistoryId(JsonObject document) => SisJson.Str(document, "_id") ?? "";

    public override JsonObject? FindById(string id)
    {
        if (IdField != "_id")
        {
            var byField = Collection.Snapshot.FirstOrDefault(d =>
                d[IdField] is JsonValue v
                && (
                    v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : v.ToJsonString()
                ) == id
            );
            if (byField is not null)
            {
                return byField;
            }
        }
        return ObjectIdGenerator.IsObjectId(id)
            ? Collection.Find("_id", id.ToLowerInvariant())
            : null;
    }

    public override SisProblem? Validate(JsonObject body, JsonObject? existing, Caller caller)
    {
        if (existing is null)
        {
            if (!body.Any(p => p.Key != "_sis"))
            {
                return SisProblem.BadRequest("entity cannot be empty");
            }
            if (
                body.FirstOrDefault(p => p.Key.StartsWith('_') && p.Key != "_sis").Key is
                { } reserved
            )
            {
                return SisProblem.BadRequest(reserved + " is a reserved field");
            }
        }
        else
        {
            foreach (
                var key in body.Select(p => p.Key)
                    .Where(k => k.StartsWith('_') && k != "_sis")
                    .ToList()
            )
            {
                body.Remove(key);
            }
            if (!body.Any(p => p.Key != "_sis"))
            {
                return SisProblem.BadRequest("entity cannot be empty");
            }
        }
        return caller.AuthOff ? null : Rbac.CheckEntityOwnerSubset(schema, body);
    }

    public override SisProblem? Authorize(
        AuthEvent evt,
        JsonObject document,
        JsonObject user,
        JsonObject? merged
    ) => Rbac.AuthorizeEntity(evt, schema, document, user, merged);

    public override Outcome<JsonObject> PreAdd(JsonObject document, Caller caller)
    {
        if (
            Meta.Truthy(schema["any_owner_can_modify"])
            && document["_sis"] is JsonObject meta
            && !meta.ContainsKey("any_owner_can_modify")
        )
        {
            meta["any_owner_can_modify"] = true;
        }
        return Outcome.Ok(document);
    }

    public override Outcome<JsonObject> Merge(
        JsonObject target,
        JsonObject body,
        SisRequest request
    ) =>
        Outcome.Ok(
            Schemas.Merge.Entity(
                definition,
                target,
                body,
                request.QueryString("forceMixed") is { Length: > 0 }
            )
        );

    /// <remarks>The document is the pipeline's own copy (see <see cref="ResourceModel.Cast"/>): it is consumed.</remarks>
    public override Outcome<JsonObject> Cast(JsonObject document) =>
        DocumentCaster.Cast(definition, document, Context.Store.Ids.Next, consumeInput: true);

    public override bool CanInsertWithId(string id, JsonObject body) =>
        IdField != "_id"
        && body[IdField] is JsonValue v
        && (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString())
            == id;

    /// <summary>Every reference must point to an existing entity of the referenced schema (§2.8.2).</summary>
    public override SisProblem? CheckReferences(JsonObject document)
    {
        foreach (var reference in definition.ReferencePaths)
        {
            foreach (var value in Values(document, reference.Path.Split('.')))
            {
                if (value is null)
                {
                    continue;
                }
                string? id;
                if (value is JsonObject o)
                {
                    if (o["_id"] is not JsonValue inner)
                    {
                        return SisProblem.BadRequest("Reference Object has no _id");
                    }
                    id = inner.ToString();
                }
                else
                {
                    id =
                        value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                            ? v.GetValue<string>()
                            : null;
                }
                if (Context.Store.Get(SisStore.Schemas).Find("name", reference.Ref) is null)
                {
                    return SisProblem.BadRequest("No schema named " + reference.Ref);
                }
                if (id is null || !ObjectIdGenerator.IsObjectId(id))
                {
                    continue; // casting reports the bad id
                }
                if (Context.Store.Get(reference.Ref).Find("_id", id.ToLowerInvariant()) is null)
                {
                    return SisProblem.BadRequest("Reference does not exist.");
                }
            }
        }
        return null;
    }

    /// <summary>The values at a dotted path, through arrays (array elements are values themselves at the end).</summary>
    private static IEnumerable<JsonNode?> Values(JsonNode? node, ReadOnlyMemory<string> path)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                foreach (var v in Values(item, path))
                {
                    yield return v;
                }
            }
            yield break;
        }
        if (path.Length == 0)
        {
            yield return node;
            yield break;
        }
        if (node is JsonObject o && o.TryGetPropertyValue(path.Span[0], out var child))
        {
            foreach (var v in Values(child, path[1..]))
            {
                yield return v;
            }
        }
    }

    private static IEnumerable<JsonNode?> Values(JsonNode? node, string[] path) =>
        Values(node, path.AsMemory());

    public override JsonNode PresentOne(JsonObject stored, SisRequest request) =>
        Present(stored, request);

    public override JsonObject Present(JsonObject stored, SisRequest request)
    {
        var copy = SisJson.Copy(stored);
        DefaultArrays(copy, definition.Root.Fields);
        if (request.Method is "GET" or "HEAD")
        {
            Populate(copy, request.QueryString("populate"));
        }
        if (request.QueryString("removeEmpty") is { Length: > 0 })
        {
            RemoveEmpty(copy);
        }
        return copy;
    }

    private void Populate(JsonObject document, string? populate)
    {
        if (populate == "false")
        {
            return;
        }
        var wanted = populate is null or "true"
            ? null
            : populate
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToHashSet(StringComparer.Ordinal);
        foreach (var reference in definition.ReferencePaths)
        {
            if (wanted is not null && !wanted.Contains(reference.Path))
            {
                continue;
            }
            if (Context.Store.Get(SisStore.Schemas).Find("name", reference.Ref) is null)
            {
                continue;
            }
            var target = Context.Store.Get(reference.Ref);
            Replace(
                document,
                reference.Path.Split('.'),
                0,
                id =>
                    id is JsonValue v
                    && v.GetValueKind() == JsonValueKind.String
                    && target.Find("_id", v.GetValue<string>()) is { } found
                        ? SisJson.Copy(found)
                        : null
            );
        }
    }

    private static void Replace(
        JsonNode? node,
        string[] path,
        int index,
        Func<JsonNode?, JsonNode?> resolve
    )
    {
        if (node is JsonArray items)
        {
            foreach (var item in items)
            {
                Replace(item, path, index, resolve);
            }
            return;
        }
        if (node is not JsonObject o || !o.TryGetPropertyValue(path[index], out var child))
        {
            return;
        }
        if (index < path.Length - 1)
        {
            Replace(child, path, index + 1, resolve);
        }
        else if (child is JsonArray ids)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (ids[i] is not null)
                {
                    ids[i] = resolve(ids[i]);
                }
            }
        }
        else if (child is not null)
        {
            o[path[index]] = resolve(child);
        }
    }

    /// <summary>Array fields missing in stored data (e.g. added to the schema later) are answered as <c>[]</c>.</summary>
    private static void DefaultArrays(JsonObject document, IReadOnlyList<SchemaField> fields)
    {
        foreach (var field in fields)
        {
            if (field.Type.IsArray && !document.ContainsKey(field.Name))
            {
                document[field.Name] = new JsonArray();
            }
            else if (
                field.Type.Kind == Schemas.FieldKind.Nested
                && document[field.Name] is JsonObject nested
            )
            {
                DefaultArrays(nested, field.Type.Fields);
            }
        }
    }

    /// <summary><c>removeEmpty</c>: empty arrays are removed, and objects left empty disappear.</summary>
    private static void RemoveEmpty(JsonObject o)
    {
        foreach (var (key, value) in o.ToList())
        {
            if (value is JsonObject child)
            {
                RemoveEmpty(child);
                if (child.Count == 0)
                {
                    o.Remove(key);
                }
            }
            else if (value is JsonArray { Count: 0 })
            {
                o.Remove(key);
            }
        }
    }

    /// <summary>
    /// Joins (§2.5): <c>"&lt;refPath&gt;.&lt;sub&gt;"</c> conditions (sub not <c>_id</c>) are resolved against the
    /// referenced schema and become <c>refPath: id</c> or <c>refPath: {$in: ids}</c>; recursive, also inside
    /// <c>$or/$and/$nor</c>; conditions on the same reference path intersect.
    /// </summary>
    public override Outcome<JsonObject> RewriteQuery(JsonObject query) =>
        Joins.Rewrite(
            query,
            name,
            Joins.Source(
                schemaName =>
                    For(Context, schemaName) is { IsOk: true } model
                        ? ((EntityModel)model.Value!).definition.ReferencePaths
                        : null,
                (schemaName, subQuery) =>
                    For(Context, schemaName)
                        .Then(model =>
                            Parts
                                .Filter(subQuery, model.TypeOf)
                                .Map<IReadOnlyList<string>>(filter =>
                                    [
                                        .. model
                                            .Collection.Snapshot.Where(filter)
                                            .Select(d => SisJson.Str(d, "_id") ?? ""),
                                    ]
                                )
                        )
            )
        );

    public override FieldTypeInfo? TypeOf(string path) =>
        SchemaModel.ToQuery(definition.PathType(path));
}
