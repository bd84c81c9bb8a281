using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Store;

/// <summary>
/// One MongoDB-like collection: documents in insertion (natural) order, unique indexes, copy-on-write storage.
/// Readers take <see cref="Snapshot"/> without locking (stored documents are never changed in place); writers hold
/// <see cref="Gate"/> (<c>lock</c>) for their whole read-check-write step, so writes to one collection are serial.
/// </summary>
internal sealed class Collection(string name)
{
    private ImmutableList<JsonObject> documents = [];
    private ImmutableArray<string> uniqueFields = [];

    /// <summary>The collection name (model name for SIS objects, schema name for entities).</summary>
    public string Name { get; } = name;

    /// <summary>Lock this while writing (and while reading for a write decision).</summary>
    public object Gate { get; } = new();

    /// <summary>The current documents, in insertion order; never changes afterwards.</summary>
    public ImmutableList<JsonObject> Snapshot => Volatile.Read(ref documents);

    /// <summary>Dotted paths with a unique index (a missing value counts as null, so at most one document may lack it).</summary>
    public ImmutableArray<string> UniqueFields
    {
        get => uniqueFields;
        set => uniqueFields = value;
    }

    /// <summary>The first document whose <paramref name="field"/> is the string <paramref name="value"/>.</summary>
    public JsonObject? Find(string field, string value) =>
        Snapshot.FirstOrDefault(d =>
            d[field] is JsonValue v && v.TryGetValue<string>(out var s) && s == value
        );

    /// <summary>Inserts (caller holds <see cref="Gate"/>); a unique index violation is a 500 E11000.</summary>
    public Outcome<JsonObject> Insert(JsonObject document)
    {
        if (Violation(document, null) is { } problem)
        {
            return problem;
        }
        SisJson.Freeze(document);
        documents = documents.Add(document);
        return Outcome.Ok(document);
    }

    /// <summary>Inserts many at once (caller holds <see cref="Gate"/>); each is checked against the others too.</summary>
    public bool CanInsert(JsonObject document) => Violation(document, null) is null;

    /// <summary>Replaces <paramref name="old"/> with <paramref name="replacement"/> (caller holds <see cref="Gate"/>).</summary>
    public Outcome<JsonObject> Replace(JsonObject old, JsonObject replacement)
    {
        var index = documents.IndexOf(old, ReferenceEqualityComparer.Instance);
        if (index < 0)
        {
            return SisProblem.Internal("Document was changed concurrently.");
        }
        if (Violation(replacement, old) is { } problem)
        {
            return problem;
        }
        SisJson.Freeze(replacement);
        documents = documents.SetItem(index, replacement);
        return Outcome.Ok(replacement);
    }

    /// <summary>Removes a document (caller holds <see cref="Gate"/>); false when it is no longer stored.</summary>
    public bool Remove(JsonObject document)
    {
        var next = documents.Remove(document, ReferenceEqualityComparer.Instance);
        var removed = !ReferenceEquals(next, documents);
        documents = next;
        return removed;
    }

    /// <summary>Replaces everything (state loading, schema field removal); caller holds <see cref="Gate"/>.</summary>
    public void Reset(IEnumerable<JsonObject> replacement)
    {
        var list = replacement.ToImmutableList();
        foreach (var d in list)
        {
            SisJson.Freeze(d);
        }
        documents = list;
    }

    private SisProblem? Violation(JsonObject document, JsonObject? self)
    {
        foreach (var field in uniqueFields)
        {
            var value = SisJson.Path(document, field);
            foreach (var other in documents)
            {
                if (ReferenceEquals(other, self))
                {
                    continue;
                }
                if (JsonNode.DeepEquals(SisJson.Path(other, field), value))
                {
                    return SisProblem.Internal(
                        $"MongoError: E11000 duplicate key error index: sis.{Name}.${field}_1 dup key: {{ : {SisJson.Text(value)} }}"
                    );
                }
            }
        }
        return null;
    }
}
