using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Schemas;

/// <summary>The update merges of SIS (spec §2.6.2, §2.8.2, §2.8.4).</summary>
internal static class Merge
{
    /// <summary>
    /// Mongoose <c>doc.set(patch)</c>: top-level keys replace, plain objects merge recursively into nested paths,
    /// arrays and <c>null</c> replace. With a <paramref name="schema"/>, only its nested paths (and <c>_sis</c>) merge —
    /// Mixed, reference, IpAddress and every other path replaces; without one every object merges. Neither input is
    /// changed. Unknown keys are kept (casting drops them).
    /// </summary>
    public static JsonObject Nested(
        JsonObject existing,
        JsonObject patch,
        SchemaDefinition? schema = null
    )
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(patch);
        var result = (JsonObject)existing.DeepClone();
        SetInto(result, patch, schema?.Root);
        return result;
    }

    /// <summary>
    /// The entity update (spec §2.8.2): <see cref="Nested"/> with the schema, then every Mixed path
    /// (<see cref="SchemaDefinition.MixedMergePaths"/>) is <see cref="ApplyPartial"/>-merged from its old value unless
    /// <paramref name="forceMixed"/>. A Mixed path the patch leaves out or sets to <c>null</c> keeps its old value.
    /// </summary>
    public static JsonObject Entity(
        SchemaDefinition schema,
        JsonObject existing,
        JsonObject patch,
        bool forceMixed
    )
    {
        ArgumentNullException.ThrowIfNull(schema);
        var result = Nested(existing, patch, schema);
        if (forceMixed)
        {
            return result;
        }
        foreach (var path in schema.MixedMergePaths)
        {
            var segments = path.Split('.');
            var hasOld = TryGet(existing, segments, out var old);
            TryGet(patch, segments, out var update);
            var merged = update is null
                ? old?.DeepClone()
                : ApplyPartial(hasOld ? old : null, update);
            if (update is null && !hasOld)
            {
                Remove(result, segments);
            }
            else
            {
                Set(result, segments, merged);
            }
        }
        return result;
    }

    /// <summary>
    /// SIS applyPartial (Mixed fields, hiera data): objects merge recursively; a <c>null</c> value deletes its key; a
    /// key whose old value is falsy (absent, null, 0, "", false) takes the new value as is; arrays and scalars replace;
    /// a non-object on either side replaces. A <c>null</c> <paramref name="partial"/> leaves <paramref name="full"/> as
    /// it is. Returns a new node.
    /// </summary>
    public static JsonNode? ApplyPartial(JsonNode? full, JsonNode? partial)
    {
        if (partial is null)
        {
            return full?.DeepClone();
        }
        if (partial is not JsonObject patch || full is not JsonObject original)
        {
            return partial.DeepClone();
        }
        var result = (JsonObject)original.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (!JsValues.Truthy(result[key]))
            {
                result[key] = value.DeepClone();
            }
            else
            {
                result[key] = ApplyPartial(result[key], value);
            }
        }
        return result;
    }

    private static void SetInto(JsonObject target, JsonObject patch, FieldType? level)
    {
        foreach (var (key, value) in patch)
        {
            FieldType? childLevel = null;
            var merge = value is JsonObject;
            if (level is not null && key != "_sis")
            {
                childLevel = level.Field(key);
                merge = merge && childLevel is { Kind: FieldKind.Nested };
            }
            if (merge)
            {
                if (target[key] is not JsonObject child)
                {
                    child = [];
                    target[key] = child;
                }
                SetInto(child, (JsonObject)value!, childLevel);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static bool TryGet(JsonObject root, string[] segments, out JsonNode? value)
    {
        JsonNode? current = root;
        foreach (var segment in segments)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out current))
            {
                value = null;
                return false;
            }
        }
        value = current;
        return true;
    }

    private static void Set(JsonObject root, string[] segments, JsonNode? value)
    {
        var current = root;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                next = [];
                current[segment] = next;
            }
            current = next;
        }
        current[segments[^1]] = value;
    }

    private static void Remove(JsonObject root, string[] segments)
    {
        JsonNode? current = root;
        foreach (var segment in segments[..^1])
        {
            current = (current as JsonObject)?[segment];
        }
        (current as JsonObject)?.Remove(segments[^1]);
    }
}
