using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Functional.Emulators.Sis.Schemas;

/// <summary>
/// A parsed SIS schema <c>definition</c> (Mongoose 4.0 schema syntax, spec §2.8.1): its paths and types, the stored
/// form, and the derived lists the host needs (references, unique and indexed paths).
/// </summary>
internal sealed class SchemaDefinition
{
    private static readonly HashSet<string> MongooseReserved =
    [
        "on",
        "db",
        "set",
        "get",
        "init",
        "isNew",
        "errors",
        "schema",
        "options",
        "modelName",
        "collection",
        "toObject",
        "emit",
        "_events",
        "_pres",
        "_posts",
    ];

    private static readonly FieldType MetaString = FieldType.Scalar(FieldKind.String);
    private static readonly FieldType MetaNumber = FieldType.Scalar(FieldKind.Number);
    private static readonly FieldType MetaBoolean = FieldType.Scalar(FieldKind.Boolean);

    private static readonly FieldType SisMeta = FieldType.NestedOf([
        new("_created_at", MetaNumber),
        new("_updated_at", MetaNumber),
        new("_created_by", MetaString),
        new("_updated_by", MetaString),
        new("_version", MetaString),
        new("owner", FieldType.ArrayOf(MetaString)),
        new("tags", FieldType.ArrayOf(MetaString)),
        new("locked", MetaBoolean),
        new("immutable", MetaBoolean),
        new("any_owner_can_modify", MetaBoolean),
    ]);

    private readonly JsonObject _stored;

    private SchemaDefinition(JsonObject stored, FieldType root)
    {
        _stored = stored;
        Root = root;
        var references = new List<ReferencePath>();
        var unique = new List<string>();
        var indexed = new List<string>();
        var mixed = new List<string>();
        Walk(root.Fields, "", false, references, unique, indexed, mixed);
        ReferencePaths = references;
        UniqueFields = unique;
        IndexedFields = indexed;
        MixedMergePaths = mixed;
        TopLevelFields = [.. root.Fields.Select(f => f.Name)];
    }

    /// <summary>The top level as a nested type (its <see cref="FieldType.Fields"/> are the definition's paths).</summary>
    public FieldType Root { get; }

    /// <summary>ObjectId paths with a <c>ref</c>, single or in arrays (also inside nested objects and arrays of sub-documents).</summary>
    public IReadOnlyList<ReferencePath> ReferencePaths { get; }

    /// <summary>Dotted paths declared <c>unique</c>.</summary>
    public IReadOnlyList<string> UniqueFields { get; }

    /// <summary>Dotted paths declared <c>index</c> or <c>unique</c>.</summary>
    public IReadOnlyList<string> IndexedFields { get; }

    /// <summary>The top-level field names, in definition order (<c>_sis</c> excluded).</summary>
    public IReadOnlyList<string> TopLevelFields { get; }

    /// <summary>Dotted paths (outside arrays of sub-documents) declared <c>type: "Mixed"</c> (or <c>{}</c>): merged
    /// with applyPartial on entity updates (spec §2.8.2).</summary>
    public IReadOnlyList<string> MixedMergePaths { get; }

    /// <summary>The schema names referenced, one per reference path (<c>_sis._references</c>).</summary>
    public IReadOnlyList<string> ReferencedSchemas => [.. ReferencePaths.Select(r => r.Ref)];

    /// <summary>
    /// Parses a definition. Failures are 400s: <c>"Cannot add an empty schema."</c>, <c>"&lt;f&gt; is a reserved field"</c>,
    /// <c>"Schema is invalid: &lt;mongoose error&gt;"</c> (unknown types, bad <c>match</c>, Mongoose-reserved names).
    /// </summary>
    public static Outcome<SchemaDefinition> Parse(JsonObject? definition)
    {
        if (definition is null || definition.Count == 0)
        {
            return SisProblem.BadRequest("Cannot add an empty schema.");
        }
        foreach (var (key, _) in definition)
        {
            if (key.StartsWith('_') && key != "_sis")
            {
                return SisProblem.BadRequest(key + " is a reserved field");
            }
        }
        if (
            definition["_sis"] is JsonObject sis
            && sis.ContainsKey("owner")
            && !IsOwnerStringArray(sis["owner"])
        )
        {
            return SisProblem.BadRequest("Schema is invalid: _sis.owner must be [\"String\"]");
        }
        var fields = new List<SchemaField>();
        foreach (var (key, value) in definition)
        {
            if (key == "_sis")
            {
                continue;
            }
            if (MongooseReserved.Contains(key))
            {
                return Invalid("Error: `" + key + "` may not be used as a schema pathname");
            }
            var type = ParsePath(key, value, topSchema: true);
            if (!type.IsOk)
            {
                return type.Problem!;
            }
            fields.Add(new SchemaField(key, type.Value!));
        }
        return Outcome.Ok(new SchemaDefinition(StoredForm(definition), FieldType.NestedOf(fields)));
    }

