using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Schemas;
using Functional.Emulators.Sis.Store;
using QueryKind = Functional.Emulators.Sis.Query.FieldKind;
using SchemaKind = Functional.Emulators.Sis.Schemas.FieldKind;

namespace Functional.Emulators.Sis.Resources;

/// <summary>
/// Schemas (§2.8.1): definitions parsed by the schema part; id_field inference; update replaces the definition and
/// unsets removed fields from the entities; delete drops the entities; <c>with_counts</c>.
/// </summary>
internal sealed partial class SchemaModel(SisContext context) : ResourceModel(context)
{
    private static readonly string[] Flags = ["any_owner_can_modify", "is_public", "is_open"];

    public override string Type => SisStore.Schemas;

    public override Collection Collection => Context.Store.Get(SisStore.Schemas);

    public override MetaShape Shape => MetaShape.Schema;

    public override IReadOnlyList<string> TrailingFields =>
        [
            "any_owner_can_modify",
            "is_public",
            "id_field",
            "is_open",
            "track_history",
            "locked_fields",
        ];

    public override string? HookType => SisStore.Schemas;

    public override SisProblem? Validate(JsonObject body, JsonObject? existing, Caller caller)
    {
        if (
            SisJson.Str(body, "name") is { } name
            && name.StartsWith("sis_", StringComparison.Ordinal)
        )
        {
            return SisProblem.BadRequest("Schema name is reserved.");
        }
        var definition = SchemaDefinition.Parse(body["definition"] as JsonObject);
        if (!definition.IsOk)
        {
            return definition.Problem;
        }
        if (
            body.TryGetPropertyValue("locked_fields", out var locked)
            && locked is not (null or JsonArray)
        )
        {
            return SisProblem.BadRequest("locked_fields must be an array.");
        }
        if (existing?["definition"] is JsonObject old && locked is JsonArray lockedFields)
        {
            var fresh = (JsonObject)body["definition"]!;
            foreach (var field in lockedFields.OfType<JsonValue>().Select(v => v.ToString()))
            {
                if (old.ContainsKey(field) && !fresh.ContainsKey(field))
                {
                    return SisProblem.BadRequest("Cannot remove field " + field);
                }
            }
        }
        if (SisJson.Str(body, "id_field") is { } idField and not "_id")
        {
            var type = definition.Value!.PathType(idField);
            if (type is null || !type.Options.Required || !type.Options.Unique)
            {
                return SisProblem.BadRequest("ID Field must be required and unique.");
            }
        }
        return caller.AuthOff ? null : Rbac.NormalizeOwner(body);
    }

    public override SisProblem? Authorize(
        AuthEvent evt,
        JsonObject document,
        JsonObject user,
        JsonObject? merged
    ) => Rbac.AuthorizeSchema(evt, document, user, merged);

    /// <summary>id_field inference on create (§2.8.1).</summary>
    public override Outcome<JsonObject> PreAdd(JsonObject document, Caller caller)
    {
        if (SisJson.Str(document, "id_field") is null or "_id")
        {
            var definition = SchemaDefinition.Parse((JsonObject)document["definition"]!).Value!;
            bool Candidate(string f) =>
                definition.PathType(f) is { } t && t.Options.Required && t.Options.Unique;
            document["id_field"] =
                Candidate("name") ? "name"
                : Candidate("id") ? "id"
                : definition.TopLevelFields.FirstOrDefault(Candidate) ?? "_id";
        }
        return Outcome.Ok(document);
    }

    /// <summary>PUT replaces given fields, removes a missing description, resets a missing id_field to <c>_id</c>.</summary>
    public override Outcome<JsonObject> Merge(
        JsonObject target,
        JsonObject body,
        SisRequest request
    )
    {
        foreach (var (key, value) in body)
        {
            target[key] = value?.DeepClone();
        }
        if (!body.ContainsKey("description"))
        {
            target.Remove("description");
        }
        target["id_field"] = Meta.Truthy(body["id_field"]) ? body["id_field"]!.DeepClone() : "_id";
        return Outcome.Ok(target);
    }

