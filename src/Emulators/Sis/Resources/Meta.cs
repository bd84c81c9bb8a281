using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Which variant of the <c>_sis</c> metadata a model stores (§2.7).</summary>
internal enum MetaShape
{
    /// <summary>Hooks, hiera: owner required, no references.</summary>
    SisObject,

    /// <summary>Schemas: like SIS objects plus <c>_references</c>.</summary>
    Schema,

    /// <summary>Entities: <c>any_owner_can_modify</c> and <c>_trans_id</c>.</summary>
    Entity,

    /// <summary>Users: no owner.</summary>
    User,

    /// <summary>Tokens: only tags, immutable, locked.</summary>
    Token,
}

/// <summary>Mongoose casting of the <c>_sis</c> sub-document and the metadata rules of §2.7.</summary>
internal static class Meta
{
    /// <summary>The four meta fields a PUT body may change (§2.6.2 step 4).</summary>
    public static readonly string[] Mutable = ["tags", "immutable", "owner", "locked"];

    /// <summary>
    /// The stored form of <c>_sis</c>: known keys only, in Mongoose's order, defaults filled in, owner wrapped and
    /// sorted; a cast failure is a 400 ValidationError like Mongoose's.
    /// </summary>
    public static Outcome<JsonObject> Normalize(JsonNode? input, MetaShape shape)
    {
        var source = input as JsonObject ?? [];
        var result = new JsonObject();
        if (shape != MetaShape.Token)
        {
            foreach (var key in (string[])["_created_at", "_updated_at"])
            {
                if (source[key] is JsonNode time)
                {
                    result[key] = time.DeepClone();
                }
            }
            foreach (var key in (string[])["_created_by", "_updated_by", "_version"])
            {
                if (source[key] is JsonNode text)
                {
                    result[key] =
                        text is JsonValue v && v.GetValueKind() == JsonValueKind.String
                            ? v.DeepClone()
                            : text.ToJsonString();
                }
            }
        }
        if (shape == MetaShape.Entity)
        {
            result["any_owner_can_modify"] = Truthy(source["any_owner_can_modify"]);
        }
        var tags = Strings(source["tags"], "_sis.tags");
        if (!tags.IsOk)
        {
            return tags.Problem!;
        }
        result["tags"] = tags.Value;
        result["immutable"] = Truthy(source["immutable"]);
        result["locked"] = Truthy(source["locked"]);
        if (shape == MetaShape.Schema)
        {
            result["_references"] = source["_references"]?.DeepClone() ?? new JsonArray();
        }
        if (shape is MetaShape.SisObject or MetaShape.Schema or MetaShape.Entity)
        {
            var owner = Strings(source["owner"], "_sis.owner");
            if (!owner.IsOk)
            {
                return owner.Problem!;
            }
            var sorted = owner
                .Value!.OfType<JsonValue>()
                .Select(o => o.GetValue<string>())
                .Order(StringComparer.Ordinal);
            result["owner"] = new JsonArray([.. sorted.Select(s => (JsonNode)s)]);
        }
        if (shape == MetaShape.Entity && source["_trans_id"] is JsonNode trans)
        {
            result["_trans_id"] = trans.DeepClone();
        }
        if (shape == MetaShape.Entity)
        {
            // Entity metadata keeps the owner right after any_owner_can_modify (§2.7).
            var ordered = new JsonObject();
            foreach (var (key, value) in result.ToList())
            {
                result.Remove(key);
                ordered[key] = value;
                if (key == "any_owner_can_modify" && result.Remove("owner", out var owner))
                {
                    ordered["owner"] = owner;
                }
            }
            return Outcome.Ok(ordered);
        }
        return Outcome.Ok(result);
    }

    /// <summary>Mongoose's lenient Boolean cast.</summary>
    public static bool Truthy(JsonNode? value) =>
        value switch
        {
            null => false,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.False or JsonValueKind.Null => false,
                JsonValueKind.String => v.GetValue<string>() is not ("false" or "0" or ""),
                JsonValueKind.Number => v.GetValue<double>() != 0,
                _ => true,
            },
            _ => true,
        };

    /// <summary>An array of strings from an array, a scalar (wrapped) or nothing (empty).</summary>
    private static Outcome<JsonArray> Strings(JsonNode? value, string path)
    {
        var items = value switch
        {
            null => [],
            JsonArray a => a.ToList(),
            _ => [value],
        };
        var result = new JsonArray();
        foreach (var item in items)
        {
            switch (item)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    result.Add(v.GetValue<string>());
                    break;
                case JsonValue v
                    when v.GetValueKind()
                        is JsonValueKind.Number
                            or JsonValueKind.True
                            or JsonValueKind.False:
                    result.Add(v.ToJsonString());
                    break;
                case null:
                    result.Add(null);
                    break;
                default:
                    return SisProblem.BadRequest(
                        $"ValidationError: Cast to [String] failed for value \"{SisJson.Text(item)}\" at path \"{path}\""
                    );
            }
        }
        return Outcome.Ok(result);
    }

    /// <summary>Whether any array (at any depth of objects) differs between the two documents: Mongoose's <c>_v</c> bump.</summary>
    public static bool ArrayChanged(JsonNode? old, JsonNode? updated)
    {
        if (old is JsonArray || updated is JsonArray)
        {
            return !JsonNode.DeepEquals(old, updated);
        }
        if (old is JsonObject a && updated is JsonObject b)
        {
            return a.Select(p => p.Key)
                .Union(b.Select(p => p.Key))
                .Any(k => ArrayChanged(a[k], b[k]));
        }
        if (old is JsonObject x)
        {
            return x.Any(p => ArrayChanged(p.Value, null));
        }
        if (updated is JsonObject y)
        {
            return y.Any(p => ArrayChanged(null, p.Value));
        }
        return false;
    }
}
