namespace Functional.Emulators.Sis.Query;

/// <summary>The schema type of a path, as far as query casting cares.</summary>
internal enum FieldKind
{
    /// <summary>A String path (numbers and booleans become strings).</summary>
    String,

    /// <summary>A Number path (<c>"0"</c> → 0).</summary>
    Number,

    /// <summary>A Boolean path (lenient Mongoose 4.0 casting).</summary>
    Boolean,

    /// <summary>A Date path (ISO strings, epoch numbers).</summary>
    Date,

    /// <summary>An ObjectId path (24 hex digits or <c>{_id}</c>).</summary>
    ObjectId,

    /// <summary>A Mixed path: values are not cast.</summary>
    Mixed,

    /// <summary>Anything else (sub-documents, custom types): values are not cast.</summary>
    Other,
}

/// <summary>The type of a schema path for query casting: the element kind and whether the path is an array of it.</summary>
internal sealed record FieldTypeInfo(FieldKind Kind, bool IsArray = false)
{
    /// <summary>A scalar path of <paramref name="kind"/>.</summary>
    public static FieldTypeInfo Of(FieldKind kind) => new(kind);

    /// <summary>An array path whose elements are <paramref name="kind"/>.</summary>
    public static FieldTypeInfo ArrayOf(FieldKind kind) => new(kind, true);
}