    public override Outcome<JsonObject> Cast(JsonObject document)
    {
        var errors = new List<string>();
        var parsed = SchemaDefinition.Parse(document["definition"] as JsonObject);
        if (!parsed.IsOk)
        {
            return parsed.Problem!;
        }
        var result = new JsonObject();
        var name = Text(document["name"], "name", errors);
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("Path `name` is required.");
        }
        else if (!NamePattern().IsMatch(name))
        {
            errors.Add($"Path `name` is invalid ({name}).");
        }
        result["name"] = name;
        result["definition"] = parsed.Value!.ToJson();
        if (document["description"] is { } description)
        {
            result["description"] = Text(description, "description", errors);
        }
        foreach (var flag in Flags)
        {
            result[flag] = Meta.Truthy(document[flag]);
        }
        result["id_field"] = Text(document["id_field"], "id_field", errors) ?? "_id";
        result["track_history"] =
            !document.ContainsKey("track_history") || Meta.Truthy(document["track_history"]);
        result["locked_fields"] = new JsonArray([
            .. (document["locked_fields"] as JsonArray ?? []).Select(v =>
                (JsonNode?)Text(v, "locked_fields", errors)
            ),
        ]);
        foreach (var key in (string[])["_id", "_v", "_sis"])
        {
            if (document.TryGetPropertyValue(key, out var value))
            {
                result[key] = value?.DeepClone();
            }
        }
        if (result["_sis"] is JsonObject meta)
        {
            meta["_references"] = new JsonArray([
                .. parsed.Value!.ReferencedSchemas.Select(r => (JsonNode?)r),
            ]);
        }
        return errors.Count > 0
            ? SisProblem.BadRequest("ValidationError: " + string.Join(", ", errors))
            : Outcome.Ok(result);
    }

    private static string? Text(JsonNode? value, string path, List<string> errors)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v:
                return v.ToJsonString();
            default:
                errors.Add(
                    $"Cast to String failed for value \"{SisJson.Text(value)}\" at path \"{path}\""
                );
                return null;
        }
    }

    public override JsonObject Present(JsonObject stored, SisRequest request)
    {
        var copy = SisJson.Copy(stored);
        if (request.QueryString("with_counts") == "true")
        {
            copy["entity_count"] = Context
                .Store.Get(SisJson.Str(stored, "name") ?? "")
                .Snapshot.Count;
        }
        return copy;
    }

    /// <summary>Fields removed from the definition are unset in every entity; unique indexes follow the new definition.</summary>
    public override void AfterUpdate(JsonObject old, JsonObject updated)
    {
        var name = SisJson.Str(updated, "name") ?? "";
        var removed = (old["definition"] as JsonObject ?? [])
            .Select(p => p.Key)
            .Where(k => !((JsonObject)updated["definition"]!).ContainsKey(k))
            .ToList();
        var entities = Context.Store.Get(name);
        lock (entities.Gate)
        {
            if (
                SchemaDefinition.Parse(updated["definition"] as JsonObject) is { IsOk: true } parsed
            )
            {
                entities.UniqueFields = [.. parsed.Value!.UniqueFields];
            }
            if (removed.Count > 0)
            {
                entities.Reset(
                    entities.Snapshot.Select(e =>
                    {
                        var copy = SisJson.Copy(e);
                        foreach (var field in removed)
                        {
                            copy.Remove(field);
                        }
                        return copy;
                    })
                );
            }
        }
    }

    /// <summary>Deleting a schema drops its entities (their commits remain).</summary>
    public override void AfterDelete(JsonObject removed) =>
        Context.Store.Drop(SisJson.Str(removed, "name") ?? "");

    protected override FieldTypeInfo? FieldTypeOf(string path) =>
        path switch
        {
            "name" or "description" or "id_field" => FieldTypeInfo.Of(QueryKind.String),
            "any_owner_can_modify" or "is_public" or "is_open" or "track_history" =>
                FieldTypeInfo.Of(QueryKind.Boolean),
            "locked_fields" or "_sis._references" => FieldTypeInfo.ArrayOf(QueryKind.String),
            _ when path.StartsWith("definition", StringComparison.Ordinal) => FieldTypeInfo.Of(
                QueryKind.Mixed
            ),
            _ => null,
        };

    /// <summary>The query-casting type of a schema path type.</summary>
    public static FieldTypeInfo? ToQuery(FieldType? type) =>
        type switch
        {
            null => null,
            { Kind: SchemaKind.Array } => new FieldTypeInfo(Scalar(type.Element?.Kind), true),
            { Kind: SchemaKind.DocumentArray } => new FieldTypeInfo(QueryKind.Other, true),
            _ => FieldTypeInfo.Of(Scalar(type.Kind)),
        };

    private static QueryKind Scalar(SchemaKind? kind) =>
        kind switch
        {
            SchemaKind.String => QueryKind.String,
            SchemaKind.Number => QueryKind.Number,
            SchemaKind.Boolean => QueryKind.Boolean,
            SchemaKind.Date => QueryKind.Date,
            SchemaKind.ObjectId => QueryKind.ObjectId,
            SchemaKind.Mixed => QueryKind.Mixed,
            _ => QueryKind.Other,
        };

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NamePattern();
}
