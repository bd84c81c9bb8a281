using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Functional.Emulators.Sis.Schemas;

/// <summary>The kinds of a Mongoose 4 schema path as SIS uses them (spec §2.8.1).</summary>
internal enum FieldKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A (leniently cast) boolean.</summary>
    Boolean,

    /// <summary>A date, stored as ISO-8601 UTC with milliseconds.</summary>
    Date,

    /// <summary>An ObjectId (24 lower-case hex), optionally a reference (<see cref="FieldType.Ref"/>).</summary>
    ObjectId,

    /// <summary>Anything.</summary>
    Mixed,

    /// <summary>The SIS IpAddress type (an object with ip_address, version, cidr, network, broadcast, subnet_mask).</summary>
    IpAddress,

    /// <summary>A buffer (undocumented).</summary>
    Buffer,

    /// <summary>An array of <see cref="FieldType.Element"/>.</summary>
    Array,

    /// <summary>A plain nested object whose paths are <see cref="FieldType.Fields"/>.</summary>
    Nested,

    /// <summary>An array of sub-documents whose paths are <see cref="FieldType.Fields"/>.</summary>
    DocumentArray,
}

/// <summary>One named path of a definition level.</summary>
/// <param name="Name">The key (one segment).</param>
/// <param name="Type">Its type.</param>
internal sealed record SchemaField(string Name, FieldType Type);

/// <summary>A reference path: an ObjectId with <c>ref</c>, single or in an array (spec §2.8.2 "References").</summary>
/// <param name="Path">Dotted path (through nested objects and arrays of sub-documents, e.g. <c>docs.ref</c>).</param>
/// <param name="Ref">The referenced schema name.</param>
/// <param name="IsArray">True when the path holds an array of ids (or lies inside an array of sub-documents).</param>
internal sealed record ReferencePath(string Path, string Ref, bool IsArray);

/// <summary>Options of a path (spec §2.8.1 "Options").</summary>
internal sealed record FieldOptions
{
    /// <summary>No options.</summary>
    public static readonly FieldOptions None = new();

    /// <summary><c>required</c> (truthy).</summary>
    public bool Required { get; init; }

    /// <summary><c>unique</c> (truthy).</summary>
    public bool Unique { get; init; }

    /// <summary><c>index</c> (truthy).</summary>
    public bool Index { get; init; }

    /// <summary>True when a <c>default</c> key is present (even null).</summary>
    public bool HasDefault { get; init; }

    /// <summary>The <c>default</c> value (cast when applied).</summary>
    public JsonNode? Default { get; init; }

    /// <summary><c>enum</c> values (String paths).</summary>
    public IReadOnlyList<string?>? Enum { get; init; }

    /// <summary><c>min</c> (Number paths).</summary>
    public double? Min { get; init; }

    /// <summary><c>max</c> (Number paths).</summary>
    public double? Max { get; init; }

    /// <summary>The compiled <c>match</c> (String paths).</summary>
    public Regex? Match { get; init; }

    /// <summary><c>lowercase</c> setter.</summary>
    public bool Lowercase { get; init; }

    /// <summary><c>uppercase</c> setter.</summary>
    public bool Uppercase { get; init; }

    /// <summary><c>trim</c> setter.</summary>
    public bool Trim { get; init; }

    /// <summary>True when the path was declared with <c>type: "Mixed"</c> (or <c>"Mixed"</c>, or <c>{}</c>):
    /// SIS merges such paths with applyPartial on entity updates.</summary>
    public bool MergeAsMixed { get; init; }
}

/// <summary>The type of a schema path.</summary>
internal sealed record FieldType
{
    private FieldType(FieldKind kind, FieldOptions options)
    {
        Kind = kind;
        Options = options;
    }

    /// <summary>The kind.</summary>
    public FieldKind Kind { get; }

    /// <summary>The path's options.</summary>
    public FieldOptions Options { get; }

    /// <summary>For ObjectId: the referenced schema, or null.</summary>
    public string? Ref { get; private init; }

    /// <summary>For <see cref="FieldKind.Array"/>: the element type.</summary>
    public FieldType? Element { get; private init; }

    /// <summary>For <see cref="FieldKind.Nested"/> and <see cref="FieldKind.DocumentArray"/>: the paths, in definition order.</summary>
    public IReadOnlyList<SchemaField> Fields { get; private init; } = [];

    /// <summary>True for arrays and arrays of sub-documents.</summary>
    public bool IsArray => Kind is FieldKind.Array or FieldKind.DocumentArray;

    /// <summary>A scalar (or Mixed / IpAddress / Buffer) type.</summary>
    public static FieldType Scalar(
        FieldKind kind,
        FieldOptions? options = null,
        string? reference = null
    ) =>
        kind is FieldKind.Array or FieldKind.Nested or FieldKind.DocumentArray
            ? throw new ArgumentOutOfRangeException(nameof(kind))
            : new(kind, options ?? FieldOptions.None) { Ref = reference };

    /// <summary>An array of <paramref name="element"/>.</summary>
    public static FieldType ArrayOf(FieldType element, FieldOptions? options = null) =>
        new(FieldKind.Array, options ?? FieldOptions.None) { Element = element };

    /// <summary>A nested plain object.</summary>
    public static FieldType NestedOf(IReadOnlyList<SchemaField> fields) =>
        new(FieldKind.Nested, FieldOptions.None) { Fields = fields };

    /// <summary>An array of sub-documents.</summary>
    public static FieldType DocumentArrayOf(
        IReadOnlyList<SchemaField> fields,
        FieldOptions? options = null
    ) => new(FieldKind.DocumentArray, options ?? FieldOptions.None) { Fields = fields };

    /// <summary>The field of a nested / sub-document level by name, or null.</summary>
    public FieldType? Field(string name)
    {
        foreach (var f in Fields)
        {
            if (f.Name == name)
            {
                return f.Type;
            }
        }
        return null;
    }
}