    /// <summary>The stored definition: the input with every <c>{}</c> field rewritten to <c>{"type":"Mixed"}</c>.</summary>
    public JsonObject ToJson() => (JsonObject)_stored.DeepClone();

    /// <summary>
    /// The type at a dotted path (for casting query values): nested objects are walked, array indexes are skipped, a
    /// path into an array of sub-documents gives the sub-document field's type. <c>_id</c>, <c>_v</c> and the
    /// <c>_sis</c> meta paths have their built-in types. Null when the path is unknown (no casting).
    /// </summary>
    public FieldType? PathType(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        switch (dotted)
        {
            case "_id":
                return FieldType.Scalar(FieldKind.ObjectId);
            case "_v":
                return MetaNumber;
        }
        var segments = dotted.Split('.');
        FieldType current = segments[0] == "_sis" ? SisMeta : Root;
        var start = segments[0] == "_sis" ? 1 : 0;
        if (start == 1 && segments.Length == 1)
        {
            return SisMeta;
        }
        for (var i = start; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (current.IsArray && IsIndex(segment))
            {
                continue;
            }
            switch (current.Kind)
            {
                case FieldKind.Nested:
                case FieldKind.DocumentArray:
                    var next = current.Field(segment);
                    if (next is null)
                    {
                        return segment == "_id" && current.Kind == FieldKind.DocumentArray
                            ? FieldType.Scalar(FieldKind.ObjectId)
                            : null;
                    }
                    current = next;
                    break;
                default:
                    return null;
            }
        }
        return current;
    }

    /// <summary>True when the dotted path holds an array (an array field or an array of sub-documents).</summary>
    public bool IsArrayPath(string dotted) => PathType(dotted)?.IsArray ?? false;

    private static Outcome<FieldType> ParsePath(string path, JsonNode? value, bool topSchema)
    {
        switch (value)
        {
            case null:
                return Invalid("TypeError: Cannot read property 'constructor' of null");
            case JsonObject obj when !JsValues.Truthy(obj["type"]) || IsNestedTypeKey(obj["type"]):
                if (obj.Count == 0)
                {
                    return Outcome.Ok(
                        FieldType.Scalar(FieldKind.Mixed, new FieldOptions { MergeAsMixed = true })
                    );
                }
                var fields = new List<SchemaField>();
                foreach (var (key, sub) in obj)
                {
                    var full = path + "." + key;
                    var type = ParsePath(full, sub, topSchema);
                    if (!type.IsOk)
                    {
                        return type;
                    }
                    fields.Add(new SchemaField(key, type.Value!));
                }
                return Outcome.Ok(FieldType.NestedOf(fields));
            case JsonObject obj:
                return Interpret(path, obj["type"], obj, topSchema);
            default:
                return Interpret(path, value, null, topSchema);
        }
    }

    private static bool IsNestedTypeKey(JsonNode? type) =>
        type is JsonObject t && JsValues.Truthy(t["type"]);

    /// <summary>Mongoose's interpretAsType: <paramref name="type"/> is the <c>type</c>, <paramref name="options"/> the
    /// whole <c>{type, ...}</c> object or null for the short form.</summary>
    private static Outcome<FieldType> Interpret(
        string path,
        JsonNode? type,
        JsonObject? options,
        bool topSchema
    )
    {
        if (type is JsonArray array || JsValues.AsString(type) == "array")
        {
            var arrayOptions = ReadOptions(path, options, FieldKind.Array, topSchema: false);
            if (!arrayOptions.IsOk)
            {
                return arrayOptions.Problem!;
            }
            var cast = type is JsonArray a && a.Count > 0 ? a[0] : null;
            return InterpretArray(path, cast, arrayOptions.Value!);
        }
        var name = JsValues.AsString(type);
        var kind = name is null ? (FieldKind?)null : TypeByName(name);
        if (kind is null)
        {
            return Invalid(
                "TypeError: Undefined type `"
                    + (name ?? "undefined")
                    + "` at `"
                    + path
                    + "`\n  Did you try nesting Schemas? You can only nest using refs or arrays."
            );
        }
        if (name == "Array")
        {
            return ReadOptions(path, options, FieldKind.Array, topSchema: false)
                .Map(o => FieldType.ArrayOf(FieldType.Scalar(FieldKind.Mixed), o));
        }
        var read = ReadOptions(
            path,
            options ?? new JsonObject { ["type"] = name },
            kind.Value,
            topSchema
        );
        if (!read.IsOk)
        {
            return read.Problem!;
        }
        var reference = kind == FieldKind.ObjectId ? JsValues.AsString(options?["ref"]) : null;
        return Outcome.Ok(
            FieldType.Scalar(
                kind.Value,
                read.Value!,
                string.IsNullOrEmpty(reference) ? null : reference
            )
        );
    }

    private static Outcome<FieldType> InterpretArray(
        string path,
        JsonNode? cast,
        FieldOptions arrayOptions
    )
    {
        switch (cast)
        {
            case null:
                return Outcome.Ok(
                    FieldType.ArrayOf(FieldType.Scalar(FieldKind.Mixed), arrayOptions)
                );
            case JsonObject obj
                when obj.Count > 0
                    && (!JsValues.Truthy(obj["type"]) || IsNestedTypeKey(obj["type"])):
                var fields = new List<SchemaField>();
                foreach (var (key, sub) in obj)
                {
                    if (MongooseReserved.Contains(key))
                    {
                        return Invalid("Error: `" + key + "` may not be used as a schema pathname");
                    }
                    var type = ParsePath(key, sub, topSchema: false);
                    if (!type.IsOk)
                    {
                        return type;
                    }
                    fields.Add(new SchemaField(key, type.Value!));
                }
                return Outcome.Ok(FieldType.DocumentArrayOf(fields, arrayOptions));
            case JsonObject obj when !JsValues.Truthy(obj["type"]):
                return Outcome.Ok(
                    FieldType.ArrayOf(FieldType.Scalar(FieldKind.Mixed), arrayOptions)
                );
            case JsonObject obj:
                var elementName = JsValues.AsString(obj["type"]);
                var elementKind = elementName is null ? null : TypeByName(elementName);
                if (elementKind is null || elementName == "Array")
                {
                    return Invalid("TypeError: " + JsTypeOf(obj["type"]) + " is not a function");
                }
                var elementOptions = ReadOptions(path, obj, elementKind.Value, topSchema: false);
                if (!elementOptions.IsOk)
                {
                    return elementOptions.Problem!;
                }
                var reference =
                    elementKind == FieldKind.ObjectId ? JsValues.AsString(obj["ref"]) : null;
                return Outcome.Ok(
                    FieldType.ArrayOf(
                        FieldType.Scalar(
                            elementKind.Value,
                            elementOptions.Value!,
                            string.IsNullOrEmpty(reference) ? null : reference
                        ),
                        arrayOptions
                    )
                );
            default:
                var text = JsValues.AsString(cast);
                if (text is null)
                {
                    if (cast is JsonArray)
                    {
                        return Invalid("TypeError: object is not a function");
                    }
                    return JsValues.Truthy(cast)
                        ? Invalid("TypeError: " + JsTypeOf(cast) + " is not a function")
                        : Outcome.Ok(
                            FieldType.ArrayOf(FieldType.Scalar(FieldKind.Mixed), arrayOptions)
                        );
                }
                var capitalized =
                    text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
                var k = TypeByName(capitalized);
                return Outcome.Ok(
                    k is null || capitalized == "Array"
                        ? FieldType.ArrayOf(FieldType.Scalar(FieldKind.Mixed), arrayOptions)
                        : FieldType.ArrayOf(FieldType.Scalar(k.Value), arrayOptions)
                );
        }
    }

    private static string JsTypeOf(JsonNode? node) =>
        node switch
        {
            null => "object",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "object",
            },
            _ => "object",
        };

    private static FieldKind? TypeByName(string name) =>
        name switch
        {
            "String" => FieldKind.String,
            "Number" => FieldKind.Number,
            "Boolean" or "Bool" => FieldKind.Boolean,
            "Date" => FieldKind.Date,
            "ObjectId" or "Oid" => FieldKind.ObjectId,
            "Mixed" or "Object" => FieldKind.Mixed,
            "IpAddress" => FieldKind.IpAddress,
            "Buffer" => FieldKind.Buffer,
            "Array" => FieldKind.Array,
            _ => null,
        };

    private static Outcome<FieldOptions> ReadOptions(
        string path,
        JsonObject? o,
        FieldKind kind,
        bool topSchema
    )
    {
        if (o is null)
        {
            return Outcome.Ok(FieldOptions.None);
        }
        var options = new FieldOptions
        {
            Required = JsValues.Truthy(o["required"]),
            Unique = JsValues.Truthy(o["unique"]),
            Index = JsValues.Truthy(o["index"]),
            HasDefault = o.ContainsKey("default"),
            Default = o["default"]?.DeepClone(),
            MergeAsMixed = kind == FieldKind.Mixed && JsValues.AsString(o["type"]) == "Mixed",
        };
        switch (kind)
        {
            case FieldKind.Number:
                return Outcome.Ok(options with { Min = Bound(o["min"]), Max = Bound(o["max"]) });
            case FieldKind.String:
                options = options with
                {
                    Lowercase = JsValues.Truthy(o["lowercase"]),
                    Uppercase = JsValues.Truthy(o["uppercase"]),
                    Trim = JsValues.Truthy(o["trim"]),
                    Enum = EnumValues(o["enum"]),
                };
                var match = o["match"];
                if (!JsValues.Truthy(match))
                {
                    return Outcome.Ok(options);
                }
                var regex = ToRegex(JsValues.AsString(match));
                if (regex is null)
                {
                    return topSchema
                        ? Invalid("match " + JsValues.ToJsString(match))
                        : Outcome.Ok(options);
                }
                return Outcome.Ok(options with { Match = regex });
            default:
                return Outcome.Ok(options);
        }
    }

    private static double? Bound(JsonNode? node) => node is null ? null : JsValues.ToNumber(node);

    private static List<string?>? EnumValues(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonArray a => [.. a.Select(v => v is null ? null : JsValues.ToJsString(v))],
            JsonObject obj => obj["values"] is JsonArray values
                ? [.. values.Select(v => v is null ? null : JsValues.ToJsString(v))]
                : null,
            _ => [JsValues.ToJsString(node)],
        };

    /// <summary>SIS's toRegex: <c>"/pattern/flags"</c> only (flags g, i, m); null when invalid.</summary>
    internal static Regex? ToRegex(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            return null;
        }
        var splits = text.Split('/');
        if (splits.Length < 3 || splits[0].Length != 0)
        {
            return null;
        }
        var flags = splits[^1];
        var pattern = string.Join("/", splits[1..^1]);
        if (pattern.Length == 0 || flags.Distinct().Count() != flags.Length)
        {
            return null;
        }
        var regexOptions = RegexOptions.ECMAScript | RegexOptions.CultureInvariant;
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case 'i':
                    regexOptions |= RegexOptions.IgnoreCase;
                    break;
                case 'm':
                    regexOptions |= RegexOptions.Multiline;
                    break;
                case 'g':
                    break;
                default:
                    return null;
            }
        }
        try
        {
            return new Regex(pattern, regexOptions, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsOwnerStringArray(JsonNode? node) =>
        node is JsonArray { Count: 1 } a && JsValues.AsString(a[0]) == "String";

    private static bool IsIndex(string segment) =>
        segment.Length > 0
        && segment.All(char.IsAsciiDigit)
        && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static SisProblem Invalid(string mongooseError) =>
        SisProblem.BadRequest("Schema is invalid: " + mongooseError);

    private static JsonObject StoredForm(JsonObject definition)
    {
        var result = new JsonObject();
        foreach (var (key, value) in definition)
        {
            result[key] = key == "_sis" ? value?.DeepClone() : StoredValue(value);
        }
        return result;
    }

    private static JsonNode? StoredValue(JsonNode? value)
    {
        if (value is not JsonObject obj)
        {
            return value?.DeepClone();
        }
        if (obj.Count == 0)
        {
            return new JsonObject { ["type"] = "Mixed" };
        }
        if (JsValues.Truthy(obj["type"]) && !IsNestedTypeKey(obj["type"]))
        {
            return obj.DeepClone();
        }
        var nested = new JsonObject();
        foreach (var (key, sub) in obj)
        {
            nested[key] = StoredValue(sub);
        }
        return nested;
    }

    private static void Walk(
        IReadOnlyList<SchemaField> fields,
        string prefix,
        bool inArray,
        List<ReferencePath> references,
        List<string> unique,
        List<string> indexed,
        List<string> mixed
    )
    {
        foreach (var field in fields)
        {
            var path = prefix + field.Name;
            var type = field.Type;
            if (type.Options.Unique)
            {
                unique.Add(path);
            }
            if (type.Options.Unique || type.Options.Index)
            {
                indexed.Add(path);
            }
            switch (type.Kind)
            {
                case FieldKind.ObjectId when type.Ref is not null:
                    references.Add(new ReferencePath(path, type.Ref, inArray));
                    break;
                case FieldKind.Array
                    when type.Element is { Kind: FieldKind.ObjectId, Ref: not null }:
                    references.Add(new ReferencePath(path, type.Element.Ref, true));
                    break;
                case FieldKind.Mixed when type.Options.MergeAsMixed && !inArray:
                    mixed.Add(path);
                    break;
                case FieldKind.Nested:
                    Walk(type.Fields, path + ".", inArray, references, unique, indexed, mixed);
                    break;
                case FieldKind.DocumentArray:
                    Walk(type.Fields, path + ".", true, references, unique, indexed, mixed);
                    break;
            }
        }
    }
}
